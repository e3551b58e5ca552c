"""Helpers for the goals tests: goals with figures, in a few lines."""

from decimal import Decimal

import pytest

from goals.models import Baseline, Goal, Measurement, Target
from goals.periods import parse_period
from tests.factories import GoalFactory, PlanFactory


def add_goal(
    plan,
    code,
    *,
    unit=Goal.Unit.PERCENT,
    direction=Goal.Direction.INCREASE,
    baseline=None,
    targets=(),
    measurements=(),
    **fields,
):
    """A goal with ``baseline=(value, "2017")``, ``targets=[(2020, 63)]`` and
    ``measurements=[("2019", 61)]`` or ``[("2019", 61, n)]``."""
    goal = GoalFactory(plan=plan, code=code, unit=unit, direction=direction, **fields)
    if baseline is not None:
        value, label, *rest = baseline
        start, end = parse_period(label)
        Baseline.objects.create(
            goal=goal,
            value=Decimal(value),
            period_label=label,
            period_start=start,
            period_end=end,
            n=rest[0] if rest else None,
        )
    for year, value in targets:
        Target.objects.create(goal=goal, year=year, value=Decimal(value))
    for label, value, *rest in measurements:
        start, end = parse_period(label)
        Measurement.objects.create(
            goal=goal,
            value=Decimal(value),
            period_label=label,
            period_start=start,
            period_end=end,
            n=rest[0] if rest else None,
        )
    return goal


@pytest.fixture
def plan(db):
    return PlanFactory(
        title="Aftale 2019-2020 for centret", period_start=2019, period_end=2020
    )


@pytest.fixture
def homeless(plan):
    """Fewer homeless citizens: 86 in 2017, 75 by 2022, 81 counted in 2019."""
    return add_goal(
        plan,
        "hjemloese",
        title="Færre borgere skal være hjemløse",
        unit=Goal.Unit.COUNT,
        direction=Goal.Direction.DECREASE,
        baseline=(86, "2017"),
        targets=[(2022, 75)],
        measurements=[("2019", 81)],
    )


@pytest.fixture
def mastery(plan):
    """A percentage: 60 % of 47 in 2017, 63 % by 2020, 61 % of 52 in 2018."""
    return add_goal(
        plan,
        "personlig-mestring",
        title="Flere borgere opnår større personlig mestring",
        baseline=(60, "2017", 47),
        targets=[(2020, 63)],
        measurements=[("2018", 61, 52)],
        narrative="Flere borgere har fået en fast kontaktperson.",
        # From a document, as the seeded goals are: an edit in the admin is
        # then no curator's own addition (core.admin.SourcedAdminMixin).
        source_document="Aftale 2019-2020",
    )
