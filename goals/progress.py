"""Progress and status of a goal, computed from its figures; never typed in.

Pure functions over plain values: no database, no models. The rules are written
out in docs/goals.md; tests/goals/test_progress.py holds them at their edges.

In short: a goal has a baseline, targets for given years and measured results.
Time runs from the last day a figure covers (a target for 2020 is due on
31 December 2020). The planned path runs in straight lines from the baseline
through each target. The latest result is compared with that path at the
latest result's time: at least as good is “on track”, worse is “behind”; a result
that meets the final target is “achieved”. “Better” follows the goal's
direction (fewer homeless citizens is better).

Some plans leave out when: a target with no year set, a baseline with no period.
A yearless target is the final target only when the goal has no dated target
after the baseline; with no deadline there is no path, so it can only be
“achieved” or not yet known (“no data”). A baseline with no period gives the
value the way starts from, but no time: every result counts, and there is no
path to be on or behind.
"""

import enum
import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from core import formats

from .periods import target_due

PERCENT = "percent"
COUNT = "count"
AMOUNT = "amount"
INCREASE = "increase"
QUANTITATIVE = "quantitative"
QUALITATIVE = "qualitative"
DECREASE = "decrease"

#: Percentages resting on fewer cases than this are flagged as uncertain.
SMALL_N = 20


