"""Reading and writing the period a figure covers, as Danish offices write it.

A manager types the period of a baseline or a measurement as text; this module
turns it into the first and last day it covers, and back. Pure functions, no
database. The accepted forms are listed in docs/goals.md.

    >>> parse_period("dec. 2017-maj 2018")
    (datetime.date(2017, 12, 1), datetime.date(2018, 5, 31))
    >>> format_period(date(2019, 1, 1), date(2019, 6, 30))
    '1. halvår 2019'
"""

import calendar
import functools
import re
from datetime import date

from django.utils.translation import gettext as _

MIN_YEAR = 1900
MAX_YEAR = 2200


MONTHS = {
    "januar": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "marts": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
MONTH_ABBREVIATIONS = {
    1: "jan.",
    2: "feb.",
    3: "mar.",
    4: "apr.",
    5: "maj",
    6: "jun.",
    7: "jul.",
    8: "aug.",
    9: "sep.",
    10: "okt.",
    11: "nov.",
    12: "dec.",
}


class PeriodError(ValueError):
    """The text is not a period this module can read; the message is Danish."""


def target_due(year):
    """The day a target for ``year`` is due: the year's last day. Progress
    measures against it and the chart draws it there."""
    return date(year, 12, 31)


def parse_period(text):
    """The first and last day of the period written in ``text``.

    Raises PeriodError with a Danish message when the text cannot be read.
    """
    return _parse(str(text or ""))


@functools.lru_cache(maxsize=1024)
def _parse(text):
    # A spreadsheet repeats the same few periods thousands of times.
    cleaned = _normalise(text)
    if not cleaned:
        raise PeriodError(_("Skriv perioden, fx “2019” eller “1. halvår 2019”."))
    for pattern, build in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            try:
                start, end = build(match)
            except PeriodError:
                raise
            except ValueError:
                # A month 13, a year 0: read, but not a date.
                break
            _check(start, end)
            return start, end
    raise PeriodError(
        _(
            "Perioden “%(text)s” kan ikke læses. Skriv den fx som “2019”, "
            "“2019/2020”, “1. halvår 2019”, “2. kvartal 2019”, “jan.-jun. 2019” "
            "eller “dec. 2017-maj 2018”."
        )
        % {"text": str(text).strip()[:60]}
    )


def format_period(start, end):
    """The shortest text that ``parse_period`` reads back as the same period."""
    whole_months = start.day == 1 and end.day == _last_day(end.year, end.month)
    if whole_months:
        if (start.month, end.month) == (1, 12):
            if start.year == end.year:
                return str(start.year)
            return f"{start.year}-{end.year}"
        if start.year == end.year:
            span = (start.month, end.month)
            if span in {(1, 6), (7, 12)}:
                return _("%(half)s. halvår %(year)s") % {
                    "half": 1 if start.month == 1 else 2,
                    "year": start.year,
                }
            if end.month - start.month == 2 and start.month % 3 == 1:
                return _("%(quarter)s. kvartal %(year)s") % {
                    "quarter": start.month // 3 + 1,
                    "year": start.year,
                }
            if start.month == end.month:
                return f"{MONTH_ABBREVIATIONS[start.month]} {start.year}"
            return (
                f"{MONTH_ABBREVIATIONS[start.month]}-"
                f"{MONTH_ABBREVIATIONS[end.month]} {start.year}"
            )
        return (
            f"{MONTH_ABBREVIATIONS[start.month]} {start.year}-"
            f"{MONTH_ABBREVIATIONS[end.month]} {end.year}"
        )
    return f"{_danish_date(start)}-{_danish_date(end)}"


# Patterns, tried in order ------------------------------------------------------

_DASH = r"\s*(?:-|til)\s*"
_MONTH = r"(?P<{name}>[a-zæøå]+)\.?"
_YEAR = r"(?P<{name}>\d{{4}})"
_DMY = r"(?P<{d}>\d{{1,2}})\.(?P<{m}>\d{{1,2}})\.(?P<{y}>\d{{4}})"
_ISO = r"(?P<{y}>\d{{4}})-(?P<{m}>\d{{1,2}})-(?P<{d}>\d{{1,2}})"


def _year(match):
    year = int(match["year"])
    return date(year, 1, 1), date(year, 12, 31)


def _years(match):
    first, last = int(match["first"]), int(match["last"])
    return date(first, 1, 1), date(last, 12, 31)


def _two_year_span(match):
    first = int(match["first"])
    last = match["last"]
    # “2017/18” means 2017/2018.
    last = int(last) if len(last) == 4 else (first // 100) * 100 + int(last)
    if last != first + 1:
        raise PeriodError(
            _("En periode som “%(first)s/%(next)s” dækker to år i træk.")
            % {"first": first, "next": first + 1}
        )
    # The documents write “2017/2018” without saying which months: a school
    # year, a season, a count taken at some point. Claiming 1 Aug-31 Jul would
    # invent precision, so the period is bounded by the two years it touches
    # and its text is kept as written (Period.period_text).
    return date(first, 1, 1), date(last, 12, 31)


def _half(match):
    half, year = int(match["number"]), int(match["year"])
    if half not in (1, 2):
        raise PeriodError(_("Et år har kun 1. og 2. halvår."))
    first_month = 1 if half == 1 else 7
    return date(year, first_month, 1), _month_end(year, first_month + 5)


def _quarter(match):
    quarter, year = int(match["number"]), int(match["year"])
    if not 1 <= quarter <= 4:
        raise PeriodError(_("Et år har fire kvartaler, 1.-4. kvartal."))
    first_month = 3 * quarter - 2
    return date(year, first_month, 1), _month_end(year, first_month + 2)


def _month(match):
    month, year = _month_number(match["month"]), int(match["year"])
    return date(year, month, 1), _month_end(year, month)


def _months_in_year(match):
    year = int(match["year"])
    first, last = _month_number(match["first"]), _month_number(match["last"])
    return date(year, first, 1), _month_end(year, last)


def _months_across_years(match):
    first, last = _month_number(match["first"]), _month_number(match["last"])
    return (
        date(int(match["first_year"]), first, 1),
        _month_end(int(match["last_year"]), last),
    )


def _dates(match):
    return (
        _date(match["y1"], match["m1"], match["d1"]),
        _date(match["y2"], match["m2"], match["d2"]),
    )


_PATTERNS = [
    (re.compile(_YEAR.format(name="year")), _year),
    (
        re.compile(_YEAR.format(name="first") + r"\s*/\s*(?P<last>\d{2}|\d{4})"),
        _two_year_span,
    ),
    (
        re.compile(_YEAR.format(name="first") + _DASH + _YEAR.format(name="last")),
        _years,
    ),
    (re.compile(r"(?P<number>\d)\.?\s*halvår\s+(?P<year>\d{4})"), _half),
    (re.compile(r"h(?P<number>\d)\s+(?P<year>\d{4})"), _half),
    (
        re.compile(r"(?P<number>\d)\.?\s*(?:kvartal|kvt\.?)\s+(?P<year>\d{4})"),
        _quarter,
    ),
    (re.compile(r"q(?P<number>\d)\s+(?P<year>\d{4})"), _quarter),
    (
        re.compile(_MONTH.format(name="month") + r"\s+" + _YEAR.format(name="year")),
        _month,
    ),
    (
        re.compile(
            _MONTH.format(name="first")
            + _DASH
            + _MONTH.format(name="last")
            + r"\s+"
            + _YEAR.format(name="year")
        ),
        _months_in_year,
    ),
    (
        re.compile(
            _MONTH.format(name="first")
            + r"\s+"
            + _YEAR.format(name="first_year")
            + _DASH
            + _MONTH.format(name="last")
            + r"\s+"
            + _YEAR.format(name="last_year")
        ),
        _months_across_years,
    ),
    (
        re.compile(
            _DMY.format(d="d1", m="m1", y="y1")
            + _DASH
            + _DMY.format(d="d2", m="m2", y="y2")
        ),
        _dates,
    ),
    (
        re.compile(
            _ISO.format(d="d1", m="m1", y="y1")
            + _DASH
            + _ISO.format(d="d2", m="m2", y="y2")
        ),
        _dates,
    ),
]


# Helpers -----------------------------------------------------------------------


def _normalise(text):
    text = str(text or "").strip().lower()
    # En and em dashes, and the minus sign, are what word processors type for “-”.
    text = re.sub("[\u2012\u2013\u2014\u2212]", "-", text)
    return re.sub(r"\s+", " ", text)


def _month_number(word):
    try:
        return MONTHS[word.rstrip(".")]
    except KeyError:
        raise PeriodError(
            _("“%(word)s” er ikke et månedsnavn, fx “jan.” eller “januar”.")
            % {"word": word[:20]}
        ) from None


def _date(year, month, day):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise PeriodError(
            _("%(day)s.%(month)s.%(year)s er ikke en dato.")
            % {"day": day, "month": month, "year": year}
        ) from None


def _last_day(year, month):
    return calendar.monthrange(year, month)[1]


def _month_end(year, month):
    return date(year, month, _last_day(year, month))


def _check(start, end):
    for day in (start, end):
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise PeriodError(
                _("Årstallet skal ligge mellem %(min)s og %(max)s.")
                % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
    if end < start:
        raise PeriodError(_("Perioden slutter, før den begynder."))


def _danish_date(day):
    return f"{day.day}.{day.month}.{day.year}"
