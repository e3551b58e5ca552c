"""Search in offers, by the one visibility rule; see core/search.py for the rest."""

import re

from django.db.models import Case, IntegerField, Value, When

from core.search import SearchSpec, filter_queryset, fold, parse_query, run_search
from core.text import normalise_address

from .models import Offer, UrgentHelp

_WORD = re.compile(r"\w+")

OFFER_SEARCH = SearchSpec(
    title=("name",),
    summary=("summary",),
    body=("description", "target_group", "how_to_apply"),
    document="search_vector",
)


def offers_for(user):
    """The offers ``user`` may find."""
    return Offer.objects.visible_to(user).select_related("kind")


def search(query, user, limit):
    """Offers ``user`` may see matching ``query``, best first: ``(count, offers)``."""
    return run_search(offers_for(user), OFFER_SEARCH, query, limit)


def matching(queryset, query):
    """Narrow an offer queryset to ``query``, best match first; a query that is
    an address, in any of its spellings, finds the offers there first."""
    ranked = filter_queryset(queryset, OFFER_SEARCH, query)
    address = normalise_address(query)
    if len(address) < 4 or not at_address(queryset, address).exists():
        return ranked
    here = at_address(queryset, address).values("pk")
    return (
        (queryset.filter(pk__in=ranked.values("pk")) | queryset.filter(pk__in=here))
        .annotate(
            at_address=Case(
                When(pk__in=here, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("at_address", "name")
    )


def at_address(queryset, address):
    """Offers with a location whose address, normalised, contains ``address``."""
    return queryset.filter(locations__street_normalised__contains=address).distinct()


def urgent_help_matching(query, user):
    """The "Akut hjælp" entries for ``query``: those where a word of the query
    (spelt with or without æøå, or one of its synonyms) begins a word of the
    entry's title, situation or keywords, where people in need look first
    ("sove", "nat", "vold"). The entries are a short list kept by curators, so
    they are matched in Python with the search's own folding."""
    terms = parse_query(query)
    wanted = {
        fold(word)
        for word in terms.highlight_words()
        if len(word) >= 3 and fold(word) not in _SMALL_WORDS
    }
    if not wanted:
        return []
    return [
        entry
        for entry in urgent_help_for(user)
        if any(
            _same_word(word, query_word)
            for word in _WORD.findall(
                fold(" ".join([entry.title, entry.applies_when, entry.keywords]))
            )
            for query_word in wanted
        )
    ]


def _same_word(word, query_word):
    """``query_word`` begins ``word`` ("nat" → "natherberg"), or is ``word``
    inflected ("volden" → "vold")."""
    return word.startswith(query_word) or (
        len(word) >= 4 and query_word.startswith(word)
    )


# Words of a question ("hvor kan jeg sove i nat") that say nothing of the need.
_SMALL_WORDS = frozenset(
    "hvor hvad hvem hvordan hvornar kan jeg man der det den som til for med "
    "har skal vil min mit mine ikke nogen noget".split()
)


def urgent_help_for(user):
    """The "Akut hjælp" entries ``user`` may see, in the curators' order."""
    return UrgentHelp.objects.visible_to(user).select_related("offer")
