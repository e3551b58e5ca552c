"""The filters of the methods list."""

import django_filters
from django.db.models import Count
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
    """Only the ratings some published method has, each with how many; then
    the methods not yet rated. A rating no method has would only ever give an
    empty list."""
    counts = dict(
        Method.objects.visible_to(None)
        .order_by()
        .values_list("rating_effect")
        .annotate(count=Count("pk"))
    )
    choices = [
        (rating, f"{label} ({counts[rating]})")
        for rating, label in Rating.choices
        if counts.get(rating)
    ]
    if counts.get(""):
        choices.append((NOT_RATED, f"{_('Ikke vurderet endnu')} ({counts['']})"))
    return choices


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Counted once a request, not again each time the choices are read.
        self.filters["evidence"].extra["choices"] = evidence_choices()

    def filter_evidence(self, queryset, name, value):
        return queryset.filter(rating_effect="" if value == NOT_RATED else value)
