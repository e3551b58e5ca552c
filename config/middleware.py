"""Middleware of the site's own."""

from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware

HEALTH_PATH = "/healthz"


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
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
        else:
            response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
        response["Cache-Control"] = "no-store"
        for middleware in self.header_middleware:
            response = middleware.process_response(request, response)
        return response
