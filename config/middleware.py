"""Middleware of the site's own."""

import logging
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/healthz/ready"


def _unused(request):  # pragma: no cover - the header middleware never calls it
    raise AssertionError


class HealthCheckMiddleware:
    """Answers the load balancer's ``/healthz`` with "ok", first in MIDDLEWARE.

    A probe comes over plain HTTP and is often addressed to the server's IP
    (``10.0.0.11:8000``, docs/deployment.md), not to a name in ALLOWED_HOSTS.
    Answering here, before any middleware reads the Host header or redirects to
    HTTPS, keeps the probe's answer 200 without opening ALLOWED_HOSTS; the
    database, the session and the cache are not asked. The answer still carries
    the headers every response has (nosniff, CSP, X-Frame-Options ...).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header_middleware = [
            SecurityMiddleware(_unused),
            XFrameOptionsMiddleware(_unused),
            CSPMiddleware(_unused),
        ]

    def __call__(self, request):
        if request.path_info not in (HEALTH_PATH, READY_PATH):
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
        elif request.path_info == READY_PATH:
            response = readiness()
        else:
            response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
        response["Cache-Control"] = "no-store"
        for middleware in self.header_middleware:
            response = middleware.process_response(request, response)
        return add_permissions_policy(response)


def readiness():
    """``/healthz/ready``: whether this server can answer pages, for the load
    balancer. The database and the cache are reported on their own; only the
    database decides (503 without it), as every page still answers 200 with the
    cache down, just slower."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    body = {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    return JsonResponse(body, status=200 if checks["database"] else 503)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Readiness: the database cannot be reached", exc_info=True)
        return False
    return True


def _cache_ok():
    key = "healthz:ready"
    value = str(time.time_ns())
    try:
        cache.set(key, value, timeout=10)
        return cache.get(key) == value
    except Exception:  # noqa: BLE001 - any client error means "not available"
        logger.warning("Readiness: the cache cannot be reached", exc_info=True)
        return False


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every answer (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        return add_permissions_policy(response)


def add_permissions_policy(response):
    response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
    return response


class SessionTimeoutMiddleware:
    """Ends a logged-in session after ``SESSION_IDLE_TIMEOUT`` seconds without a
    request, and ``SESSION_COOKIE_AGE`` seconds after the login whatever
    happens in between (the cookie's own expiry is only the browser's word).

    The time of the last request is written at most once a minute, so a page
    with many requests does not write the session every time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        session = request.session
        if SESSION_KEY not in session:
            return
        now = int(time.time())
        logged_in_at = session.get(LOGGED_IN_AT_KEY)
        seen_at = session.get(SEEN_AT_KEY, logged_in_at)
        if logged_in_at is None or seen_at is None:
            # A session from before these limits: it starts counting now.
            session[LOGGED_IN_AT_KEY] = session[SEEN_AT_KEY] = now
            return
        expired = (
            now - seen_at > settings.SESSION_IDLE_TIMEOUT
            or now - logged_in_at > settings.SESSION_COOKIE_AGE
        )
        if expired:
            logout(request)
            return
        if now - seen_at >= SEEN_AT_RESOLUTION:
            session[SEEN_AT_KEY] = now


LOGGED_IN_AT_KEY = "logged_in_at"
SEEN_AT_KEY = "seen_at"
SEEN_AT_RESOLUTION = 60


@receiver(user_logged_in, dispatch_uid="config.middleware.session_times")
def _start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGGED_IN_AT_KEY] = now
        request.session[SEEN_AT_KEY] = now


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every answer rendered for a
    logged-in user: it may show staff-only material, and no shared cache,
    proxy or browser history should keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            for directive in ("public", "max-age", "s-maxage"):
                _drop_cache_directive(response, directive)
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        return response


def _drop_cache_directive(response, directive):
    value = response.get("Cache-Control")
    if not value:
        return
    kept = [
        part.strip()
        for part in value.split(",")
        if part.strip().split("=")[0].lower() != directive
    ]
    response["Cache-Control"] = ", ".join(kept)
    if not kept:
        del response["Cache-Control"]


class RequestBodyLimitMiddleware:
    """Refuses a request body above ``REQUEST_BODY_MAX_SIZE`` with 413 before
    anything reads it; logged-in staff in the admin (file uploads, spreadsheet
    imports) may send up to ``MAX_UPLOAD_SIZE`` and a little for the form.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out, so without this a
    login form would accept and parse a multipart body of any size. The web
    server's limit (nginx ``client_max_body_size``) still comes first."""

    FORM_ALLOWANCE = 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self._limit(request):
            return too_large(request)
        return self.get_response(request)

    def _limit(self, request):
        user = getattr(request, "user", None)
        admin_prefix = "/" + settings.ADMIN_URL_PATH
        if (
            request.path_info.startswith(admin_prefix)
            and user is not None
            and user.is_authenticated
            and user.is_staff
        ):
            return settings.MAX_UPLOAD_SIZE + self.FORM_ALLOWANCE
        return settings.REQUEST_BODY_MAX_SIZE


def too_large(request):
    from .views import static_error_page

    response = static_error_page("413.html", 413)
    # The body was not read: the connection cannot be reused for another request.
    response["Connection"] = "close"
    return response


class AdminQueryGuardMiddleware:
    """Answers 400 to an admin address whose query holds a whole number no
    database column can take (beyond 64 bits) or a date part no calendar has,
    outside the search box: every model admin, Django's and the libraries'
    included, would pass it to the database and fail with a server error."""

    MAX_INTEGER = 2**63 - 1
    # The list's search box and the autocomplete's term: each admin's own
    # search refuses or cleans what it cannot use, with a message in the list.
    FREE_TEXT = {"q", "term"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/" + settings.ADMIN_URL_PATH) and any(
            self._hostile(key, value)
            for key, values in request.GET.lists()
            if key not in self.FREE_TEXT
            for value in values
        ):
            from .views import static_error_page

            return static_error_page("400.html", 400)
        return self.get_response(request)

    # A date hierarchy's parts, which Python's calendar must be able to hold.
    DATE_PARTS = {"__year": (1, 9999), "__month": (1, 12), "__day": (1, 31)}

    def _hostile(self, key, value):
        # A NUL byte no PostgreSQL text column takes: refused here for every
        # admin, the libraries' (two-factor devices, login log) included.
        if "\x00" in value:
            return True
        digits = value.strip().lstrip("-+")
        number = digits.isascii() and digits.isdigit()
        if number and int(digits) > self.MAX_INTEGER:
            return True
        for suffix, (low, high) in self.DATE_PARTS.items():
            if key.endswith(suffix):
                return number and not low <= int(value) <= high
        return False
