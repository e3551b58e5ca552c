"""The filters of the plan list (one FilterSet; plans are all public).

``q`` is what the site search links to (“see all plans and goals for …”): a
plan matches by its own text or by one of its goals' texts (goals/search.py).
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import MAX_QUERY_LENGTH, PortalFilterSet, SlugChoiceFilter
from services.models import Organisation

from .models import Goal, Plan
from .search import matching_goals, matching_plans


class PlanFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        label=_("Søg i planer og mål"),
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput,
        error_messages={
            "max_length": _(
                "Søgeteksten er for lang. Skriv højst %(limit_value)d tegn."
            )
        },
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Plan.Kind.choices, empty_label=_("Alle")
    )
    owner = SlugChoiceFilter(
        label=_("Ejer"),
        queryset=Organisation.objects.filter(plans__isnull=False)
        .distinct()
        .order_by("name"),
    )

    class Meta:
        model = Plan
        fields = ["q", "kind", "owner"]

    def filter_text(self, queryset, name, value):
        plans = matching_plans(Plan.objects.all(), value).values("pk")
        goals = matching_goals(Goal.objects.all(), value).values("plan_id")
        return queryset.filter(Q(pk__in=plans) | Q(pk__in=goals))
