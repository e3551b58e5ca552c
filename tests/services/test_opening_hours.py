"""Opening hours as a citizen reads them, and open-now in Copenhagen time."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from services.models import OpeningHours
from services.templatetags.opening_hours import (
    copenhagen_time,
    open_state,
    weekly_schedule,
)

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
UTC = datetime.UTC


def hours(weekday, opens, closes):
    return OpeningHours(
        weekday=weekday,
        opens=datetime.time(*opens),
        closes=datetime.time(*closes),
    )


WEEKDAYS_8_TO_1430 = [hours(day, (8, 0), (14, 30)) for day in range(5)]


def at(year, month, day, hour, minute=0, zone=COPENHAGEN):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


def test_consecutive_days_with_the_same_hours_are_joined():
    rows = [(row.days, row.times) for row in weekly_schedule(WEEKDAYS_8_TO_1430)]
    assert rows == [("Mandag–fredag", "8.00–14.30"), ("Lørdag og søndag", "Lukket")]


def test_days_with_different_hours_get_their_own_rows():
    rows = weekly_schedule(
        [
            hours(0, (9, 0), (12, 0)),
            hours(0, (13, 0), (16, 0)),
            hours(1, (9, 0), (12, 0)),
            hours(6, (10, 0), (11, 0)),
        ]
    )
    assert [(row.days, row.times) for row in rows] == [
        ("Mandag", "9.00–12.00, 13.00–16.00"),
        ("Tirsdag", "9.00–12.00"),
        ("Onsdag–lørdag", "Lukket"),
        ("Søndag", "10.00–11.00"),
    ]


def test_open_now_says_when_it_closes():
    # Wednesday 10:00.
    state = open_state(WEEKDAYS_8_TO_1430, at(2025, 1, 15, 10))
    assert state.is_open
    assert state.text == "Åbent nu – lukker kl. 14.30"


def test_closing_time_itself_is_closed():
    state = open_state(WEEKDAYS_8_TO_1430, at(2025, 1, 15, 14, 30))
    assert not state.is_open
    assert state.text == "Lukket nu – åbner i morgen kl. 8.00"


def test_before_opening_it_opens_today():
    state = open_state(WEEKDAYS_8_TO_1430, at(2025, 1, 15, 7, 59))
    assert state.text == "Lukket nu – åbner i dag kl. 8.00"


def test_on_friday_evening_it_opens_on_monday():
    state = open_state(WEEKDAYS_8_TO_1430, at(2025, 1, 17, 18))
    assert state.text == "Lukket nu – åbner mandag kl. 8.00"


def test_a_place_open_one_day_a_week_opens_next_week():
    only_wednesday = [hours(2, (8, 0), (10, 0))]
    state = open_state(only_wednesday, at(2025, 1, 15, 11))
    assert state.text == "Lukket nu – åbner næste onsdag kl. 8.00"


@pytest.mark.parametrize(
    ("utc_moment", "is_open"),
    [
        # Winter: Copenhagen is UTC+1, so 07:30 UTC is 08:30 there.
        (datetime.datetime(2025, 1, 15, 7, 30, tzinfo=UTC), True),
        # Summer: UTC+2, so 12:45 UTC is 14:45 there: closed.
        (datetime.datetime(2025, 7, 16, 12, 45, tzinfo=UTC), False),
        (datetime.datetime(2025, 7, 16, 12, 15, tzinfo=UTC), True),
    ],
)
def test_open_now_is_judged_in_copenhagen_time(utc_moment, is_open):
    state = open_state(WEEKDAYS_8_TO_1430, copenhagen_time(utc_moment))
    assert state.is_open is is_open
