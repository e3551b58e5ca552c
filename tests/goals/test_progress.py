"""The progress rules of docs/goals.md, at their edges (no database)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from goals.progress import (
    AMOUNT,
    COUNT,
    DECREASE,
    INCREASE,
    PERCENT,
    GoalFigures,
    Result,
    Status,
    TargetValue,
    Trend,
    count_statuses,
    evaluate,
    format_change,
    format_value,
    path_value,
    share_of_way,
)


def year(value, y, n=None):
    return Result(Decimal(value), date(y, 1, 1), date(y, 12, 31), str(y), n)


def target(y, value):
    return TargetValue(y, Decimal(value))


def figures(
    baseline=None, targets=(), measurements=(), unit=PERCENT, direction=INCREASE
):
    return GoalFigures(
        unit=unit,
        direction=direction,
        baseline=baseline,
        targets=tuple(targets),
        measurements=tuple(measurements),
    )


# Status ---------------------------------------------------------------------------


def test_no_measurement_is_no_data():
    progress = evaluate(figures(year(60, 2017), [target(2020, 63)]))
    assert progress.status is Status.NO_DATA
    assert progress.latest is None
    assert progress.share_of_next is None


def test_no_target_is_no_data():
    progress = evaluate(figures(year(60, 2017), [], [year(70, 2019)]))
    assert progress.status is Status.NO_DATA


def test_result_on_the_straight_path_is_on_track():
    # 60 → 63 from the end of 2017 to the end of 2020: the path is counted in
    # days, exactly, and stands at 60 + 3 * 730/1096 at the end of 2019.
    progress = evaluate(figures(year(60, 2017), [target(2020, 63)], [year(62, 2019)]))
    assert progress.expected == 60 + 3 * Fraction(730, 1096)
    assert progress.status is Status.ON_TRACK


def test_result_exactly_on_the_path_is_on_track_and_a_hair_below_is_behind():
    # 2017-12-31 → 2021-12-31 is 1461 days; a rise of 14.61 is 0.01 a day, so
    # on 2019-07-01 (day 547) the path stands at exactly 65.47.
    base = year(60, 2017)
    targets = [target(2021, "74.61")]
    on = Result(Decimal("65.47"), date(2019, 1, 1), date(2019, 7, 1))
    below = Result(Decimal("65.46"), date(2019, 1, 1), date(2019, 7, 1))
    assert evaluate(figures(base, targets, [on])).expected == Decimal("65.47")
    assert evaluate(figures(base, targets, [on])).status is Status.ON_TRACK
    assert evaluate(figures(base, targets, [below])).status is Status.BEHIND


def test_result_below_the_path_is_behind():
    progress = evaluate(figures(year(60, 2017), [target(2020, 63)], [year(61, 2019)]))
    assert progress.status is Status.BEHIND


def test_result_meeting_the_final_target_is_achieved():
    progress = evaluate(figures(year(60, 2017), [target(2020, 63)], [year(63, 2019)]))
    assert progress.status is Status.ACHIEVED
    assert progress.share_of_final == 1


def test_result_beyond_the_target_is_achieved_with_more_than_the_whole_way():
    progress = evaluate(figures(year(60, 2017), [target(2020, 63)], [year(66, 2020)]))
    assert progress.status is Status.ACHIEVED
    assert progress.share_of_final == 2
    assert progress.percent_of_final == 100


def test_decreasing_goal_fewer_is_better():
    # Homeless citizens: 86 in 2017, 75 by 2022.
    goal = figures(year(86, 2017), [target(2022, 75)], unit=COUNT, direction=DECREASE)
    ahead = evaluate(replace(goal, measurements=(year(78, 2019),)))
    behind = evaluate(replace(goal, measurements=(year(85, 2019),)))
    reached = evaluate(replace(goal, measurements=(year(74, 2021),)))
    assert ahead.status is Status.ON_TRACK
    assert ahead.share_of_final == Fraction(8, 11)
    assert ahead.trend is Trend.BETTER
    assert ahead.change == Decimal(-8)
    assert behind.status is Status.BEHIND
    assert reached.status is Status.ACHIEVED


def test_decreasing_goal_moving_up_is_worse_and_a_negative_share():
    progress = evaluate(
        figures(
            year(14, 2017),
            [target(2020, 12)],
            [year(15, 2018)],
            direction=DECREASE,
        )
    )
    assert progress.trend is Trend.WORSE
    assert progress.share_of_next == Fraction(-1, 2)
    assert progress.percent_of_next == 0
    assert progress.status is Status.BEHIND


def test_target_equal_to_baseline_is_met_by_holding_the_level():
    held = evaluate(figures(year(50, 2017), [target(2020, 50)], [year(50, 2019)]))
    slipped = evaluate(figures(year(50, 2017), [target(2020, 50)], [year(49, 2019)]))
    assert held.status is Status.ACHIEVED
    assert held.share_of_final == 1
    assert slipped.status is Status.BEHIND
    assert slipped.share_of_final == 0


def test_target_worse_than_baseline_is_a_limit():
    # “At most 16 % may stay longer”, from 14 %: 15 % keeps within the limit.
    progress = evaluate(
        figures(
            year(14, 2017), [target(2020, 16)], [year(15, 2019)], direction=DECREASE
        )
    )
    assert progress.status is Status.ACHIEVED
    assert progress.share_of_final == 1


def test_measurement_before_the_baseline_year_does_not_count():
    progress = evaluate(
        figures(
            year(43, 2017),
            [target(2020, 50)],
            [year(40, 2016), year(43, 2017)],
        )
    )
    assert progress.latest is None
    assert [r.label for r in progress.earlier_results] == ["2016", "2017"]
    assert progress.status is Status.NO_DATA


def test_missing_years_compare_with_the_previous_result_whatever_its_year():
    progress = evaluate(
        figures(
            year(60, 2017),
            [target(2020, 63), target(2022, 70)],
            [year(61, 2018), year(66, 2021)],
        )
    )
    assert progress.previous.label == "2018"
    assert progress.change == Decimal(5)
    assert progress.next_target.year == 2022
    assert progress.final_target.year == 2022


def test_first_result_is_compared_with_the_baseline():
    progress = evaluate(figures(year(60, 2017), [target(2020, 63)], [year(61, 2018)]))
    assert progress.previous.label == "2017"
    assert progress.change == Decimal(1)


def test_path_runs_through_each_target_in_turn():
    base = year(60, 2017)
    targets = [target(2019, 70), target(2021, 70)]
    assert path_value(base, targets, date(2017, 12, 31)) == 60
    assert path_value(base, targets, date(2019, 12, 31)) == 70
    assert path_value(base, targets, date(2020, 12, 31)) == 70
    assert path_value(base, targets, date(2030, 1, 1)) == 70
    assert path_value(base, targets, date(2010, 1, 1)) == 60


def test_next_target_is_the_first_not_yet_due():
    progress = evaluate(
        figures(
            year(60, 2017),
            [target(2019, 62), target(2020, 63)],
            [year(62, 2019)],
        )
    )
    assert progress.next_target.year == 2019
    progress = evaluate(
        figures(
            year(60, 2017),
            [target(2019, 62), target(2020, 63)],
            [year(62, 2019), Result(Decimal(62), date(2020, 1, 1), date(2020, 6, 30))],
        )
    )
    assert progress.next_target.year == 2020


def test_target_in_the_baseline_year_is_ignored():
    progress = evaluate(
        figures(year(60, 2017), [target(2017, 61), target(2020, 63)], [year(62, 2019)])
    )
    assert [t.year for t in progress.targets] == [2020]
    assert [t.year for t in progress.targets_ignored] == [2017]


def test_without_baseline_only_a_met_or_missed_final_target_is_judged():
    met = evaluate(figures(None, [target(2020, 10)], [year(12, 2019)]))
    missed = evaluate(figures(None, [target(2020, 10)], [year(8, 2020)]))
    open_ = evaluate(figures(None, [target(2020, 10)], [year(8, 2019)]))
    assert met.status is Status.ACHIEVED
    assert missed.status is Status.BEHIND
    assert open_.status is Status.NO_DATA
    assert open_.share_of_next is None


def test_measurements_are_ordered_by_period_not_by_input():
    progress = evaluate(
        figures(year(60, 2017), [target(2020, 63)], [year(62, 2019), year(61, 2018)])
    )
    assert progress.latest.label == "2019"


def test_a_result_within_a_two_year_baseline_does_not_count_one_after_does():
    # “2017/2018” says no months, so a result from late 2018 may lie inside it.
    base = Result(Decimal(45), date(2017, 1, 1), date(2018, 12, 31), "2017/2018")
    half = Result(Decimal(50), date(2018, 7, 1), date(2018, 12, 31), "2. halvår 2018")
    year = Result(Decimal(50), date(2019, 1, 1), date(2019, 12, 31), "2019")
    progress = evaluate(figures(base, [target(2022, 52)], [half, year]))
    assert progress.earlier_results == (half,)
    assert progress.latest == year
    assert progress.status is Status.ON_TRACK


def test_share_of_way_is_exact():
    assert share_of_way(INCREASE, 60, 63, 61) == Fraction(1, 3)
    assert share_of_way(DECREASE, 86, 75, 80) == Fraction(6, 11)


def test_count_statuses_in_fixed_order():
    assert count_statuses([Status.BEHIND, Status.ACHIEVED, Status.BEHIND]) == [
        (Status.ACHIEVED, 1),
        (Status.BEHIND, 2),
    ]


# Units ----------------------------------------------------------------------------


def test_percent_is_shown_with_a_percent_sign_and_changes_in_points():
    assert format_value(PERCENT, Decimal("47.50")) == "47,5\u00a0%"
    assert format_change(PERCENT, Decimal(3)) == "+3\u00a0procentpoint"
    assert format_change(PERCENT, Decimal("-2.5")) == "\u22122,5\u00a0procentpoint"


def test_counts_and_amounts():
    assert format_value(COUNT, Decimal("86.00")) == "86"
    assert format_value(COUNT, Decimal(1234)) == "1.234"
    assert format_value("amount", Decimal("15205454")) == "15.205.454\u00a0kr."
    assert format_change(COUNT, Decimal(-11)) == "\u221211"
    assert format_change(COUNT, Decimal(0)) == "±0"


def test_amounts_follow_the_one_rule_for_kroner():
    assert format_value(AMOUNT, Decimal("1234.50")) == "1.234,50\u00a0kr."
    assert format_change(AMOUNT, Decimal("-1234.5")) == "\u22121.234,50\u00a0kr."


def test_fractions_are_rounded_to_one_decimal():
    assert format_value(PERCENT, Fraction(184, 3)) == "61,3\u00a0%"


# Targets with no year set, baselines with no period --------------------------------


def test_yearless_target_is_the_final_target_when_no_dated_one_exists():
    progress = evaluate(figures(year(30, 2017), [target(None, 33)], [year(31, 2019)]))
    assert progress.final_target == target(None, 33)
    assert progress.next_target == target(None, 33)
    assert progress.targets == ()
    assert progress.share_of_final == Fraction(1, 3)
    # No deadline, so no path: only “achieved” can be told.
    assert progress.expected is None
    assert progress.status == Status.NO_DATA


def test_yearless_target_met_is_achieved():
    progress = evaluate(figures(year(30, 2017), [target(None, 33)], [year(33, 2019)]))
    assert progress.status == Status.ACHIEVED


def test_dated_target_wins_over_a_yearless_one():
    progress = evaluate(
        figures(year(30, 2017), [target(None, 40), target(2020, 33)], [year(33, 2019)])
    )
    assert progress.final_target == target(2020, 33)
    assert progress.undated_target == target(None, 40)
    assert progress.status == Status.ACHIEVED


def test_yearless_target_is_final_when_dated_ones_lie_before_the_baseline():
    progress = evaluate(
        figures(year(30, 2017), [target(2016, 29), target(None, 33)], [year(31, 2019)])
    )
    assert progress.final_target == target(None, 33)
    assert progress.targets_ignored == (target(2016, 29),)


def test_baseline_without_period_counts_every_result_but_gives_no_path():
    undated = Result(Decimal(36))
    progress = evaluate(
        figures(undated, [target(2022, 47)], [year(35, 2015), year(40, 2019)])
    )
    assert progress.earlier_results == ()
    assert [r.value for r in progress.results] == [35, 40]
    assert progress.share_of_final == Fraction(4, 11)
    assert progress.expected is None
    assert progress.status == Status.NO_DATA
    late = evaluate(figures(undated, [target(2018, 47)], [year(40, 2019)]))
    assert late.status == Status.BEHIND  # the deadline has passed


def test_yearless_target_and_baseline_without_period():
    progress = evaluate(
        figures(Result(Decimal(36)), [target(None, 47)], [year(47, 2019)])
    )
    assert progress.status == Status.ACHIEVED
    assert progress.previous == Result(Decimal(36))
