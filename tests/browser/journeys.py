"""Steps the journeys share: a logged-in user, a small PDF."""

import re

from .checks import expect

PASSWORD = "browser-test-pw-7421"  # noqa: S105

# A minimal, valid one-page PDF (header, catalog, pages, page, xref, trailer).
PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
    b"0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def make_user(username, *, groups=(), **fields):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, **fields
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def log_in(page, username, *, next_path=None):
    """Log in through the portal's own form at /log-ind/, as a person would."""
    page.goto("/log-ind/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label(re.compile("brugernavn", re.IGNORECASE)).fill(username)
    page.get_by_label(re.compile("adgangskode", re.IGNORECASE)).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page.get_by_text(re.compile("Logget ind som"))).to_be_visible()
    pass_second_factor(page, username)


def totp_code(secret, drift=0):
    """The code an authenticator app shows now for the base32 ``secret``."""
    import base64

    from django_otp.oath import totp

    key = base64.b32decode(secret.replace(" ", ""))
    return f"{totp(key, drift=drift):06d}"


def pass_second_factor(page, username):
    """Staff who must use two-factor login (config/two_factor.py) connect an
    app on their first login and type its code on later ones, as a person
    would: the key is read from the enrolment page, the code computed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if "/log-ind/kode/opsaet/" in page.url:
        secret = page.locator("#otp-secret").inner_text()
        page.get_by_label("Kode").fill(totp_code(secret))
        page.get_by_role("button", name="Slå til").click()
        expect(page.locator("#recovery-codes li")).to_have_count(10)
        page.get_by_role("link", name=re.compile("fortsæt")).click()
    elif "/log-ind/kode/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        secret = base64_secret(device)
        # The next step's code: the one used at enrolment is not taken twice.
        page.get_by_label("Kode").fill(totp_code(secret, drift=1))
        page.get_by_role("button", name="Bekræft").click()


def base64_secret(device):
    import base64

    return base64.b32encode(device.bin_key).decode()
