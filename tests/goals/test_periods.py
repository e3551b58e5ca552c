"""Periods typed as Danish offices write them (goals/periods.py)."""

from datetime import date

import pytest

from goals.periods import PeriodError, format_period, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        (" 2019 ", date(2019, 1, 1), date(2019, 12, 31)),
        # The documents' “2017/2018” names two years, not which months.
        ("2019/2020", date(2019, 1, 1), date(2020, 12, 31)),
        ("2017/18", date(2017, 1, 1), date(2018, 12, 31)),
        ("2017-2019", date(2017, 1, 1), date(2019, 12, 31)),
        ("1. halvår 2019", date(2019, 1, 1), date(2019, 6, 30)),
        ("2. halvår 2019", date(2019, 7, 1), date(2019, 12, 31)),
        ("2. kvartal 2019", date(2019, 4, 1), date(2019, 6, 30)),
        ("4. kvt. 2019", date(2019, 10, 1), date(2019, 12, 31)),
        ("Q1 2020", date(2020, 1, 1), date(2020, 3, 31)),
        ("dec. 2017-maj 2018", date(2017, 12, 1), date(2018, 5, 31)),
        ("Dec. 2017 – maj 2018", date(2017, 12, 1), date(2018, 5, 31)),
        ("jan.-jun. 2019", date(2019, 1, 1), date(2019, 6, 30)),
        ("februar 2020", date(2020, 2, 1), date(2020, 2, 29)),
        ("sept. 2019", date(2019, 9, 1), date(2019, 9, 30)),
        ("1.3.2019-15.6.2019", date(2019, 3, 1), date(2019, 6, 15)),
        ("2019-03-01 til 2019-06-15", date(2019, 3, 1), date(2019, 6, 15)),
    ],
)
def test_parses(text, start, end):
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Skriv perioden"),
        ("   ", "Skriv perioden"),
        ("sidste år", "kan ikke læses"),
        ("2019/2021", "to år i træk"),
        ("3. halvår 2019", "1. og 2. halvår"),
        ("5. kvartal 2019", "fire kvartaler"),
        ("smarts 2019", "ikke et månedsnavn"),
        ("maj 2019-jan. 2019", "slutter, før den begynder"),
        ("31.2.2019-1.3.2019", "ikke en dato"),
        ("1850", "mellem 1900 og 2200"),
        ("0000", "kan ikke læses"),
        ("2019" * 30, "kan ikke læses"),
    ],
)
def test_rejects_with_a_danish_message(text, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2019, 1, 1), date(2019, 12, 31), "2019"),
        (date(2019, 8, 1), date(2020, 7, 31), "aug. 2019-jul. 2020"),
        (date(2017, 1, 1), date(2018, 12, 31), "2017-2018"),
        (date(2019, 1, 1), date(2019, 6, 30), "1. halvår 2019"),
        (date(2019, 4, 1), date(2019, 6, 30), "2. kvartal 2019"),
        (date(2019, 5, 1), date(2019, 5, 31), "maj 2019"),
        (date(2019, 2, 1), date(2019, 4, 30), "feb.-apr. 2019"),
        (date(2017, 12, 1), date(2018, 5, 31), "dec. 2017-maj 2018"),
        (date(2019, 3, 2), date(2019, 6, 15), "2.3.2019-15.6.2019"),
    ],
)
def test_formats_what_it_parses(start, end, label):
    assert format_period(start, end) == label
    assert parse_period(label) == (start, end)
