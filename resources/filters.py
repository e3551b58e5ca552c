"""The filters of the library and of the knowledge-source list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import (
    PortalFilterSet,
    SlugChoiceFilter,
    TextQueryFilter,
    name_with_parent,
    requester,
)
from methods.models import Method
from services.models import Offer

from . import search
from .models import KnowledgeSource, Resource


def _visible_methods(request):
    return Method.objects.visible_to(requester(request))


def _visible_offers(request):
    return Offer.objects.visible_to(requester(request)).select_related("parent")


class ResourceFilter(PortalFilterSet):
    q = TextQueryFilter(
        matcher=search.matching,
        label=_("Søg i materialer"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Resource.Kind.choices, empty_label=_("Alle")
    )
    method = SlugChoiceFilter(
        label=_("Metode"), queryset=_visible_methods, field_name="methods"
    )
    offer = SlugChoiceFilter(
        label=_("Tilbud"),
        queryset=_visible_offers,
        field_name="offers",
        label_from_instance=name_with_parent,
    )
    source = SlugChoiceFilter(
        label=_("Videnskilde"), queryset=KnowledgeSource.objects.only("slug", "name")
    )
    year = django_filters.ChoiceFilter(label=_("År"), empty_label=_("Alle"))

    class Meta:
        model = Resource
        fields = ["q", "kind", "method", "offer", "source", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the years of what this visitor may see.
        years = (
            self.queryset.exclude(year=None)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]


class KnowledgeSourceFilter(PortalFilterSet):
    q = TextQueryFilter(
        fields=("name", "description", "publishes"),
        label=_("Søg i videnskilder"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=KnowledgeSource.Kind.choices, empty_label=_("Alle")
    )

    class Meta:
        model = KnowledgeSource
        fields = ["q", "kind"]
