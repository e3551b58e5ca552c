"""Plans and goals for everyone: the plan list, a plan, a goal, and a plan's
figures as spreadsheets (the same format the admin imports)."""

import functools
from datetime import date
from itertools import groupby

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from core.templatetags.fragments import prefetch_once
from core.views import FilteredListView

from . import progress as rules
from . import selectors, status
from .budget import budget_tables
from .charts import build_chart
from .filters import PlanFilter
from .models import Plan
from .spreadsheets import GoalResource, MeasurementResource, TargetResource
from .spreadsheets.formats import DanishCSV, DanishXLSX


class PlanListView(FilteredListView):
    """Plans, 20 a page, with the status of their goals; ``q`` (what the site
    search links to), ``kind`` and ``owner`` narrow the list."""

    filterset_class = PlanFilter
    template_name = "goals/plan/index.html"
    results_template_name = "goals/plan/_results.html"
    context_object_name = "plans"

    def get_queryset(self):
        return selectors.plan_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The goals' stored statuses, counted by the database for the page's plans.
        counts = status.counts_by_plan([plan.pk for plan in context["plans"]])
        for plan in context["plans"]:
            plan.status_counts = counts.get(plan.pk, [])
            plan.goal_count = sum(count for _status, count in plan.status_counts)
        form = self.filterset.form
        query = form.cleaned_data.get("q", "") if form.is_valid() else ""
        context["query"] = query
        context["matching_goals"] = selectors.matching_goal_list(query) if query else []
        context["today"] = timezone.localdate()
        return context


class PlanDetailView(DetailView):
    template_name = "goals/plan/detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return selectors.plan_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        # The goals, their statuses and the budget are shown in the plan's
        # fragment only: read and worked out when it is rendered, not when it
        # comes from the cache (core/templatetags/fragments.py).
        prepare = prefetch_once(plan, *selectors.plan_fragment_prefetches())
        body = functools.cache(lambda: _plan_body(prepare, plan))
        context["prepare_fragments"] = prepare
        for name in ("goals", "goal_groups", "status_counts", "budget_tables"):
            context[name] = SimpleLazyObject(functools.partial(_item, body, name))
        context["today"] = timezone.localdate()
        context["downloads"] = [
            (kind, label, [(fmt, fmt.upper()) for fmt in EXPORT_FORMATS])
            for kind, (label, _resource, _rows) in EXPORTS.items()
        ]
        return context


def _plan_body(prepare, plan):
    prepare()
    goals = sorted(plan.goals.all(), key=_theme_order)
    return {
        "goals": goals,
        "goal_groups": [
            (theme, list(members))
            for theme, members in groupby(goals, key=lambda goal: goal.theme)
        ],
        "status_counts": rules.count_statuses(
            rules.Status(goal.status) for goal in goals
        ),
        "budget_tables": budget_tables(plan.budget_lines.all()),
    }


def _item(body, name):
    return body()[name]


class GoalDetailView(DetailView):
    template_name = "goals/goal/detail.html"
    context_object_name = "goal"

    def get_object(self, queryset=None):
        goal = selectors.goal_page(self.kwargs["plan"], self.kwargs["code"]).first()
        if goal is None:
            raise Http404(_("Målet findes ikke."))
        return goal

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        goal = self.object
        # The figures, the progress worked out from them, the chart and the
        # lists are shown in the goal's fragment only: read and built when it
        # is rendered, not when it comes from the cache
        # (core/templatetags/fragments.py).
        prepare = prefetch_once(
            goal, *selectors.goal_fragment_prefetches(self.request.user)
        )

        @functools.cache
        def progress():
            prepare()
            return goal.progress

        context["prepare_fragments"] = prepare
        context["progress"] = SimpleLazyObject(progress)
        context["chart"] = SimpleLazyObject(lambda: build_chart(progress()))
        context["rows"] = SimpleLazyObject(lambda: figure_rows(progress()))
        context["targets_beyond_plan"] = SimpleLazyObject(
            lambda: (prepare(), goal.targets_beyond_plan())[1]
        )
        return context


class PlanExportView(View):
    """``/planer/<plan>/maal.csv`` and friends: what the admin's import reads."""

    def get(self, request, slug, kind, fmt):
        if kind not in EXPORTS or fmt not in EXPORT_FORMATS:
            raise Http404(_("Den fil findes ikke."))
        plan = get_object_or_404(Plan, slug=slug)
        _label, resource_class, rows = EXPORTS[kind]
        # Those who may import goals get the curators' file, with draft offers,
        # so an import of it keeps them; everyone else, staff in no group
        # included, gets the public file without them.
        resource = resource_class(public=not request.user.has_perm("goals.change_goal"))
        file_format = EXPORT_FORMATS[fmt]()
        dataset = resource.export(queryset=rows(plan), force_native_type=fmt == "xlsx")
        response = HttpResponse(
            file_format.export_data(dataset),
            content_type=file_format.get_content_type(),
        )
        # “maalinger-aftale-csi-2019-2020-2026-12-03.xlsx”: what, which plan, when.
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="{kind}-{plan.slug}-{day}.{fmt}"'
        )
        return response


EXPORT_FORMATS = {"csv": DanishCSV, "xlsx": DanishXLSX}
EXPORTS = {
    "maal": (gettext_lazy("Målene"), GoalResource, selectors.goals_for_export),
    "maalsaetninger": (
        gettext_lazy("Målsætningerne"),
        TargetResource,
        selectors.targets_for_export,
    ),
    "maalinger": (
        gettext_lazy("Målingerne"),
        MeasurementResource,
        selectors.measurements_for_export,
    ),
}


def figure_rows(progress):
    """Every figure of a goal in time order, as the table beside the chart."""
    unit = progress.unit
    baseline = progress.baseline
    rows = []
    for result in progress.earlier_results:
        rows.append(
            _row(
                result.end,
                result.label,
                _("Måling fra før eller under udgangspunktet"),
                result,
                unit,
            )
        )
    if baseline:
        # A baseline with no period is where the way starts: first.
        rows.append(
            _row(
                baseline.end or date.min,
                baseline.label or _("Periode ikke angivet"),
                _("Udgangspunkt"),
                baseline,
                unit,
            )
        )
    for result in progress.results:
        row = _row(result.end, result.label, _("Resultat"), result, unit)
        if baseline and baseline.end and progress.targets:
            expected = rules.path_value(baseline, progress.targets, result.end)
            row["expected"] = rules.format_value(unit, expected)
        rows.append(row)
    undated = [progress.undated_target] if progress.undated_target else []
    for target in [*progress.targets, *undated]:
        # A target with no year set comes last.
        rows.append(
            {
                "sort": (target.end or date.max, date.max, 1),
                "period": str(target.year) if target.year else _("Uden årstal"),
                "kind": _("Målsætning"),
                "kind_code": "target",
                "value": rules.format_value(unit, target.value),
                "n": None,
                "small_n": False,
                "expected": "",
            }
        )
    rows.sort(key=lambda row: row["sort"])
    return rows


def _row(end, label, kind, figure, unit):
    return {
        # Periods that end together (“2017/2018” and “2018”) in order of start.
        "sort": (end, figure.start or date.min, 0),
        "period": label,
        "kind": kind,
        "kind_code": "figure",
        "value": rules.format_value(unit, figure.value),
        "n": figure.n,
        "small_n": rules.is_small_n(figure.n),
        "expected": "",
    }


def _theme_order(goal):
    theme = goal.theme
    return (
        theme is None,
        theme.order if theme else 0,
        theme.name if theme else "",
        goal.order,
        goal.code,
    )
