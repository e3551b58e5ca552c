"""Numbers are formatted in one place, core/formats.py: a test that reads the
app code and the templates and fails on hand-written number formatting anywhere
else (thousands separators, decimal commas, Django's and humanize's number
filters, Babel called directly)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SEARCHED = ["config", "core", "goals", "methods", "resources", "services", "templates"]
SCRIPTS_AND_STYLES = ["static/js"]
SUFFIXES = {".py", ".html", ".txt", ".xml", ".js"}
THE_ONE_PLACE = ROOT / "core" / "formats.py"

HAND_WRITTEN = {
    "Django's thousand separator argument": re.compile(r"\bthousand_sep\b"),
    "a decimal point swapped for a comma": re.compile(
        r"""\.replace\(\s*(["'])[.,]\1\s*,\s*(["'])[.,]\2\s*\)"""
    ),
    "a thousands-separator format spec": re.compile(
        r"""\{[^{}"']*:[<>^=]?[+\- ]?#?0?\d*,[^{}]*\}|format\([^()]*,\s*["']\d*,"""
    ),
    "humanize's intcomma": re.compile(r"\bintcomma\b"),
    "Django's floatformat": re.compile(r"\bfloatformat\b"),
    "Django's filesizeformat": re.compile(r"\bfilesizeformat\b"),
    "django.utils.numberformat": re.compile(r"\bnumberformat\b|\bnumber_format\("),
    "django.contrib.humanize": re.compile(r"\bhumanize\b"),
    "Django's localize filter": re.compile(r"\|\s*localize\b"),
    "a per cent sign or kroner written after a number": re.compile(
        r"\}\}?(?:[ \u00a0]|\\u00a0|\\xa0)?(?:%(?![}\w(])|kr\.)"
    ),
    "a hand-written Danish date format": re.compile(r"""date:\s*["']j\. F Y"""),
    "Babel outside core/formats.py": re.compile(r"^\s*(from|import)\s+babel\b", re.M),
    "JavaScript number formatting": re.compile(
        r"\btoLocaleString\b|\btoFixed\b|\bIntl\.NumberFormat\b"
    ),
}


def hand_written_formatting(text):
    """The names of the hand-written number formatting found in ``text``."""
    return [name for name, pattern in HAND_WRITTEN.items() if pattern.search(text)]


def files_to_read():
    for folder in SEARCHED + SCRIPTS_AND_STYLES:
        for path in sorted((ROOT / folder).rglob("*")):
            if (
                path.suffix in SUFFIXES
                and path != THE_ONE_PLACE
                and "migrations" not in path.parts
            ):
                yield path


def test_no_number_is_formatted_by_hand_outside_core_formats():
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in files_to_read()
        for name in hand_written_formatting(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_search_reads_the_apps_and_templates():
    read = {path.relative_to(ROOT).as_posix() for path in files_to_read()}
    assert "core/templatetags/danish_format.py" in read
    assert "goals/progress.py" in read
    assert "services/templates/services/offer/detail.html" in read
    assert "core/formats.py" not in read


@pytest.mark.parametrize(
    "code",
    [
        'format_number(n, decimal_sep=",", thousand_sep=".")',
        'f"{value:f}".replace(".", ",")',
        "text.replace(',', '.')",
        'f"{int(whole):,}"',
        '"{:,}".format(n)',
        'f"{amount:,.2f} kr."',
        'format(n, ",")',
        "{{ n|intcomma }}",
        "{{ n|floatformat:2 }}",
        "{{ size|filesizeformat }}",
        "from django.utils.numberformat import format",
        "{% load humanize %}",
        "{{ n|localize }}",
        'f"{progress.percent_of_next} %"',
        "{{ percent }} % af vejen",
        'f"{number}\\u00a0kr."',
        '{{ day|date:"j. F Y" }}',
        "from babel.numbers import format_decimal",
        "n.toFixed(1)",
    ],
)
def test_the_search_finds_each_kind_of_hand_written_formatting(code):
    assert hand_written_formatting(code)


@pytest.mark.parametrize(
    "code",
    [
        "{% localize off %}{{ chart.width }}{% endlocalize %}",
        "{{ progress.percent_of_next|unlocalize }}",
        'f"{first}, {second}"',
        '"{}, {}".format(a, b)',
        'f"{p.x},{p.y}"',
        '", ".join(years)',
        "{{ plan.approved_on|date:'Y-m-d' }}",
        "{% if a %}{{ b }}{% endif %}",
        '_("%(amount)s kr.")',
    ],
)
def test_the_search_leaves_ordinary_code_alone(code):
    assert hand_written_formatting(code) == []
