"""Reads of methods for the public pages, each at a fixed number of queries.

Methods sit below offers and resources (services and resources build on methods),
so offers and resources are reached through the reverse relations, never imported.
"""

from django.db.models import Prefetch

from core.visibility import visible_through

from .models import Method, Talk


def method_list(user):
    """Methods for the list page: what a card shows, in one query per page."""
    return Method.objects.visible_to(user).select_related("category")


def method_detail(user):
    """Methods for the method page, with everything it lists, for ``user``."""
    visible = Method.objects.visible_to(user)
    offer_use = _offer_use_model()
    return visible.select_related("category", "parent").prefetch_related(
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
        Prefetch(
            "offer_uses",
            queryset=offer_use.objects.filter(visible_through(offer_use, "offer", user))
            .select_related("offer", "offer__kind")
            .order_by("offer__name"),
            to_attr="published_offer_uses",
        ),
        Prefetch(
            "resources",
            queryset=_resource_model().objects.visible_to(user),
            to_attr="visible_resources",
        ),
    )


def _offer_use_model():
    return Method._meta.get_field("offer_uses").related_model


def _resource_model():
    return Method._meta.get_field("resources").related_model
