"""Reads of plans and goals for the public pages and downloads.

Each page costs a fixed number of queries whatever the number of goals and
figures: baselines come with their goal, targets and measurements in one query
each, and a goal's progress (goals/progress.py) is computed from them in Python.
Lists read the goal's stored status instead (goals/status.py).
"""

from django.db.models import Prefetch

from services.models import Offer

from .models import (
    Baseline,
    BudgetLine,
    Goal,
    Initiative,
    Measurement,
    Plan,
    Target,
)
from .search import matching_goals


def goals_with_figures():
    """Goals with everything their progress needs (3 queries for any number)."""
    return Goal.objects.select_related("plan", "baseline", "theme").prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("year")),
        Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("period_end", "period_start"),
        ),
    )


def plan_list():
    """Plans with their owner; their goals are counted by status for the shown
    page only (goals/status.py: counts_by_plan), not joined here, so the
    paginator's count and the page are plain indexed reads."""
    return Plan.objects.select_related("owner").order_by("-period_start", "title")


def matching_goal_list(query, limit=20):
    """Goals whose text matches ``query``, best first (the plan list's search)."""
    return list(matching_goals(Goal.objects.select_related("plan"), query)[:limit])


def plan_detail():
    """A plan with its strategy, focus areas, initiatives and goals."""
    return plan_page().prefetch_related(*plan_fragment_prefetches())


def plan_page():
    """A plan as its page shows it outside its fragment; the rest is
    ``plan_fragment_prefetches``, read when the fragment is rendered."""
    return Plan.objects.select_related("owner")


def plan_fragment_prefetches():
    return [
        "focus_areas",
        "key_figures",
        Prefetch("budget_lines", queryset=BudgetLine.objects.select_related("offer")),
        Prefetch(
            "initiatives",
            queryset=Initiative.objects.select_related("focus_area").order_by(
                "order", "title"
            ),
        ),
        Prefetch(
            "goals",
            queryset=goals_with_figures().select_related("focus_area"),
        ),
    ]


def goal_detail(plan_slug, code, user):
    """One goal with its figures, the responsible offers ``user`` may see, and
    links."""
    return goal_page(plan_slug, code).prefetch_related(
        *goal_fragment_prefetches(user)
    )


def goal_page(plan_slug, code):
    """One goal as its page needs it outside its fragment (the title and the
    stored status); the rest is ``goal_fragment_prefetches``, read when the
    fragment is rendered."""
    # Three joins, not five: with the focus area and the supported goal's plan
    # joined too, PostgreSQL spent 6-8 ms planning the statement at 100x (0.6 ms
    # without them), on every fresh render; they are shown in the fragment only.
    return Goal.objects.select_related("plan__owner", "baseline", "theme").filter(
        plan__slug=plan_slug, code=code
    )


def goal_fragment_prefetches(user):
    return [
        "focus_area",
        "supports__plan",
        Prefetch("targets", queryset=Target.objects.order_by("year")),
        Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("period_end", "period_start"),
        ),
        Prefetch(
            "responsible_offers",
            queryset=Offer.objects.visible_to(user).order_by("name"),
            to_attr="published_responsible_offers",
        ),
        Prefetch(
            "supporting_goals",
            queryset=Goal.objects.select_related("plan").order_by(
                "plan__title", "order"
            ),
        ),
    ]


def goals_for_export(plan):
    """A plan's goals as the spreadsheet export needs them."""
    return (
        Goal.objects.filter(plan=plan)
        .select_related("plan", "theme", "focus_area", "baseline", "supports__plan")
        .prefetch_related("responsible_offers")
        .order_by("order", "code")
    )


def targets_for_export(plan):
    return (
        Target.objects.filter(goal__plan=plan)
        .select_related("goal__plan")
        .order_by("goal__order", "goal__code", "year")
    )


def measurements_for_export(plan):
    return (
        Measurement.objects.filter(goal__plan=plan)
        .select_related("goal__plan")
        .order_by("goal__order", "goal__code", "period_end", "period_start")
    )


def goal_changes(goal, limit=10):
    """The latest history rows of a goal and of its baseline, targets and
    measurements, newest first (four queries), each with who made it."""
    rows = [
        *goal.history.select_related("history_user").order_by("-history_date")[:limit]
    ]
    for model in (Baseline, Target, Measurement):
        rows += (
            model.history.filter(goal_id=goal.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
    rows.sort(key=lambda row: row.history_date, reverse=True)
    return rows[:limit]


def reporting_round(today=None):
    """The managers' reporting round (goals/reporting.py) over every goal."""
    from .reporting import reporting_round as evaluate_round

    return evaluate_round(today=today)
