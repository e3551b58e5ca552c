"""Reads of methods for the public pages, each at a fixed number of queries.

Methods sit below offers and resources (services and resources build on methods),
so offers and resources are reached through the reverse relations, never imported.
"""

from django.db.models import Prefetch

from .models import Method, Publication, Talk


def published_methods():
    """Drafts are for curators in the admin; no public page shows them."""
    return Method.objects.published()


def method_list():
    """Methods for the list page: what a card shows, in one query per page."""
    return published_methods().select_related("category")


def method_detail(user):
    """Methods for the method page, with everything it lists, for ``user``."""
    published = published_methods()
    return published.select_related("category", "parent").prefetch_related(
        "target_groups",
        "phases",
        "sources",
        Prefetch("children", queryset=published.only("slug", "name", "parent_id")),
        Prefetch(
            "related_methods",
            queryset=published.select_related("category"),
            to_attr="published_related_methods",
        ),
        Prefetch(
            "talks",
            queryset=Talk.objects.prefetch_related("presenters"),
        ),
        Prefetch(
            "offer_uses",
            queryset=_offer_use_model()
            .objects.filter(offer__status=Publication.PUBLISHED)
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
