"""The filters of the methods list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import (
    PortalFilterSet,
    SlugChoiceFilter,
    TextQueryFilter,
    name_with_parent,
    requester,
)

from . import search
from .models import Method, MethodCategory, Rating, TargetGroup

NOT_RATED = "none"



def evidence_choices():
    return [*Rating.choices, (NOT_RATED, _("Ikke vurderet"))]


def visible_offers(request):
    # Offers live above methods (services builds on methods), so reach them
    # through the relation rather than by import.
    offer_model = Method._meta.get_field("offers").related_model
    return offer_model.objects.visible_to(requester(request)).select_related("parent")


class MethodFilter(PortalFilterSet):
    q = TextQueryFilter(
        matcher=search.matching,
        label=_("Søg i metoder"),
    )
    category = SlugChoiceFilter(
        label=_("Kategori"), queryset=MethodCategory.objects.all()
    )
    evidence = django_filters.ChoiceFilter(
        label=_("Evidensniveau (effekt)"),
        choices=evidence_choices,
        empty_label=_("Alle"),
        method="filter_evidence",
    )
    offer = SlugChoiceFilter(
        label=_("Bruges i tilbuddet"),
        queryset=visible_offers,
        field_name="offers",
        label_from_instance=name_with_parent,
    )
    target_group = SlugChoiceFilter(
        label=_("Målgruppe"),
        queryset=TargetGroup.objects.all(),
        field_name="target_groups",
    )

    class Meta:
        model = Method
        fields = ["q", "category", "evidence", "offer", "target_group"]

    def filter_evidence(self, queryset, name, value):
        return queryset.filter(rating_effect="" if value == NOT_RATED else value)
