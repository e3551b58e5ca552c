"""What every open-data response shares: JSON with Danish text, the HSDS page
wrapper, errors as JSON, and ``Last-Modified`` from the content's history."""

import functools
import math

from django.db.models import Max
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import params
from .params import BadParameter


def json_response(data, status=200):
    return JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )


def error_response(status, message, **details):
    body = {"error": {"status": status, "message": message, **details}}
    return json_response(body, status)


def open_data(view):
    """A read-only open-data view: GET and HEAD only, Danish whatever the
    visitor's language (the data is the same for everyone, and cached so), a
    bad parameter as 400 JSON and an unknown id as 404 JSON."""

    @require_safe
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override("da"):
            try:
                return view(request, *args, **kwargs)
            except BadParameter as problem:
                return error_response(400, problem.message, parameter=problem.name)
            except Http404:
                return error_response(404, _("Findes ikke."))

    return wrapper


def page(request, items, build):
    """One page of ``items`` (a queryset or a list) in HSDS's page wrapper, each
    item made by ``build``; ``?page=`` and ``?per_page=`` choose the page. A
    page past the last one is empty, as HSDS's ``empty`` flag allows."""
    number = params.positive_int(request.GET, "page", 1)
    size = params.positive_int(
        request.GET, "per_page", params.DEFAULT_PER_PAGE, params.MAX_PER_PAGE
    )
    total = len(items) if isinstance(items, list) else items.count()
    pages = max(1, math.ceil(total / size))
    start = (number - 1) * size
    window = items[start : start + size] if start < total else []
    contents = [build(item) for item in window]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": contents,
    }


def with_last_modified(response, *models):
    """``response`` with ``Last-Modified``: the latest change recorded in the
    history of ``models`` (every save, delete and relink through an action or
    the admin writes a history row)."""
    latest = [
        model.history.aggregate(latest=Max("history_date"))["latest"]
        for model in models
    ]
    latest = [moment for moment in latest if moment is not None]
    if latest:
        response["Last-Modified"] = http_date(max(latest).timestamp())
    return response
