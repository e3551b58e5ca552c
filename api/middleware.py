"""Manners for machines on ``/api/``: CORS open for reading, a validator on
every answer and 304 when the client already has it, a public cache lifetime.

It sits before the page cache (config/cache.py), so a stored answer gets the
same treatment as a fresh one."""

from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

API_PREFIX = "/api/"
# Seconds a client or a proxy may reuse an answer without asking again.
MAX_AGE = 300
READ_METHODS = ("GET", "HEAD")


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return self.preflight()
        response = self.get_response(request)
        if request.method not in READ_METHODS:
            return response
        response["Access-Control-Allow-Origin"] = "*"
        if response.status_code != 200 or response.streaming:
            return response
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        if not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    @staticmethod
    def preflight():
        """The answer to a browser asking before a cross-origin request: only
        reading is allowed."""
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
        response["Access-Control-Max-Age"] = str(24 * 60 * 60)
        return response
