"""Search in the library, by the one visibility rule; see core/search.py."""

from core.search import SearchSpec, filter_queryset, run_search

from .models import Resource

RESOURCE_SEARCH = SearchSpec(
    title=("title",),
    summary=("summary",),
    body=("authors", "publisher"),
    document="search_vector",
)


def search(query, user, limit):
    """Resources ``user`` may see matching ``query``: ``(count, resources)``."""
    queryset = Resource.objects.visible_to(user)
    return run_search(queryset, RESOURCE_SEARCH, query, limit)


def matching(queryset, query):
    """Narrow a resource queryset (already visibility-filtered) to ``query``."""
    return filter_queryset(queryset, RESOURCE_SEARCH, query)
