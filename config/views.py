"""Site-level pages: home, search, and the pages every site needs."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from methods.models import Method, Publication
from resources.models import Resource
from services.models import Offer

from .search import RESULTS_PER_GROUP, SearchForm, search_site

WHATS_NEW_COUNT = 6


@dataclass
class NewItem:
    kind: str
    title: str
    url: str
    summary: str
    updated_at: datetime.datetime


@require_GET
def home(request):
    return render(
        request,
        "home.html",
        {"whats_new": _whats_new(WHATS_NEW_COUNT)},
    )


@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = ""
    groups = []
    status = 200
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            groups = search_site(query, request.user, RESULTS_PER_GROUP)
    else:
        status = 400
    context = {
        "form": form,
        "query": query,
        # What the user typed stays in the box, even when it cannot be searched.
        "shown_query": query or _typed(request.GET.get("q", "")),
        "groups": groups,
        "total": sum(group.count for group in groups),
    }
    return render(request, "search/results.html", context, status=status)


def healthz(request):
    """For the load balancer: the process answers; the database is not asked."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def accessibility_statement(request):
    return HttpResponseRedirect(settings.ACCESSIBILITY_STATEMENT_URL)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {
            "sitemap_url": request.build_absolute_uri("/sitemap.xml"),
            "admin_path": "/" + settings.ADMIN_URL_PATH,
        },
        content_type="text/plain; charset=utf-8",
    )


def server_error(request):
    """The 500 page: a static template, no context processors, no database."""
    try:
        template = loader.get_template("500.html")
        body = template.render(
            {
                "SITE_NAME": settings.SITE_NAME,
                "SITE_OWNER": settings.SITE_OWNER,
                "SITE_CONTACT_PHONE": settings.SITE_CONTACT_PHONE,
                "SITE_CONTACT_EMAIL": settings.SITE_CONTACT_EMAIL,
            }
        )
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        body = "<h1>Der skete en fejl</h1><p>Prøv igen om lidt.</p>"
    return HttpResponseServerError(body)


def _typed(value):
    return value.replace("\x00", "")[:1000]


def _whats_new(limit):
    """The latest changed public offers, methods and resources, newest first:
    three queries whatever the amount of data."""
    offers = (
        Offer.objects.filter(status=Publication.PUBLISHED)
        .select_related("kind")
        .order_by("-updated_at")[:limit]
    )
    methods = (
        Method.objects.filter(status=Publication.PUBLISHED)
        .select_related("category")
        .order_by("-updated_at")[:limit]
    )
    resources = Resource.objects.visible_to(None).order_by("-updated_at")[:limit]
    items = [
        *(
            NewItem(_("Tilbud"), o.name, o.get_absolute_url(), o.summary, o.updated_at)
            for o in offers
        ),
        *(
            NewItem(_("Metode"), str(m), m.get_absolute_url(), m.summary, m.updated_at)
            for m in methods
        ),
        *(
            NewItem(
                _("Materiale"), r.title, r.get_absolute_url(), r.summary, r.updated_at
            )
            for r in resources
        ),
    ]
    items.sort(key=lambda item: item.updated_at, reverse=True)
    return items[:limit]
