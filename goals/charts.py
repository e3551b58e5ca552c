"""Geometry for the server-rendered SVG chart of a goal (no JavaScript).

From a goal's progress (goals/progress.py) to coordinates and labels that
goals/templates/goals/goal/_chart.html draws: the baseline (a square), the
planned path (dashed) through the targets (open diamonds) and the results (a
solid line with filled circles), each with its value written beside it, so the
chart reads without colour. Each result sits over the middle of its period; a
target sits on the day it is due (goals.periods.target_due), the day progress
measures it on.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from .periods import target_due
from .progress import AMOUNT, COUNT, PERCENT, format_value

WIDTH = 440
HEIGHT = 290
LEFT = 58
RIGHT = 20
TOP = 28
BOTTOM = 44


@dataclass
class Point:
    x: float
    y: float
    value: str
    label: str
    #: the day on the time axis the point stands for
    day: date | None = None
    #: where the value label goes: “above” or “below” the marker
    place: str = "above"

    @property
    def label_y(self):
        return self.y - 12 if self.place == "above" else self.y + 22


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    x_ticks: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    baseline: Point | None = None
    targets: list = field(default_factory=list)
    target_path: str = ""
    results: list = field(default_factory=list)
    result_path: str = ""
    earlier: list = field(default_factory=list)


def build_chart(progress):
    """The chart of a goal's figures, or None when it has no figures at all."""
    unit = progress.unit
    # A baseline with no period has no place on the time axis.
    baseline = progress.baseline
    if baseline is not None and baseline.end is None:
        baseline = None
    results = list(progress.results)
    earlier = list(progress.earlier_results)
    targets = list(progress.targets)
    if not (baseline or results or earlier or targets):
        return None

    figures = [(_middle(r.start, r.end), r.value) for r in [*earlier, *results]]
    if baseline:
        figures.append((_middle(baseline.start, baseline.end), baseline.value))
    figures += [(target_due(t.year), t.value) for t in targets]
    first_year = min(day.year for day, _value in figures)
    last_year = max(day.year for day, _value in figures)
    x_from = date(first_year, 1, 1).toordinal()
    x_to = date(last_year + 1, 1, 1).toordinal()

    low, high, step = _value_axis(unit, [value for _day, value in figures])
    chart = Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=HEIGHT - BOTTOM,
    )

    def x(day):
        share = (day.toordinal() - x_from) / (x_to - x_from)
        return round(chart.left + share * (chart.right - chart.left), 1)

    def y(value):
        share = float((Decimal(value) - low) / (high - low))
        return round(chart.bottom - share * (chart.bottom - chart.top), 1)

    years = range(first_year, last_year + 1)
    every = max(1, math.ceil(len(years) / 8))
    chart.x_ticks = [
        (x(_middle(date(year, 1, 1), date(year, 12, 31))), str(year))
        for year in years
        if (year - first_year) % every == 0
    ]
    tick = low
    while tick <= high:
        chart.y_ticks.append((y(tick), format_value(unit, tick)))
        tick += step

    if baseline:
        chart.baseline = _result_point(baseline, unit, x, y)
    for target in targets:
        due = target_due(target.year)
        chart.targets.append(
            Point(
                x(due),
                y(target.value),
                _("mål %(value)s") % {"value": format_value(unit, target.value)},
                str(target.year),
                place="below",
                day=due,
            )
        )
    if chart.baseline and chart.targets:
        chart.target_path = _path([chart.baseline, *chart.targets])
    for result in results:
        chart.results.append(_result_point(result, unit, x, y))
    start = [chart.baseline] if chart.baseline else []
    if len(start + chart.results) > 1:
        chart.result_path = _path(start + chart.results)
    for result in earlier:
        chart.earlier.append(_result_point(result, unit, x, y))
    _avoid_overlaps(chart)
    return chart


def _result_point(result, unit, x, y):
    """A baseline or result, over the middle of its period."""
    day = _middle(result.start, result.end)
    return Point(
        x(day), y(result.value), format_value(unit, result.value), result.label, day=day
    )


def _middle(start, end):
    return date.fromordinal((start.toordinal() + end.toordinal()) // 2)


def _path(points):
    return " ".join(f"{p.x},{p.y}" for p in points)


def _value_axis(unit, values):
    """A rounded range and step with room around the values, about 5 ticks."""
    low, high = min(values), max(values)
    spread = high - low or max(abs(high) * Decimal("0.1"), Decimal(1))
    low -= spread * Decimal("0.2")
    high += spread * Decimal("0.2")
    step = _nice_step((high - low) / 4)
    low = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if unit in (COUNT, AMOUNT, PERCENT):
        low = max(low, Decimal(0))
    if unit == PERCENT:
        high = min(high, Decimal(100))
    if high <= low:
        high = low + step
    return low, high, step


def _nice_step(raw):
    exponent = Decimal(10) ** math.floor(math.log10(float(raw)))
    for factor in (1, 2, 5, 10):
        if raw <= factor * exponent:
            return Decimal(factor) * exponent
    return 10 * exponent


def _avoid_overlaps(chart):
    """A target label goes above its marker when a result label sits below."""
    for target in chart.targets:
        for result in chart.results:
            if abs(result.x - target.x) < 40 and result.y > target.y:
                target.place = "above"
                result.place = "below"
