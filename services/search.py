"""Search in offers, by the one visibility rule; see core/search.py for the rest."""

from core.search import SearchSpec, filter_queryset, run_search

from .models import Offer

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
    """Narrow an offer queryset to ``query``, best match first."""
    return filter_queryset(queryset, OFFER_SEARCH, query)
