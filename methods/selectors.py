"""Reads of methods for the public pages, each at a fixed number of queries.

Methods sit below offers and resources (services and resources build on methods):
what those apps list on a method's page, they contribute (core/relations.py).
"""

from django.db.models import Prefetch

from core.relations import contributed_prefetches

from .models import Method, Talk, TalkMethod


def method_list(user):
    """Methods for the list page: what a card shows, in one query per page."""
    return Method.objects.visible_to(user).select_related("category")


def method_detail(user):
    """Methods for the method page, with everything it lists, for ``user``."""
    return method_page(user).prefetch_related(*method_fragment_prefetches(user))


def method_page(user):
    """Methods for the method page without what only its fragment lists
    (``method_fragment_prefetches``, read when the fragment is rendered)."""
    return Method.objects.visible_to(user).select_related("category", "parent")


def method_fragment_prefetches(user):
    visible = Method.objects.visible_to(user)
    return [
        "target_groups",
        "phases",
        "sources",
        Prefetch("children", queryset=visible.only("slug", "name", "parent_id")),
        Prefetch(
            "related_methods",
            queryset=visible.select_related("category"),
            to_attr="published_related_methods",
        ),
        Prefetch(
            "talks",
            queryset=Talk.objects.prefetch_related("presenters"),
        ),
        *contributed_prefetches(Method, user),
    ]


def _talk_prefetches(user):
    return (
        "presenters",
        Prefetch(
            "methods",
            queryset=Method.objects.visible_to(user).only(
                "slug", "name", "abbreviation"
            ),
            to_attr="visible_methods",
        ),
    )


def talk_list(user):
    """Talks, courses and trainings, with their presenters and the methods
    ``user`` may see."""
    return Talk.objects.prefetch_related(*_talk_prefetches(user))


def talk_detail(user):
    """A talk with its presenters and each method link ``user`` may see, with
    the link's note and source."""
    uses = TalkMethod.objects.filter(
        method__in=Method.objects.visible_to(user)
    ).select_related("method")
    return Talk.objects.prefetch_related(
        "presenters",
        Prefetch("method_uses", queryset=uses, to_attr="visible_method_uses"),
    )
