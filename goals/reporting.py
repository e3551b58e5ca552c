"""The managers' reporting round ("Afrapportering"): what a plan's goals still
need before the round is done.

- goals lacking a result for their plan's reporting year (the plan's last
  year that has ended, or a later one the plan already has results for);
- targets due this year;
- goals whose status changed since a month ago (their figures as they were
  then, read from the history, against their figures now).

Reads only; the admin's start page (config/admin_site.py) shows it, the
spreadsheet of missing rows (``missing_rows``) is exported through the
measurements file so it can be filled in and imported back.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from . import progress
from .models import Baseline, Goal, Measurement, Target
from .periods import parse_period


@dataclass(frozen=True)
class MissingResult:
    goal: Goal
    year: int
    #: The label the plan's other goals use for that year (“2019”).
    period_label: str


@dataclass(frozen=True)
class StatusChange:
    goal: Goal
    before: progress.Status
    now: progress.Status


@dataclass(frozen=True)
class ReportingRound:
    missing: list
    due_targets: list
    changed: list


def goals_in_round():
    """Every goal with the figures its progress needs (three queries)."""
    from .selectors import goals_with_figures

    return goals_with_figures().order_by("plan__title", "order", "code")


def reporting_round(goals=None, today=None):
    today = today or timezone.localdate()
    goals = list(goals if goals is not None else goals_in_round())
    return ReportingRound(
        missing=missing_results(goals, today),
        due_targets=targets_due(goals, today.year),
        changed=status_changes(goals, timezone.now() - datetime.timedelta(days=30)),
    )


def missing_results(goals, today=None):
    """The goals lacking a result for their plan's reporting year: the last
    year the plan runs that has ended, or a later year a goal of the plan
    already has a result for."""
    today = today or timezone.localdate()
    by_plan = defaultdict(list)
    for goal in goals:
        by_plan[goal.plan_id].append(goal)
    missing = []
    for plan_goals in by_plan.values():
        plan = plan_goals[0].plan
        measurements = [m for goal in plan_goals for m in goal.measurements.all()]
        year = max(
            [min(plan.period_end or today.year - 1, today.year - 1)]
            + [m.year for m in measurements]
        )
        labels = Counter(m.period_label for m in measurements if m.year == year)
        label = labels.most_common(1)[0][0] if labels else str(year)
        missing += [
            MissingResult(goal, year, label)
            for goal in plan_goals
            if not any(m.year == year for m in goal.measurements.all())
        ]
    return missing


def targets_due(goals, year):
    """The targets due ``year``, with their goal."""
    return [
        target for goal in goals for target in goal.targets.all() if target.year == year
    ]


def status_changes(goals, since):
    """Goals whose status differs from what it was at ``since``, judged by
    their figures then (the history) against their figures now. Only goals
    with a figure changed since then are recomputed."""
    by_pk = {goal.pk: goal for goal in goals}
    touched = set()
    for model in (Baseline, Target, Measurement):
        touched |= set(
            model.history.filter(goal_id__in=by_pk, history_date__gt=since)
            .values_list("goal_id", flat=True)
            .distinct()
        )
    if not touched:
        return []
    then = figures_as_of(sorted(touched), since, {pk: by_pk[pk] for pk in touched})
    changed = []
    for pk in sorted(touched, key=lambda pk: (by_pk[pk].plan_id, by_pk[pk].order)):
        goal = by_pk[pk]
        before = progress.evaluate(then[pk]).status
        if before != goal.progress.status:
            changed.append(StatusChange(goal, before, goal.progress.status))
    return changed


def figures_as_of(goal_ids, when, goals):
    """Each goal's figures as the history had them at ``when``."""
    state = {}
    for model in (Baseline, Target, Measurement):
        rows = model.history.filter(goal_id__in=goal_ids, history_date__lte=when)
        latest = {}
        for row in rows.order_by("history_date", "history_id"):
            latest[row.id] = row
        state[model] = [row for row in latest.values() if row.history_type != "-"]
    figures = {}
    for pk in goal_ids:
        goal = goals[pk]
        baseline = next((b for b in state[Baseline] if b.goal_id == pk), None)
        figures[pk] = progress.GoalFigures(
            unit=goal.unit,
            direction=goal.direction,
            baseline=(
                Baseline(**_fields(Baseline, baseline)).as_result()
                if baseline
                else None
            ),
            targets=tuple(
                progress.TargetValue(year=t.year, value=t.value)
                for t in state[Target]
                if t.goal_id == pk
            ),
            measurements=tuple(
                progress.Result(
                    value=m.value,
                    start=m.period_start,
                    end=m.period_end,
                    label=m.period_label,
                    n=m.n,
                )
                for m in state[Measurement]
                if m.goal_id == pk
            ),
        )
    return figures


def _fields(model, record):
    return {
        field.attname: getattr(record, field.attname)
        for field in model._meta.concrete_fields
        if hasattr(record, field.attname)
    }


def missing_rows(missing):
    """Unsaved measurements for the missing results, for the spreadsheet a
    manager fills in and imports back (the measurements file)."""
    rows = []
    for item in missing:
        start, end = parse_period(item.period_label)
        rows.append(
            Measurement(
                goal=item.goal,
                period_label=item.period_label,
                period_start=start,
                period_end=end,
                value=None,
            )
        )
    return rows
