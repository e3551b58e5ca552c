"""Every page type in a real browser: axe-core finds no WCAG 2.1 A/AA problem,
nothing scrolls sideways on a phone, the browser logs no error (a blocked
inline script or style, a missing file), and a screenshot at 375 and 1280 px
lands in artifacts/screenshots/ for a person to look at."""

import pytest

from .checks import assert_accessible, assert_no_sideways_scroll, shoot
from .conftest import DESKTOP, NARROW, PHONE
from .pages import PAGE_TYPES, expected_status, page_path


def _params(widths):
    return [
        pytest.param(name, width, id=f"{name}-{width}")
        for name in PAGE_TYPES
        for width in widths
    ]


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


def test_the_check_fails_on_a_portal_page_given_an_image_without_alt(open_page):
    """The same check as above, on a real page the server sent, once an image
    without alt text and a search field without a label are put into it."""
    page = load(open_page, "home", PHONE)
    page.evaluate(
        """() => {
          const main = document.querySelector('main');
          const image = document.createElement('img');
          image.src = '/static/img/favicon.svg';
          main.prepend(image);
          const field = document.createElement('input');
          field.name = 'unlabelled';
          main.append(field);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)
