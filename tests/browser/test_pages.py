"""Every page type in a real browser: axe-core finds no WCAG 2.1 A/AA problem,
nothing scrolls sideways on a phone, the browser logs no error (a blocked
inline script or style, a missing file), and a screenshot at 375 and 1280 px
lands in artifacts/screenshots/ for a person to look at."""

import pytest

from .checks import assert_accessible, assert_no_sideways_scroll, shoot
from .conftest import DESKTOP, NARROW, PHONE
from .pages import PAGE_TYPES, expected_status, page_path

# Defects found by these tests and reported to the lead; strict, so the test
# fails as soon as the page is fixed and the entry must go.
# Keys: a page type, or (page type, width).
FILTER_GRID = (
    "static/css/site.css: .filter-layout has no grid-template-columns below 992px,"
    " so its one column is as wide as the widest <select> option or tag; add"
    " grid-template-columns: minmax(0, 1fr), and .tag { white-space: normal; }"
)
KNOWN_DEFECTS = {
    ("methods", NARROW): FILTER_GRID,
    ("resources", NARROW): FILTER_GRID,
    ("method", NARROW): (
        "static/css/site.css: .tag has white-space: nowrap, so the tag"
        " 'Borgere med psykiske vanskeligheder' is 335px wide at 320px;"
        " use white-space: normal"
    ),
    ("offer", NARROW): (
        "services/templates/services/offer/detail.html: the key figures table"
        " is 1px too wide at 320px; wrap it in <div class='table--responsive'"
        " role='region' tabindex='0' aria-labelledby=...> like the plan page"
    ),
    ("plan", PHONE): (
        "goals/templates/goals/plan/detail.html: axe scrollable-region-focusable"
        " on the initiatives table's <div class='table--responsive'>: add"
        " role='region' tabindex='0' aria-labelledby='initiatives-heading'"
        " (and the same on the key figures table's wrapper)"
    ),
}


def _params(widths):
    params = []
    for name in PAGE_TYPES:
        for width in widths:
            reason = KNOWN_DEFECTS.get((name, width)) or KNOWN_DEFECTS.get(name)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(name, width, id=f"{name}-{width}", marks=marks))
    return params


def load(open_page, name, width):
    page = open_page(width=width)
    response = page.goto(page_path(name))
    assert response.status == expected_status(name), page.url
    return page


def console_problems(page, name):
    problems = page.problems
    if expected_status(name) == 404:
        # Chromium logs the document's own 404 status as a console error.
        problems = [p for p in problems if "404" not in p]
    return problems


@pytest.mark.parametrize(("name", "width"), _params([PHONE, DESKTOP]))
def test_page_is_accessible(open_page, screenshot_dir, name, width):
    page = load(open_page, name, width)
    shoot(page, screenshot_dir, name)
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    assert console_problems(page, name) == []


@pytest.mark.parametrize(("name", "width"), _params([NARROW]))
def test_page_fits_a_small_phone(open_page, name, width):
    page = load(open_page, name, width)
    assert_no_sideways_scroll(page)
