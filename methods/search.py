"""Search in methods (the machinery is in core/search.py)."""

from core.search import SearchSpec, filter_queryset, run_search

from .models import Method

METHOD_SEARCH = SearchSpec(
    title=("name", "abbreviation"),
    summary=("summary",),
    body=("description", "target_group"),
    document="search_vector",
)


def search(query, user, limit):
    """Methods ``user`` may see matching ``query``, best first: ``(count, methods)``."""
    queryset = Method.objects.visible_to(user).select_related("category")
    return run_search(queryset, METHOD_SEARCH, query, limit)


def matching(queryset, query):
    """Narrow a method queryset to ``query``, best match first."""
    return filter_queryset(queryset, METHOD_SEARCH, query)
