"""The checks must be able to fail: run them on deliberately broken pages,
served by the browser itself (no server, no database)."""

import pytest

from .checks import (
    assert_accessible,
    axe_violations,
    keyboard_problems,
    sideways_overflow,
    skip_link_problems,
)
from .conftest import PHONE, new_context, watch

GOOD = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prøve</title>
<style>
  body { font: 16px/1.5 sans-serif; margin: 0; }
  a:focus-visible, input:focus-visible, button:focus-visible {
    outline: 4px solid #000; }
  .skip { position: absolute; left: -999px; }
  .skip:focus { left: 0; }
</style></head>
<body>
  <a class="skip" href="#main">Gå til sidens indhold</a>
  <header><a href="#top">Forside</a></header>
  <main id="main" tabindex="-1">
    <h1>Prøve</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Et billede">
    <form><label for="q">Søg</label><input id="q" name="q">
    <button type="submit">Søg</button></form>
  </main>
</body></html>"""

BROKEN = (
    GOOD.replace(' alt="Et billede"', "")
    .replace('<label for="q">Søg</label>', "")
    .replace(".skip:focus { left: 0; }", "")
    .replace('<a class="skip" href="#main">Gå til sidens indhold</a>', "")
    .replace("a:focus-visible, ", "a:focus { outline: none; } ")
    .replace("</main>", '<div style="width: 600px">bred</div></main>')
)


@pytest.fixture
def load(browser):
    """Show HTML in a fresh page, so focus starts at the top each time."""
    context = new_context(browser, None, width=PHONE)

    def _load(html):
        page = watch(context.new_page())
        page.set_content(html)
        return page

    yield _load
    context.close()


def test_a_good_page_passes_every_check(load):
    page = load(GOOD)
    assert_accessible(page)
    assert sideways_overflow(page) == 0
    assert skip_link_problems(page) == []
    assert keyboard_problems(load(GOOD)) == ([], [])
    assert page.problems == []


def test_axe_reports_an_image_without_alt_text_and_a_field_without_label(load):
    page = load(BROKEN)
    rules = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= rules
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


def test_the_sideways_scroll_check_sees_a_too_wide_element(load):
    assert sideways_overflow(load(BROKEN)) > 0


def test_the_keyboard_checks_see_a_missing_skip_link_and_invisible_focus(load):
    assert skip_link_problems(load(BROKEN))
    unreachable, invisible = keyboard_problems(load(BROKEN))
    assert any("<a>" in problem for problem in invisible)


def test_a_control_taken_out_of_the_tab_order_is_reported(load):
    page = load(GOOD.replace('<input id="q"', '<input id="q" tabindex="-1"'))
    unreachable, _ = keyboard_problems(page)
    assert any("input#q" in control for control in unreachable)


def test_a_file_from_another_host_is_refused_and_reported(load):
    page = load(
        GOOD.replace(
            "</main>", '<img src="https://cdn.example.org/x.png" alt="x"></main>'
        )
    )
    assert any("request to another host" in problem for problem in page.problems)
