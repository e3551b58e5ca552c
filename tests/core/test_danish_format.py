"""Numbers as Danish readers expect them, whatever language the browser asks for."""

import pytest
from django.utils import translation

from core.templatetags.danish_format import file_size, grouped, kroner, tel_href


@pytest.mark.parametrize("language", ["da", "en"])
def test_kroner_uses_danish_separators(language):
    with translation.override(language):
        assert kroner(2331443) == "2.331.443\xa0kr."


def test_kroner_shows_oere_only_when_there_are_any():
    assert kroner("2331443.00") == "2.331.443\xa0kr."
    assert kroner("12.5") == "12,50\xa0kr."


def test_kroner_of_nothing_is_empty():
    assert kroner(None) == ""
    assert kroner("ikke et tal") == ""


def test_grouped():
    assert grouped(1234567) == "1.234.567"
    assert grouped(15) == "15"


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (12, "12\xa0byte"),
        (850_400, "850\xa0kB"),
        (999_400, "999\xa0kB"),
        (999_600, "1,0\xa0MB"),
        (1_249_999, "1,2\xa0MB"),
        (1_250_000, "1,3\xa0MB"),
        (34_000_000, "34,0\xa0MB"),
    ],
)
def test_file_size(size, text):
    assert file_size(size) == text


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
    assert tel_href(phone) == href
