"""Numbers, amounts, percentages, file sizes and dates: the one place they are
written for a reader and read from a spreadsheet cell.

Built on Babel (CLDR data), in the locale of Django's active language:
``da_DK`` on Danish pages, ``en`` on English ones. A no-break space keeps a
number and its unit on one line. Every page, chart, admin column and export
formats through here; a test fails on hand-written number formatting elsewhere.

One rule for amounts: whole kroner without decimals, øre with two
(``1.234 kr.``, ``1.234,50 kr.``). Rounding is half up, as people round.

Spreadsheet cells are a file format, not a page: they are written and read in
Danish (decimal comma, no grouping) whatever the page's language, so that a
Danish Excel opens an export and an import reads it back.
"""

import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import dates, numbers, units
from django.utils import timezone
from django.utils.translation import get_language

NBSP = "\u00a0"
DEFAULT_LOCALE = "da_DK"
#: Django language code → the Babel locale its pages are formatted in.
LOCALES = {"da": "da_DK", "en": "en"}
CURRENCY = "DKK"
#: The locale of spreadsheet cells (CSV and XLSX files), whatever the page.
CELL_LOCALE = "da_DK"


def current_locale():
    """The Babel locale of the active language; Danish when none is active."""
    language = (get_language() or "").lower()
    return _parsed(
        LOCALES.get(language) or LOCALES.get(language.split("-")[0], DEFAULT_LOCALE)
    )


@functools.cache
def _parsed(identifier):
    # Babel parses a locale given by name on every call: a list of 100 figures
    # spent a tenth of its render doing so.
    return numbers.Locale.parse(identifier)


# Display ------------------------------------------------------------------------


def format_number(value, max_decimals=0):
    """A number with grouping and at most ``max_decimals`` decimals, none when
    they are zero: ``1.234``, ``47,5``. Empty for no number."""
    number = _decimal(value)
    if number is None:
        return ""
    number = _round(number, max_decimals)
    return numbers.format_decimal(
        _strip_zeros(number), locale=current_locale(), decimal_quantization=False
    )


def format_decimal(value, decimals):
    """A number with grouping and exactly ``decimals`` decimals: ``1.234,50``."""
    number = _decimal(value)
    if number is None:
        return ""
    decimals = int(decimals)
    return numbers.format_decimal(
        _round(number, decimals),
        format=_fixed_pattern(decimals),
        locale=current_locale(),
    )


def format_amount(value):
    """An amount in kroner: whole kroner without decimals, øre with two;
    ``1.234 kr.`` and ``1.234,50 kr.`` (``DKK 1,234.50`` in English)."""
    amount = _decimal(value)
    if amount is None:
        return ""
    amount = _round(amount, 2)
    decimals = 0 if amount == amount.to_integral_value() else 2
    locale = current_locale()
    pattern = numbers.parse_pattern(_currency_pattern(locale))
    pattern.frac_prec = (decimals, decimals)
    text = numbers.format_currency(
        amount, CURRENCY, format=pattern, locale=locale, currency_digits=False
    )
    # CLDR puts a no-break space between a letter symbol and a digit
    # ("DKK 1,234"); Babel 2.19 does not apply that currency-spacing rule.
    return re.sub(r"(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d])", NBSP, text)


def format_percent(value, max_decimals=1):
    """A value given in per cent (``47.5``, as the portal stores them), as
    ``47,5 %``; at most ``max_decimals`` decimals, none when they are zero."""
    number = _decimal(value)
    if number is None:
        return ""
    number = _strip_zeros(_round(number, max_decimals))
    return numbers.format_percent(
        number / 100, locale=current_locale(), decimal_quantization=False
    )


def format_file_size(size):
    """A file size in bytes as ``850 kB`` or ``1,2 MB`` (1 kB = 1000 bytes):
    whole bytes and kilobytes, megabytes and gigabytes with one decimal."""
    if size is None or size == "":
        return ""
    size = int(size)
    if size < 1000:
        return _unit(size, "digital-byte", "#,##0")
    if round(size / 1000) < 1000:
        return _unit(round(size / 1000), "digital-kilobyte", "#,##0")
    megabytes = _round(Decimal(size) / 10**6, 1)
    if megabytes < 1000:
        return _unit(megabytes, "digital-megabyte", "#,##0.0")
    return _unit(_round(Decimal(size) / 10**9, 1), "digital-gigabyte", "#,##0.0")


