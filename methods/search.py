"""Search in methods, talks and presenters (the machinery is in core/search.py).

Talks and presenters have no publication status of their own: a talk is found
unless all the methods it is about are drafts; a presenter when they give a
talk that is found."""

from django.db.models import Exists, OuterRef

from core.search import SearchSpec, filter_queryset, run_search

from .models import Method, Presenter, Talk

METHOD_SEARCH = SearchSpec(
    title=("name", "abbreviation"),
    summary=("summary",),
    body=("description", "target_group"),
    document="search_vector",
)
TALK_SEARCH = SearchSpec(
    title=("title",),
    summary=("audience",),
    body=("description",),
    document="search_vector",
)
PRESENTER_SEARCH = SearchSpec(
    title=("name",), summary=("job_title",), document="search_vector"
)


def methods_for(user):
    """The methods ``user`` may find."""
    return Method.objects.visible_to(user).select_related("category")


def talks_for(user):
    """The talks ``user`` may find: those of a method they may see, and those
    about no method in particular; not those only about drafts."""
    visible = Method.objects.visible_to(user).filter(talks=OuterRef("pk"))
    any_method = Method.objects.filter(talks=OuterRef("pk"))
    return Talk.objects.filter(Exists(visible) | ~Exists(any_method)).prefetch_related(
        "methods"
    )


def presenters_for(user):
    """The presenters ``user`` may find: those giving a talk they may find."""
    talks = talks_for(user).filter(presenters=OuterRef("pk"))
    return Presenter.objects.filter(Exists(talks)).prefetch_related("talks__methods")


def search(query, user, limit):
    """Methods ``user`` may see matching ``query``, best first: ``(count, methods)``."""
    return run_search(methods_for(user), METHOD_SEARCH, query, limit)


def matching(queryset, query):
    """Narrow a method queryset to ``query``, best match first."""
    return filter_queryset(queryset, METHOD_SEARCH, query)


def talk_matching(queryset, query):
    """Narrow a talk queryset to ``query``, best match first (the talk list)."""
    return filter_queryset(queryset, TALK_SEARCH, query)
