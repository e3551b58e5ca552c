"""Search in the library and the knowledge sources, by the one visibility
rule; see core/search.py."""

from core.search import SearchSpec, filter_queryset, run_search

from .models import KnowledgeSource, Resource

RESOURCE_SEARCH = SearchSpec(
    title=("title",),
    summary=("summary",),
    body=("authors", "publisher"),
    document="search_vector",
)
KNOWLEDGE_SOURCE_SEARCH = SearchSpec(
    title=("name",),
    summary=("description",),
    body=("publishes",),
    document="search_vector",
)


def resources_for(user):
    """The resources ``user`` may find."""
    return Resource.objects.visible_to(user)


def knowledge_sources_for(user):
    """The knowledge sources (all public: they are organisations, not content)."""
    return KnowledgeSource.objects.all()


def search(query, user, limit):
    """Resources ``user`` may see matching ``query``: ``(count, resources)``."""
    return run_search(resources_for(user), RESOURCE_SEARCH, query, limit)


def matching(queryset, query):
    """Narrow a resource queryset (already visibility-filtered) to ``query``."""
    return filter_queryset(queryset, RESOURCE_SEARCH, query)
