"""Cell values in and out: numbers, whole numbers, text, choices and periods as
Danish offices write them in a spreadsheet.

Every widget's ``clean`` raises a ``ValueError`` with a Danish message for a
cell it cannot read; django-import-export shows it as that row's error.
"""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from import_export import widgets

from core.formats import format_cell, format_number, parse_number

from ..periods import MONTH_ABBREVIATIONS, MONTHS, parse_period

# More decimals than this come from a spreadsheet's floating-point arithmetic,
# not from a person (Excel shows 15 significant digits).
COMPUTED_DECIMALS = 8


class DecimalWidget(widgets.NumberWidget):
    """Numbers as Danish offices write them: “47,5”, “1.234,5”, “47,5 %”
    (read and written by core/formats.py)."""

    def __init__(self, *args, decimal_places=2, **kwargs):
        super().__init__(*args, **kwargs)
        #: the precision of the model field the cell is read into
        self.decimal_places = decimal_places
        #: (value as given, value as read) of each cell rounded since the
        #: import last emptied it (SpreadsheetResource shows them in the preview)
        self.rounded = []

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise ValueError(_("“%(value)s” er ikke et tal.") % {"value": value})
        if isinstance(value, int | float | Decimal):
            return self.without_noise(_plain(Decimal(str(value))))
        text = str(value or "").strip()
        if not text:
            return None
        number = parse_number(text)
        if number is None:
            raise ValueError(
                _("“%(value)s” er ikke et tal. Skriv fx 47,5 eller 86.")
                % {"value": text[:40]}
            )
        return self.without_noise(_plain(number))

    def without_noise(self, number):
        """A number a spreadsheet computed (47.49999999999999, 1/3 as 33.33...%)
        rounded to the field's precision: nobody types that many decimals."""
        decimals = -number.as_tuple().exponent
        if decimals > COMPUTED_DECIMALS:
            rounded = _plain(number.quantize(Decimal(1).scaleb(-self.decimal_places)))
            self.rounded.append((number, rounded))
            return rounded
        return number

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        value = Decimal(value)
        whole = value == value.to_integral()
        value = value.quantize(Decimal(1)) if whole else value.normalize()
        if kwargs.get("force_native_type"):
            # XLSX: a number the spreadsheet can calculate with.
            return int(value) if whole else value
        return format_cell(value)


class Percentage(Decimal):
    """A value in per cent (61.25 for 61,25 %) that an XLSX export writes as a
    percent-formatted cell (0.6125 shown as 61,25 %), which a Danish Excel
    calculates with and the import reads back as 61.25 (formats.py)."""


class IntegerWidget(widgets.NumberWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = DecimalWidget().clean(value)
        if number is None or number != number.to_integral() or abs(number) > 10**9:
            raise ValueError(
                _("“%(value)s” er ikke et helt tal.") % {"value": str(value)[:40]}
            )
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


# Text a spreadsheet would read as a formula ("=HYPERLINK(...)"); exported with a
# leading apostrophe so it stays text, while numbers stay numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """The one rule for every text cell of every export: text a spreadsheet
    would run as a formula gets a leading apostrophe, so it is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore_formula_text(value):
    """An exported cell read back in: the apostrophe ``neutralise_formula``
    added is dropped, so the round trip changes nothing."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:].startswith(FORMULA_STARTS)
    ):
        return value[1:]
    return value


# Control characters (NUL, escape, form feed, C1 ...) have no place in a cell:
# PostgreSQL refuses NUL, and the rest garble pages and exports. Tab and line
# breaks are allowed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_cell_text(text):
    """``text`` itself, or a ValueError (a Danish row error) if it holds a
    control character or is longer than any cell a person writes."""
    if CONTROL_CHARACTERS.search(text):
        raise ValueError(control_character_message())
    limit = settings.GOALS_IMPORT_MAX_CELL_LENGTH
    if len(text) > limit:
        raise ValueError(
            _("Cellen er for lang: %(length)s tegn. Den må højst have %(limit)s tegn.")
            % {"length": format_number(len(text)), "limit": format_number(limit)}
        )
    return text


def control_character_message():
    return _(
        "Cellen indeholder et kontroltegn (usynligt tegn), som ikke kan "
        "gemmes. Skriv teksten igen, eller kopiér den uden formatering."
    )


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, Decimal) and value == value.to_integral():
            value = int(value)
        # The apostrophe of an exported formula-like text was dropped when the
        # file was read (SpreadsheetResource.before_import).
        return check_cell_text(str(value).strip())


class ChoiceWidget(widgets.Widget):
    """A choice written as its Danish label (“Lavere er bedre”) or its code."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = check_cell_text(str(value or "").strip()).casefold()
        if not text:
            return ""
        for code, label in self.choices:
            if text in {code.casefold(), str(label).casefold()}:
                return code
        raise ValueError(
            _("“%(value)s” er ikke en af mulighederne: %(choices)s.")
            % {
                "value": str(value)[:40],
                "choices": ", ".join(f"“{label}”" for _code, label in self.choices),
            }
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class PeriodWidget(TextWidget):
    """A period as text (“1. halvår 2019”), checked here so a bad one is a row
    error; an Excel date (Excel turns “jan. 2019” into one) means its month."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.date):
            return _month_label(value)
        text = super().clean(value, row, **kwargs)
        if text:
            text = excel_month(text) or text
            parse_period(text)  # raises PeriodError, a ValueError, in Danish
        return text


# How a Danish Excel writes a month-formatted date cell to CSV: “05-2019”,
# “01-05-2019” (the month's first day), “maj-19”.
EXCEL_MONTH_PATTERNS = (
    re.compile(r"(?P<month>\d{1,2})-(?P<year>\d{4})"),
    re.compile(r"0?1-(?P<month>\d{1,2})-(?P<year>\d{4})"),
    re.compile(r"(?P<name>[a-zæøå]+)\.?-(?P<year>\d{2})", re.IGNORECASE),
)


def excel_month(text):
    """The month label (“maj 2019”) for a month as Excel writes it, or None."""
    for pattern in EXCEL_MONTH_PATTERNS:
        match = pattern.fullmatch(text.strip())
        if not match:
            continue
        groups = match.groupdict()
        month = (
            MONTHS.get(groups["name"].casefold())
            if "name" in groups
            else int(groups["month"])
        )
        year = int(groups["year"])
        year = year + 2000 if year < 100 else year
        if month and 1 <= month <= 12:
            return _month_label(datetime.date(year, month, 1))
    return None


# Helpers --------------------------------------------------------------------------


def _plain(number):
    """47.500 → 47.5 and 100.0 → 100: only the decimals that carry a value."""
    if number == number.to_integral():
        return number.quantize(Decimal(1))
    return number.normalize()


def cell_text(value):
    """A cell as trimmed text; a whole number as one (“2017”, not “2017.0”)."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and value == value.to_integral():
        value = int(value)
    return str(value).strip()


def _month_label(day):
    return f"{MONTH_ABBREVIATIONS[day.month]} {day.year}"
