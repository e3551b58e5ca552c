"""Opening hours as a citizen reads them, and whether a place is open now.

Computed in Python from the hours already prefetched with the location, in
Copenhagen time whatever the server's clock says. ``{% opening_hours location
as hours %}`` gives ``hours.schedule`` (rows of days and times, consecutive days
with the same hours joined: "Mandag–fredag 8.00–14.30") and ``hours.state``
(open now or when it opens next), both empty when no hours are known.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import OpeningHours

register = template.Library()

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@dataclass
class ScheduleRow:
    days: str
    times: str
    first_day: int
    last_day: int


@dataclass
class OpenState:
    is_open: bool
    text: str


@dataclass
class LocationHours:
    schedule: list = field(default_factory=list)
    state: OpenState | None = None


@register.simple_tag
def opening_hours(location, now=None):
    hours = list(location.opening_hours.all())
    if not hours:
        return LocationHours()
    moment = copenhagen_time(now)
    return LocationHours(
        schedule=weekly_schedule(hours), state=open_state(hours, moment)
    )


def copenhagen_time(moment=None):
    return (moment or timezone.now()).astimezone(COPENHAGEN)


def weekly_schedule(hours):
    """Rows for the whole week; days without hours are closed."""
    by_day = {day: [] for day in range(7)}
    for item in sorted(hours, key=lambda item: (item.weekday, item.opens)):
        by_day[item.weekday].append((item.opens, item.closes))
    groups = []
    for day in range(7):
        intervals = tuple(by_day[day])
        if groups and groups[-1][2] == intervals:
            groups[-1][1] = day
        else:
            groups.append([day, day, intervals])
    return [
        ScheduleRow(
            days=_day_range(first, last),
            times=", ".join(
                f"{_clock(opens)}–{_clock(closes)}" for opens, closes in intervals
            )
            or _("Lukket"),
            first_day=first,
            last_day=last,
        )
        for first, last, intervals in groups
    ]


def open_state(hours, moment):
    """Open now (until when), or closed now (and when it opens next)."""
    for item in hours:
        if item.is_open_at(moment):
            return OpenState(
                True,
                _("Åbent nu – lukker kl. %(time)s") % {"time": _clock(item.closes)},
            )
    today = moment.weekday()
    for offset in range(8):
        day = (today + offset) % 7
        openings = sorted(
            item.opens
            for item in hours
            if item.weekday == day and (offset > 0 or item.opens > moment.time())
        )
        if openings:
            return OpenState(
                False,
                _("Lukket nu – åbner %(when)s kl. %(time)s")
                % {"when": _day_word(offset, day), "time": _clock(openings[0])},
            )
    return OpenState(False, _("Lukket nu"))


def _clock(value: datetime.time):
    return f"{value.hour}.{value.minute:02d}"


def _day_name(day):
    return str(OpeningHours.Weekday(day).label)


def _day_range(first, last):
    if first == last:
        return _day_name(first).capitalize()
    if last == first + 1:
        return _("%(first)s og %(last)s") % {
            "first": _day_name(first).capitalize(),
            "last": _day_name(last),
        }
    return f"{_day_name(first).capitalize()}–{_day_name(last)}"


def _day_word(offset, day):
    if offset == 0:
        return _("i dag")
    if offset == 1:
        return _("i morgen")
    if offset == 7:
        return _("næste %(day)s") % {"day": _day_name(day)}
    return _day_name(day)
