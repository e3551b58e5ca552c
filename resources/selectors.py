"""Reads of the library for the public pages, each at a fixed number of queries.

Every read goes through ``Resource.objects.visible_to(user)``, the one rule for
who sees what.
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from methods.models import Method
from services.models import Offer

from .models import KnowledgeSource, Resource

LATEST_PER_SOURCE = 10


def resource_list(user):
    """What ``user`` may see in the library, with what a card shows."""
    return Resource.objects.visible_to(user).select_related("source")


def resource_page(user):
    """Resources for the resource page; the methods and offers ``user`` may
    see, which only its fragment lists, are ``resource_fragment_prefetches``,
    read when the fragment is rendered."""
    return Resource.objects.visible_to(user).select_related("source")


def resource_fragment_prefetches(user):
    return [
        Prefetch(
            "methods",
            queryset=Method.objects.visible_to(user),
            to_attr="published_methods",
        ),
        Prefetch(
            "offers",
            queryset=Offer.objects.visible_to(user).select_related("kind"),
            to_attr="published_offers",
        ),
    ]


def knowledge_source_list(user):
    """Knowledge sources, each with the number of resources ``user`` may see."""
    return KnowledgeSource.objects.annotate(
        resource_count=_visible_resource_count(user)
    )


def latest_resources(source, user, limit=LATEST_PER_SOURCE):
    """The newest resources from ``source`` that ``user`` may see."""
    return list(
        Resource.objects.visible_to(user)
        .filter(source=source)
        .select_related("source")
        .order_by("-year", "title")[:limit]
    )


def _visible_resource_count(user):
    counts = (
        Resource.objects.visible_to(user)
        .filter(source=OuterRef("pk"))
        .order_by()
        .values("source")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)
