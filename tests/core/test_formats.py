"""Numbers, amounts, percentages, file sizes and dates as core/formats.py writes
them (Danish on Danish pages, English on English ones), and spreadsheet cells as
it reads them."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template
from django.utils import translation

from core.formats import (
    format_amount,
    format_cell,
    format_date,
    format_decimal,
    format_file_size,
    format_number,
    format_percent,
    format_period,
    parse_number,
)

NBSP = "\u00a0"


@pytest.fixture(params=["da", "en"])
def language(request):
    with translation.override(request.param):
        yield request.param


def in_language(danish, english):
    return {"da": danish, "en": english}


# Amounts: whole kroner without decimals, øre with two ------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.50"), in_language("1.234,50 kr.", "DKK 1,234.50")),
        ("1234.5", in_language("1.234,50 kr.", "DKK 1,234.50")),
        (1234.5, in_language("1.234,50 kr.", "DKK 1,234.50")),
        (2331443, in_language("2.331.443 kr.", "DKK 2,331,443")),
        ("2331443.00", in_language("2.331.443 kr.", "DKK 2,331,443")),
        ("12.5", in_language("12,50 kr.", "DKK 12.50")),
        # Rounded half up to øre first; what is left decides whether øre show.
        ("0.125", in_language("0,13 kr.", "DKK 0.13")),
        ("1234.999", in_language("1.235 kr.", "DKK 1,235")),
    ],
)
def test_amount(language, value, expected):
    assert format_amount(value) == expected[language].replace(" ", NBSP)


def test_what_rounds_to_zero_has_no_sign(language):
    assert format_number(Decimal("-0.4")) == "0"
    assert format_amount(Decimal("-0.001")) == format_amount(0)
    assert format_percent(Decimal("-0.01")) == format_percent(0)
    assert format_cell(Decimal("-0.00")) == "0"


@pytest.mark.parametrize("value", [None, "", "ikke et tal", "NaN", True])
def test_no_amount_is_empty(value):
    assert format_amount(value) == ""


# Numbers and percentages ----------------------------------------------------------


def test_number_is_grouped_and_rounded_half_up(language):
    expected = {
        "da": ["1.234.567", "15", "1.235", "1.234,6", "61,3", "47"],
        "en": ["1,234,567", "15", "1,235", "1,234.6", "61.3", "47"],
    }
    assert [
        format_number(1234567),
        format_number(15),
        format_number(Decimal("1234.5")),
        format_number(Decimal("1234.55"), max_decimals=1),
        format_number(Fraction(184, 3), max_decimals=1),
        format_number(Decimal("47.00"), max_decimals=1),
    ] == expected[language]


def test_decimal_keeps_its_fixed_decimals(language):
    expected = in_language("1.234,50", "1,234.50")[language]
    assert format_decimal(Decimal("1234.5"), 2) == expected


def test_percent_of_a_value_in_per_cent(language):
    expected = {
        "da": ["47,5\xa0%", "61,3\xa0%", "100\xa0%"],
        "en": ["47.5%", "61.3%", "100%"],
    }
    assert [
        format_percent(Decimal("47.50")),
        format_percent(Fraction(184, 3)),
        format_percent(100),
    ] == expected[language]


# File sizes: 1 kB = 1000 bytes ------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "danish", "english"),
    [
        (12, "12 B", "12 byte"),
        (850_400, "850 kB", "850 kB"),
        (999_400, "999 kB", "999 kB"),
        (999_600, "1,0 MB", "1.0 MB"),
        (1_249_999, "1,2 MB", "1.2 MB"),
        (1_250_000, "1,3 MB", "1.3 MB"),
        (34_000_000, "34,0 MB", "34.0 MB"),
        (999_940_000, "999,9 MB", "999.9 MB"),
        (999_960_000, "1,0 GB", "1.0 GB"),
    ],
)
def test_file_size(language, size, danish, english):
    expected = in_language(danish, english)[language]
    assert format_file_size(size) == expected.replace(" ", NBSP)


# Dates ------------------------------------------------------------------------------


def test_date_and_period(language):
    day = datetime.date(2026, 12, 3)
    # A moment late on New Year's Eve in UTC is already the next year in Denmark.
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    expected = {
        "da": ("3. december 2026", "1. januar 2027", "1. dec. 2017–31. maj 2018"),
        "en": (
            "December 3, 2026",
            "January 1, 2027",
            "Dec 1, 2017\u2009–\u2009May 31, 2018",
        ),
    }
    assert (
        format_date(day),
        format_date(moment),
        format_period(datetime.date(2017, 12, 1), datetime.date(2018, 5, 31)),
    ) == expected[language]


# Template filters -------------------------------------------------------------------


def test_filters_in_a_template(language):
    template = Template(
        "{% load danish_format %}{{ budget|kroner }}|{{ n|grouped }}|{{ n|grouped:2 }}"
        "|{{ share|percent }}|{{ size|file_size }}|{{ day|long_date }}"
    )
    text = template.render(
        Context(
            {
                "budget": Decimal("1234.50"),
                "n": 1250,
                "share": Decimal("47.5"),
                "size": 1_500_000,
                "day": datetime.date(2018, 10, 1),
            }
        )
    )
    expected = {
        "da": "1.234,50\xa0kr.|1.250|1.250,00|47,5\xa0%|1,5\xa0MB|1. oktober 2018",
        "en": "DKK\xa01,234.50|1,250|1,250.00|47.5%|1.5\xa0MB|October 1, 2018",
    }
    assert text == expected[language]


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("89 15 17 00", "tel:89151700"),
        ("+45 89 15 17 00", "tel:+4589151700"),
        ("", ""),
        ("ikke oplyst", ""),
    ],
)
def test_tel_href(phone, href):
    template = Template("{% load danish_format %}{{ phone|tel_href }}")
    assert template.render(Context({"phone": phone})) == href


# Spreadsheet cells ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("47,5", "47.5"),
        ("47.5", "47.5"),
        ("1.234", "1234"),
        ("1.234,5", "1234.5"),
        ("1.234.567,25", "1234567.25"),
        ("1 234", "1234"),
        ("1\u00a0234,5", "1234.5"),
        ("0.475", "0.475"),
        ("1234.5678", "1234.5678"),
        ("1,234", "1.234"),
        ("−3", "-3"),
        ("-1.234,5", "-1234.5"),
        ("+5", "5"),
        ("47,5 %", "47.5"),
        ("47,5 procent", "47.5"),
        ("100 kr.", "100"),
        ("1.415,", "1415"),
        ("007.500", "7500"),
        (".5", "0.5"),
        ("abc", None),
        ("", None),
        ("1,2,3", None),
        ("1.2.3", None),
        ("12.34,5", None),
        ("1,234.5", None),
        ("1e5", None),
        ("NaN", None),
        ("Infinity", None),
        ("--3", None),
    ],
)
def test_parse_number(text, number):
    expected = Decimal(number) if number is not None else None
    assert parse_number(text) == expected


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (Decimal("47.500"), "47,5"),
        (Decimal("100.0"), "100"),
        (Decimal("1234567.25"), "1234567,25"),
        (Decimal("-0.0001"), "-0,0001"),
    ],
)
def test_cells_are_written_in_danish_whatever_the_language_and_read_back(
    language, value, cell
):
    with translation.override(language):
        assert format_cell(value) == cell
    assert parse_number(cell) == value
