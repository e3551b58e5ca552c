"""Search in methods (the machinery is in core/search.py)."""

from core.search import SearchSpec, filter_queryset, run_search

from .models import Method, Talk

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


TALK_SEARCH = SearchSpec(
    title=("title",),
    summary=("description",),
    body=("audience",),
)


def talk_matching(queryset, query):
    """Narrow a talk queryset to ``query``, best match first (the talk list)."""
    return filter_queryset(queryset, TALK_SEARCH, query)


def search_talks(query, user, limit):
    """Talks matching ``query``, best first: ``(count, talks)``."""
    return run_search(Talk.objects.all(), TALK_SEARCH, query, limit)
