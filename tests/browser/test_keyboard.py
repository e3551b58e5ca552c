"""Keyboard only: the skip link is the first tab stop and moves focus to the
main content; Tab reaches every control, and each shows where focus is."""

import pytest

from .checks import keyboard_problems, skip_link_problems
from .conftest import DESKTOP, PHONE
from .pages import PAGE_TYPES, page_path

KNOWN_DEFECTS = {}


def _params():
    params = []
    for name in PAGE_TYPES:
        reason = KNOWN_DEFECTS.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(name, id=name, marks=marks))
    return params


@pytest.mark.parametrize("name", _params())
def test_skip_link_and_every_control_by_keyboard(open_page, name):
    path = page_path(name)
    page = open_page(path, width=DESKTOP)
    assert skip_link_problems(page) == []

    page = open_page(path, context=page.context)  # a fresh page: focus at the top
    unreachable, no_visible_focus = keyboard_problems(page)
    assert unreachable == [], "Tab never reaches these controls"
    assert no_visible_focus == [], "these controls show no focus"


@pytest.mark.parametrize("name", ["home", "offers", "offer"])
def test_skip_link_on_a_phone(open_page, name):
    page = open_page(page_path(name), width=PHONE)
    assert skip_link_problems(page) == []