class Status(enum.StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"
    #: A goal with a direction and an assessment but no figures.
    QUALITATIVE = "qualitative"

    @property
    def label(self):
        return STATUS_LABELS[self]

    @property
    def explanation(self):
        return STATUS_EXPLANATIONS[self]


STATUS_LABELS = {
    Status.ACHIEVED: _("Nået"),
    Status.ON_TRACK: _("På vej"),
    Status.BEHIND: _("Bagud"),
    Status.NO_DATA: _("Ingen data endnu"),
    Status.QUALITATIVE: _("Vurderes uden tal"),
}
STATUS_EXPLANATIONS = {
    Status.ACHIEVED: _("Det seneste resultat når slutmålet."),
    Status.ON_TRACK: _(
        "Det seneste resultat er mindst så godt som den lige vej fra "
        "udgangspunktet til målet."
    ),
    Status.BEHIND: _(
        "Det seneste resultat er dårligere end den lige vej fra "
        "udgangspunktet til målet."
    ),
    Status.NO_DATA: _(
        "Der er endnu ikke både et udgangspunkt, en målsætning og et resultat "
        "efter udgangspunktet."
    ),
    Status.QUALITATIVE: _(
        "Målet har en retning, men ingen tal: det vurderes, som beskrevet under "
        "vurdering, og vises uden graf."
    ),
}


class Trend(enum.StrEnum):
    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"

    @property
    def label(self):
        return TREND_LABELS[self]


TREND_LABELS = {
    Trend.BETTER: _("bedre"),
    Trend.WORSE: _("dårligere"),
    Trend.UNCHANGED: _("uændret"),
}


@dataclass(frozen=True)
class Result:
    """A baseline or a measured result: a value for a period."""

    value: Decimal
    #: None for a baseline whose period the plan does not give.
    start: date | None = None
    end: date | None = None
    label: str = ""
    n: int | None = None

    @property
    def year(self):
        return self.end.year if self.end else None


@dataclass(frozen=True)
class TargetValue:
    """The value a goal aims for by the end of a year (None: no year set)."""

    year: int | None
    value: Decimal

    @property
    def end(self):
        return target_due(self.year) if self.year is not None else None


@dataclass(frozen=True)
class GoalFigures:
    unit: str
    direction: str
    #: QUALITATIVE: a direction and an assessment, no figures to count.
    kind: str = QUANTITATIVE
    baseline: Result | None = None
    targets: tuple[TargetValue, ...] = ()
    measurements: tuple[Result, ...] = ()


@dataclass(frozen=True)
class Progress:
    figures: GoalFigures
    status: Status
    #: Measurements after the baseline, oldest first; only these count.
    results: tuple[Result, ...] = ()
    #: Measurements from the baseline's period or before it: shown, not counted.
    earlier_results: tuple[Result, ...] = ()
    #: Targets due after the baseline, by year (dated targets only).
    targets: tuple[TargetValue, ...] = ()
    #: The target with no year set, if any; the final target only when there
    #: is no dated one.
    undated_target: TargetValue | None = None
    latest: Result | None = None
    #: The result before the latest: the previous measurement, else the baseline.
    previous: Result | None = None
    change: Decimal | None = None
    trend: Trend | None = None
    next_target: TargetValue | None = None
    final_target: TargetValue | None = None
    #: Share of the way from the baseline to the target (1 = reached); may be
    #: below 0 (moved away) or above 1 (beyond the target).
    share_of_next: Fraction | None = None
    share_of_final: Fraction | None = None
    #: The value on the straight path at the latest result's time.
    expected: Fraction | None = None
    targets_ignored: tuple[TargetValue, ...] = field(default=())

    @property
    def unit(self):
        return self.figures.unit

    @property
    def baseline(self):
        return self.figures.baseline

    @property
    def percent_of_next(self):
        """The share of the way to the next target as a whole percentage, 0-100."""
        return _clamped_percent(self.share_of_next)

    @property
    def percent_of_final(self):
        return _clamped_percent(self.share_of_final)


def evaluate(figures):
    """The progress and status of a goal with these figures."""
    if figures.kind == QUALITATIVE:
        # No figures to compare: the status says so, and nothing is charted.
        return Progress(figures=figures, status=Status.QUALITATIVE)
    baseline = figures.baseline
    # A baseline with no period sets where the way starts, not when.
    dated_baseline = baseline if baseline is not None and baseline.end else None
    measurements = sorted(figures.measurements, key=lambda r: (r.end, r.start))
    dated = _by_year(t for t in figures.targets if t.year is not None)
    undated = next((t for t in figures.targets if t.year is None), None)
    if dated_baseline is not None:
        results = tuple(m for m in measurements if m.end > dated_baseline.end)
        earlier = tuple(m for m in measurements if m.end <= dated_baseline.end)
        targets = tuple(t for t in dated if t.end > dated_baseline.end)
        ignored = tuple(t for t in dated if t.end <= dated_baseline.end)
    else:
        results, earlier = tuple(measurements), ()
        targets, ignored = dated, ()

    latest = results[-1] if results else None
    previous = results[-2] if len(results) > 1 else (baseline if latest else None)
    now = latest.end if latest else (dated_baseline.end if dated_baseline else None)
    final = targets[-1] if targets else undated
    upcoming = [t for t in targets if now is None or t.end >= now]
    next_target = upcoming[0] if upcoming else final

    change = trend = None
    if latest is not None and previous is not None:
        change = latest.value - previous.value
        trend = _trend(figures.direction, latest.value, previous.value)

    share_of_next = share_of_final = expected = None
    if latest is not None and baseline is not None:
        if next_target is not None:
            share_of_next = share_of_way(
                figures.direction, baseline.value, next_target.value, latest.value
            )
        if final is not None:
            share_of_final = share_of_way(
                figures.direction, baseline.value, final.value, latest.value
            )
            if dated_baseline is not None and final.end is not None:
                expected = path_value(dated_baseline, targets, latest.end)

    return Progress(
        figures=figures,
        status=_status(figures.direction, dated_baseline, final, latest, expected),
        results=results,
        earlier_results=earlier,
        targets=targets,
        undated_target=undated,
        latest=latest,
        previous=previous,
        change=change,
        trend=trend,
        next_target=next_target,
        final_target=final,
        share_of_next=share_of_next,
        share_of_final=share_of_final,
        expected=expected,
        targets_ignored=ignored,
    )


def is_better(direction, value, other):
    """Whether ``value`` is strictly better than ``other`` for this direction."""
    if direction == DECREASE:
        return value < other
    return value > other


def meets(direction, value, target):
    """Whether ``value`` is at least as good as ``target``."""
    return value == target or is_better(direction, value, target)


def share_of_way(direction, baseline, target, value):
    """How far ``value`` has come from ``baseline`` toward ``target`` (1 = there).

    A target that is no improvement on the baseline (equal, or a limit on how much
    worse things may get) has no way to go: the share is 1 when the value meets
    the target and 0 when it does not.
    """
    baseline, target, value = Fraction(baseline), Fraction(target), Fraction(value)
    if not is_better(direction, target, baseline):
        return Fraction(1) if meets(direction, value, target) else Fraction(0)
    return (value - baseline) / (target - baseline)


def path_value(baseline, targets, when):
    """The value on the straight path from the baseline through the targets.

    Before the baseline the path holds the baseline's value; after the last
    target it holds the last target's value.
    """
    points = [(baseline.end, Fraction(baseline.value))] + [
        (t.end, Fraction(t.value)) for t in targets if t.end > baseline.end
    ]
    if when <= points[0][0]:
        return points[0][1]
    for (start, start_value), (end, end_value) in itertools.pairwise(points):
        if when <= end:
            elapsed = Fraction(when.toordinal() - start.toordinal())
            span = end.toordinal() - start.toordinal()
            return start_value + (end_value - start_value) * elapsed / span
    return points[-1][1]


def is_small_n(n):
    return n is not None and n < SMALL_N


def count_statuses(statuses):
    """``[(status, count), ...]`` in the order of Status, leaving out zeros."""
    statuses = list(statuses)
    return [(s, statuses.count(s)) for s in Status if s in statuses]


# Presentation of values ---------------------------------------------------------


def format_value(unit, value):
    """A value in its unit, in the page's language: “47,5 %”, “86”, “1.250.000 kr.”.

    Percentages and counts show at most one decimal; amounts follow the one rule
    for kroner (core/formats.py).
    """
    if value is None:
        return ""
    if unit == PERCENT:
        return formats.format_percent(value, max_decimals=1)
    if unit == AMOUNT:
        return formats.format_amount(value)
    return formats.format_number(value, max_decimals=1)


def format_change(unit, change):
    """A change with its sign: percentages change in percentage points."""
    if change is None:
        return ""
    sign = "+" if change > 0 else ("\u2212" if change < 0 else "±")
    size = abs(change)
    if unit == PERCENT:
        number = formats.format_number(size, max_decimals=1)
        return f"{sign}{number}{formats.NBSP}{_('procentpoint')}"
    if unit == AMOUNT:
        return f"{sign}{formats.format_amount(size)}"
    return f"{sign}{formats.format_number(size, max_decimals=1)}"


# Helpers -----------------------------------------------------------------------


def _by_year(targets):
    seen = {}
    for target in targets:
        seen.setdefault(target.year, target)
    return tuple(sorted(seen.values(), key=lambda t: t.year))


def _trend(direction, value, previous):
    if value == previous:
        return Trend.UNCHANGED
    return Trend.BETTER if is_better(direction, value, previous) else Trend.WORSE


def _status(direction, baseline, final, latest, expected):
    if latest is None or final is None:
        return Status.NO_DATA
    if meets(direction, latest.value, final.value):
        return Status.ACHIEVED
    if final.end is None:
        # A target with no year set has no deadline and no path to it.
        return Status.NO_DATA
    if baseline is None:
        # Without a baseline there is no path; only a missed deadline is clear.
        return Status.BEHIND if latest.end >= final.end else Status.NO_DATA
    if meets(direction, Fraction(latest.value), expected):
        return Status.ON_TRACK
    return Status.BEHIND


def _clamped_percent(share):
    if share is None:
        return None
    percent = share * 100
    return int(max(0, min(100, round(percent))))
