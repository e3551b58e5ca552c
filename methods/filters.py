"""The filters of the methods list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import (
    PortalFilterSet,
    SlugChoiceFilter,
    TextQueryFilter,
)

from . import search
from .models import Method, MethodCategory, Rating, TargetGroup

NOT_RATED = "none"


def evidence_choices():
    return [*Rating.choices, (NOT_RATED, _("Ikke vurderet"))]


class MethodFilter(PortalFilterSet):
    # services adds "offer" (Bruges i tilbuddet) before the target group.

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
    target_group = SlugChoiceFilter(
        label=_("Målgruppe"),
        queryset=TargetGroup.objects.all(),
        field_name="target_groups",
    )

    class Meta:
        model = Method
        fields = ["q", "category", "evidence", "target_group"]

    def filter_evidence(self, queryset, name, value):
        return queryset.filter(rating_effect="" if value == NOT_RATED else value)
