"""Two-factor login end to end in Chromium (issue #16): a manager connects an
authenticator app on the first login (QR code, key, first code, recovery
codes), reaches the admin, and types the app's code on the next login."""

import re

import pytest

from .checks import expect
from .journeys import PASSWORD, log_in, make_user, pass_second_factor

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [375, 1280])
def test_a_manager_connects_an_app_and_logs_in_with_its_code(
    open_page, screenshot_dir, width
):
    username = f"leder-2fa-{width}"
    make_user(username, groups=["Ledere"], is_staff=True, first_name="Lene")
    page = open_page("/log-ind/?next=/admin/", width=width)
    page.get_by_label(re.compile("brugernavn", re.IGNORECASE)).fill(username)
    page.get_by_label(re.compile("adgangskode", re.IGNORECASE)).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()

    expect(page).to_have_url(re.compile("/log-ind/kode/opsaet/"))
    expect(
        page.get_by_role("heading", name="Slå totrinsbekræftelse til")
    ).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    page.screenshot(
        path=screenshot_dir / f"two-factor-setup-{width}.png", full_page=True
    )

    page.get_by_label("Kode").fill("123")
    page.get_by_role("button", name="Slå til").click()
    expect(page.get_by_text("Koden er forkert")).to_be_visible()

    # django-otp refuses every code for a second after a wrong one (its
    # throttle); a person takes longer than that to type the next one.
    page.wait_for_timeout(1500)
    pass_second_factor(page, username)
    expect(page).to_have_url(re.compile("/admin/$"))

    page.goto("/")
    page.locator("form[action='/log-ud/'] button").first.click()
    log_in(page, username, next_path="/admin/")
    expect(page).to_have_url(re.compile("/admin/$"))
    assert page.problems == []
