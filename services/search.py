"""Search in offers, by the one visibility rule; see core/search.py for the rest."""

from django.db.models import Case, IntegerField, Value, When

from core.search import SearchSpec, filter_queryset, run_search
from core.text import normalise_address

from .models import Offer, UrgentHelp

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


URGENT_HELP_SEARCH = SearchSpec(
    title=("title",),
    summary=("applies_when",),
    body=("keywords", "address"),
)


def search_urgent_help(query, user, limit):
    """“Akut hjælp” entries matching ``query``: the words people type when in
    need (``sove``, ``nat``, ``vold``) are in each entry's keywords."""
    queryset = UrgentHelp.objects.visible_to(user).select_related("offer")
    return run_search(queryset, URGENT_HELP_SEARCH, query, limit)