def format_date(value, format="long"):
    """A date (or a moment, in the site's time zone) as ``3. december 2026``
    (``December 3, 2026`` in English); ``format`` is a Babel format name."""
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    if hasattr(value, "date"):
        value = value.date()
    return dates.format_date(value, format=format, locale=current_locale())


def format_period(start, end):
    """The days from ``start`` to ``end``: ``1. jan.–30. jun. 2019``."""
    if start is None or end is None:
        return ""
    return dates.format_interval(start, end, "yMMMd", locale=current_locale())


# Spreadsheet cells ------------------------------------------------------------------


def format_cell(value):
    """A number for a spreadsheet cell: decimal comma, no grouping, every
    decimal that carries a value (``47,5``, ``1234``). Empty for no number."""
    number = _decimal(value)
    if number is None:
        return ""
    return numbers.format_decimal(
        _strip_zeros(number),
        locale=CELL_LOCALE,
        decimal_quantization=False,
        group_separator=False,
    )


# A unit or sign a manager may type after the number: “47,5 %”, “100 kr.”.
_UNIT_SUFFIX = re.compile(r"(?i)\s*(%|kr\.?|procent)\s*$")
# Digits with grouping points and commas only: no exponents, no words.
_PLAIN_NUMBER = re.compile(r"[-+]?(?=[\d.,]*\d)[\d.,]+")
# Digits with at most one decimal comma: read the same in every cell locale.
_UNGROUPED_NUMBER = re.compile(r"[-+]?\d+(?:,\d+)?")


def parse_number(text):
    """A Decimal from a cell as Danish offices write it, or None.

    Reads “47,5”, “-3”, “−3”, “1.234,5”, “1 234”, “47,5 %”, “100 kr.”. A comma
    is the decimal sign. A point separates thousands where Danish grouping puts
    one (“1.234”, “1.234.567”); otherwise, with no comma, it is a decimal point
    (“47.5”, “0.475”, from an English file). Anything else is None: the caller
    says in Danish what is wrong.
    """
    text = _UNIT_SUFFIX.sub("", str(text).strip())
    text = re.sub(r"[\s\u00a0\u202f]", "", text.replace("\u2212", "-"))
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    # A comma is always the decimal sign: only a number without one may be
    # read with a decimal point (“47.5”).
    locales = (CELL_LOCALE,) if "," in text else (CELL_LOCALE, "en")
    # “007.500” is read as “7.500” is, and “1.415,” as 1.415 with no decimals.
    text = re.sub(r"^([-+]?)0+(?=\d)", r"\1", text)
    if text.count(",") == 1:
        text = text.removesuffix(",")
    if _UNGROUPED_NUMBER.fullmatch(text):
        # What Babel would read, without its parsing (a tenth of an import of
        # 10,000 rows): no grouping point to check, the comma is the decimal sign.
        return Decimal(text.replace(",", "."))
    for locale in locales:
        try:
            return numbers.parse_decimal(text, locale=locale, strict=True)
        except numbers.NumberFormatError:
            continue
    return None


# Helpers ----------------------------------------------------------------------------


def _decimal(value):
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if hasattr(value, "numerator") and hasattr(value, "denominator"):
        # A Fraction (goal progress computes in exact fractions).
        return Decimal(value.numerator) / Decimal(value.denominator)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _round(number, decimals):
    # Babel rounds half to even; people (and the earlier pages) round half up.
    rounded = number.quantize(Decimal(1).scaleb(-int(decimals)), ROUND_HALF_UP)
    return _unsigned_zero(rounded)


def _strip_zeros(number):
    """47.50 → 47.5 and 100.0 → 100: only the decimals that carry a value."""
    if number == number.to_integral_value():
        return _unsigned_zero(number.quantize(Decimal(1)))
    return number.normalize()


def _unsigned_zero(number):
    """−0,004 rounded is 0, not “-0”."""
    return number.copy_abs() if number.is_zero() else number


def _fixed_pattern(decimals):
    return "#,##0" + ("." + "0" * decimals if decimals else "")


@functools.cache
def _currency_pattern(locale):
    return numbers.Locale.parse(locale).currency_formats["standard"].pattern


def _unit(number, unit, pattern):
    text = units.format_unit(
        number, unit, length="short", format=pattern, locale=current_locale()
    )
    return text.replace(" ", NBSP)
