"""Site-level pages: home, search, and the pages every site needs."""

import datetime
import sys
from dataclasses import dataclass

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import loader
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.history import last_curated_change
from core.models import SiteContact
from methods.models import Method
from resources.models import Resource
from services import search as services_search
from services import selectors as services_selectors
from services.models import Offer

from .search import SearchForm, search_site

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
        {
            # Read only when its fragment is rendered, not when that comes
            # from the cache (core/templatetags/fragments.py).
            "whats_new": SimpleLazyObject(lambda: _whats_new(WHATS_NEW_COUNT)),
            # By the public rule, like the rest of the page.
            "urgent_help": services_selectors.urgent_help(None),
        },
    )


@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = ""
    result = None
    status = 200
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            result = search_site(
                query,
                request.user,
                type_key=form.cleaned_data["type"],
                page=form.cleaned_data["page"],
            )
    else:
        status = 400
    context = {
        "form": form,
        "query": query,
        # What the user typed stays in the box, even when it cannot be searched.
        "shown_query": query or _typed(request.GET.get("q", "")),
        "result": result,
        "total": result.total if result else 0,
        # "Akut hjælp" first, whatever else the words find.
        "urgent_help": (
            services_search.urgent_help_matching(query, request.user) if query else []
        ),
    }
    return render(request, "search/results.html", context, status=status)


@require_GET
def accessibility_statement(request):
    """The site's own page about accessibility: it links to the statement
    made with the national tool (its address set in the admin), as the law on
    accessibility of public websites expects every site to do."""
    return render(
        request,
        "accessibility.html",
        {"statement_url": SiteContact.current().accessibility_statement_url},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {
            # Not the admin's address: robots.txt is read by anyone, and
            # the admin is not linked from any page a crawler would find.
            "sitemap_url": request.build_absolute_uri("/sitemap.xml"),
        },
        content_type="text/plain; charset=utf-8",
    )


def bad_request(request, exception=None):
    """The 400 page (a bad Host header, too many form fields ...): Danish, static."""
    return _static_error_page("400.html", 400)


def permission_denied(request, exception=None):
    """The 403 page: Danish and static; the exception's text is not shown."""
    return _static_error_page("403.html", 403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a Danish page instead of Django's English one."""
    return _static_error_page(
        "403_csrf.html", 403, {"no_cookie": reason == REASON_NO_CSRF_COOKIE}
    )


def server_error(request):
    """The 500 page: a static template, no context processors, no database.

    When the error is that the database cannot be reached (refused, timed out,
    no free connection in the pool), the answer is the 503 page with
    ``Retry-After`` instead: the portal is down for a moment, not broken."""
    if database_unreachable(sys.exc_info()[1]):
        response = _static_error_page("503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return _static_error_page("500.html", 500)


# Seconds a visitor (or a crawler) is asked to wait when the database is down.
RETRY_AFTER_SECONDS = 60


def database_unreachable(exc):
    """Whether ``exc`` means there is no database connection to be had (not a
    bad query): Django's OperationalError or InterfaceError, raised while
    connecting or on a connection that was lost."""
    return isinstance(exc, (OperationalError, InterfaceError))


ERROR_FALLBACKS = {
    400: "<h1>Forespørgslen kunne ikke læses</h1>",
    403: "<h1>Du har ikke adgang til siden</h1>",
    413: "<h1>Forespørgslen er for stor</h1>",
    500: "<h1>Der skete en fejl</h1><p>Prøv igen om lidt.</p>",
    503: "<h1>Portalen er midlertidigt utilgængelig</h1><p>Prøv igen om lidt.</p>",
}


def _static_error_page(template_name, status, context=None):
    """An error page from settings only: no request context processors (the
    request may be what is wrong, e.g. its Host header), no database."""
    try:
        body = loader.get_template(template_name).render(
            {
                "SITE_NAME": settings.SITE_NAME,
                "SITE_OWNER": settings.SITE_OWNER,
                "SITE_CONTACT_PHONE": settings.SITE_CONTACT_PHONE,
                "SITE_CONTACT_EMAIL": settings.SITE_CONTACT_EMAIL,
                "LOGIN_URL": settings.LOGIN_URL,
                **(context or {}),
            }
        )
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        body = ERROR_FALLBACKS[status]
    response = HttpResponse(body, status=status)
    # A bad Host header fails in CommonMiddleware, inside XFrameOptionsMiddleware.
    response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    return response


def _typed(value):
    return value.replace("\x00", "")[:1000]


def _whats_new(limit):
    """The public offers, methods and resources a person changed or verified
    most recently, newest first, with that date: what only the seed loader
    wrote is not news, however recently it was loaded. Three queries whatever
    the amount of data. By the public rule (no user): the home page is the
    same for everyone."""
    offers = _latest_curated(Offer.objects.visible_to(None).select_related("kind"))
    methods = _latest_curated(
        Method.objects.visible_to(None).select_related("category")
    )
    resources = _latest_curated(Resource.objects.visible_to(None))
    items = [
        *(
            NewItem(_("Tilbud"), o.name, o.get_absolute_url(), o.summary, o.curated_on)
            for o in offers[:limit]
        ),
        *(
            NewItem(_("Metode"), str(m), m.get_absolute_url(), m.summary, m.curated_on)
            for m in methods[:limit]
        ),
        *(
            NewItem(
                _("Materiale"), r.title, r.get_absolute_url(), r.summary, r.curated_on
            )
            for r in resources[:limit]
        ),
    ]
    items.sort(key=lambda item: item.updated_at, reverse=True)
    return items[:limit]


def _latest_curated(queryset):
    return (
        queryset.annotate(curated_on=last_curated_change(queryset.model))
        .filter(curated_on__isnull=False)
        .order_by("-curated_on")
    )


static_error_page = _static_error_page


def admin_view_on_site(request, content_type_id, object_id):
    """The admin's "Se på siden" (``/admin/r/<type>/<id>/``), for what the
    user may see in the admin only: Django's own view resolves any object of
    any type to its address, a draft's slug included."""
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.contenttypes.views import shortcut
    from django.http import Http404

    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
        model = content_type.model_class()
    except (ValueError, OverflowError, ContentType.DoesNotExist):
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        raise Http404
    obj = model_admin.get_object(request, object_id)
    if obj is None:
        raise Http404
    return shortcut(request, content_type_id, object_id)
