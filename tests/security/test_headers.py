"""Every page type carries the security headers, and no page needs inline script
or style, so the Content-Security-Policy can forbid them."""

import re

import pytest
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
OTHER_HOST = re.compile(
    r"""<(script|link|img|iframe|source)[^>]*\s(src|href)\s*=\s*["']?(https?:)?//""",
    re.IGNORECASE,
)


def site_pages(objects):
    """One address per page type of the public site, with its expected status."""
    return {
        "home": ("/", 200),
        "offer list": (reverse("services:index"), 200),
        "offer": (objects["offer"].get_absolute_url(), 200),
        "method list": (reverse("methods:index"), 200),
        "method": (objects["method"].get_absolute_url(), 200),
        "resource list": (reverse("resources:index"), 200),
        "resource": (objects["public"].get_absolute_url(), 200),
        "download": (
            reverse("resources:download", kwargs={"slug": objects["public"].slug}),
            200,
        ),
        "knowledge sources": (reverse("knowledge_sources:index"), 200),
        "plans": (reverse("goals:index"), 200),
        "search": (reverse("search") + "?q=metode", 200),
        "search error": (reverse("search") + "?q=%00", 400),
        "filter error": (reverse("resources:index") + "?year=abc&page=x", 200),
        "login": (reverse("login"), 200),
        "password reset": (reverse("password_reset"), 200),
        "not found": ("/findes-ikke/", 404),
        "hidden resource": (objects["staff_only"].get_absolute_url(), 404),
        "sitemap": ("/sitemap.xml", 200),
        "robots": ("/robots.txt", 200),
        "health": ("/healthz", 200),
        "admin login": (reverse("admin:login"), 200),
    }


PAGE_NAMES = [
    "home",
    "offer list",
    "offer",
    "method list",
    "method",
    "resource list",
    "resource",
    "download",
    "knowledge sources",
    "plans",
    "search",
    "search error",
    "filter error",
    "login",
    "password reset",
    "not found",
    "hidden resource",
    "sitemap",
    "robots",
    "health",
    "admin login",
]


def assert_security_headers(response):
    csp = {
        directive.split(" ", 1)[0]: directive.split(" ", 1)[1]
        for directive in (
            part.strip() for part in response["Content-Security-Policy"].split(";")
        )
        if " " in directive
    }
    for directive, value in EXPECTED_CSP.items():
        assert csp.get(directive) == value, (directive, csp.get(directive))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def assert_no_inline_code(html, where):
    for name, pattern in [
        ("inline script", INLINE_SCRIPT),
        ("style element", STYLE_ELEMENT),
        ("style attribute", STYLE_ATTRIBUTE),
        ("event handler attribute", EVENT_HANDLER),
        ("javascript: address", JAVASCRIPT_URL),
        ("resource from another host", OTHER_HOST),
    ]:
        match = pattern.search(html)
        assert match is None, (
            f"{where}: {name}: {html[match.start() : match.start() + 120]!r}"
        )


@pytest.mark.parametrize("name", PAGE_NAMES)
@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_every_page_type_carries_the_security_headers(as_role, internal, name, role):
    client = as_role(role)
    url, status = site_pages(internal)[name]
    if role == "staff" and name in {"login", "admin login"}:
        status = 302
    if role == "staff" and name == "hidden resource":
        status = 200
    response = client.get(url)
    if status is not None:
        assert response.status_code == status, url
    assert response.status_code < 500
    assert_security_headers(response)
    if response.get("Content-Type", "").startswith("text/html"):
        assert_no_inline_code(response.content.decode(), url)


def test_the_lockout_page_carries_the_security_headers(client, staff_user):
    for _ in range(6):
        response = client.post("/log-ind/", {"username": "staff", "password": "x"})
    assert response.status_code == 429
    assert_security_headers(response)
    assert_no_inline_code(response.content.decode(), "lockout")


def test_a_login_form_with_errors_carries_the_security_headers(client, staff_user):
    response = client.post("/log-ind/", {"username": "staff", "password": "forkert"})
    assert_security_headers(response)
    assert_no_inline_code(response.content.decode(), "login with errors")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:resources_resource_changelist",
        "admin:resources_resource_add",
        "admin:services_offer_add",
        "admin:methods_method_add",
        "admin:goals_goal_add",
        "admin:auth_user_changelist",
        "admin:password_change",
    ],
)
def test_admin_pages_carry_the_security_headers(admin_client, url_name):
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_admin_login_works_under_the_policy(client, superuser):
    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": "pw-for-tests-only", "next": "/admin/"},
    )
    assert response.status_code == 302
    # A superuser is sent on to connect an authenticator app first.
    redirect = client.get("/admin/")
    assert_security_headers(redirect)
    assert_security_headers(client.get(redirect["Location"]))


def test_a_staff_member_logs_in_through_a_page_with_the_policy(client, staff_user):
    response = client.post("/log-ind/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302
    assert_security_headers(response)


@pytest.mark.parametrize("name", ["home", "resource list", "resource", "search"])
def test_a_page_served_from_the_page_cache_carries_the_headers_too(
    client, internal, settings, name
):
    settings.PAGE_CACHE_TIMEOUT = 600  # off in the test settings
    url, _status = site_pages(internal)[name]
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") == "hit"
    assert_security_headers(response)


@pytest.mark.parametrize(
    "name",
    ["resource list", "resource", "hidden resource", "offer", "method", "search"],
)
def test_pages_rendered_for_staff_are_never_shared_by_caches(
    staff_client, internal, name
):
    url, _status = site_pages(internal)[name]
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "Cookie" in response.get("Vary", "")
    assert "public" not in response.get("Cache-Control", "")
    assert response.get("X-Page-Cache") is None


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:goals_goal_export",
        "admin:goals_goal_import",
        "admin:goals_target_export",
        "admin:goals_target_import",
        "admin:goals_measurement_export",
        "admin:goals_measurement_import",
    ],
)
def test_the_spreadsheet_admin_pages_need_no_inline_code(admin_client, url_name):
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    assert_security_headers(response)
    assert_no_inline_code(response.content.decode(), url_name)


def test_select_all_on_the_export_page_is_bound_from_a_static_file(admin_client):
    page = admin_client.get(reverse("admin:goals_goal_export")).content.decode()
    assert 'class="select-toggle"' in page
    assert re.search(r'<script src="[^"]*/js/admin-export\.js"', page)
    assert "onSelectToggleChange" not in page
