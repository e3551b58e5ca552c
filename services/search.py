"""Search in offers, by the one visibility rule; see core/search.py for the rest."""

from core.search import SearchSpec, filter_queryset, run_search

from .models import Offer, UrgentHelp

OFFER_SEARCH = SearchSpec(
    title=("name",),
    summary=("summary",),
    body=("description", "target_group", "how_to_apply"),
    document="search_vector",
)


def search(query, user, limit):
    """Offers ``user`` may see matching ``query``, best first: ``(count, offers)``."""
    queryset = Offer.objects.visible_to(user).select_related("kind")
    return run_search(queryset, OFFER_SEARCH, query, limit)


def matching(queryset, query):
    """Narrow an offer queryset to ``query``, best match first."""
    return filter_queryset(queryset, OFFER_SEARCH, query)


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
