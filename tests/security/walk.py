"""Every address a visitor can open, read from the URL configuration.

``public_addresses()`` yields ``(route, url)`` for every named route outside the
admin: routes without arguments once, routes with arguments once for every
object of their type (drafts and staff-only items included), each list page
once per value of each of its filters (every object a choice filter could name,
hidden ones included) and once per search word, and the site search once per
search word. A new route with arguments fails the walk until ``ARGUMENTS`` says
how to fill it in, so no public address is left out by accident.

``clear_content()`` empties the site inside the test's transaction, so the walk
covers every object of a small world the test builds, in seconds.

``text_of(response)`` is what a response shows a reader: the page, the CSV, the
cells of an XLSX workbook, the bytes of a download.
"""

from io import BytesIO
from urllib.parse import urlencode

import django_filters
import openpyxl
from django.urls import resolve, reverse

from api.hsds import TAXONOMIES
from config.sitemaps import SITEMAPS
from goals.models import Goal, Plan
from goals.views import EXPORT_FORMATS, EXPORTS
from methods.models import Method, MethodCategory, Talk, TargetGroup
from resources.models import KnowledgeSource, Resource
from services.models import LegalBasis, Location, Offer, OfferKind, Organisation

from .test_role_matrix import parameters, url_patterns

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _slugs(model):
    return [{"slug": slug} for slug in model.objects.values_list("slug", flat=True)]


#: How to fill in each route's arguments: every object of its type.
ARGUMENTS = {
    "services:detail": lambda: _slugs(Offer),
    "methods:detail": lambda: _slugs(Method),
    "methods:talk_detail": lambda: _slugs(Talk),
    "resources:detail": lambda: _slugs(Resource),
    "resources:download": lambda: [
        {"slug": slug}
        for slug in Resource.objects.exclude(file="").values_list("slug", flat=True)
    ],
    "knowledge_sources:detail": lambda: _slugs(KnowledgeSource),
    "goals:plan": lambda: _slugs(Plan),
    "goals:goal": lambda: [
        {"plan": plan, "code": code}
        for plan, code in Goal.objects.values_list("plan__slug", "code")
    ],
    "goals:export": lambda: [
        {"slug": slug, "kind": kind, "fmt": fmt}
        for slug in Plan.objects.values_list("slug", flat=True)
        for kind in EXPORTS
        for fmt in EXPORT_FORMATS
    ],
    "django.contrib.sitemaps.views.sitemap": lambda: [
        {"section": section} for section in SITEMAPS
    ],
    # A link from a reset mail; a made-up one shows the "link is invalid" page.
    "password_reset_confirm": lambda: [{"uidb64": "MQ", "token": "abc-def"}],
    # The open data: every object by its public id, drafts included.
    "api:hsds_service": lambda: _ids(Offer),
    "api:hsds_organization": lambda: _ids(Organisation),
    "api:hsds_service_at_location": lambda: _ids(Location),
    "api:hsds_taxonomy": lambda: [{"id": taxonomy.id} for taxonomy in TAXONOMIES],
    "api:hsds_taxonomy_term": lambda: [
        *_ids(TargetGroup),
        *_ids(OfferKind),
        *_ids(LegalBasis),
    ],
    "api:v1_method": lambda: _slugs(Method),
    "api:v1_goal": lambda: [
        {"plan": plan, "code": code}
        for plan, code in Goal.objects.values_list("plan__slug", "code")
    ],
}


def _ids(model):
    return [{"id": id} for id in model.objects.values_list("uuid", flat=True)]


def routes():
    """``(name, argument names)`` of every named route outside the admin."""
    for name, pattern in url_patterns():
        if not name.startswith("admin:"):
            yield name, parameters(pattern)


def public_addresses(search_words):
    for name, arguments in routes():
        if not arguments:
            url = reverse(name)
            yield name, url
            yield from _variants(name, url, search_words)
            continue
        if name not in ARGUMENTS:
            raise AssertionError(
                f"The route {name!r} takes {sorted(arguments)}: say in "
                "tests/security/walk.py ARGUMENTS how to fill them in."
            )
        for kwargs in ARGUMENTS[name]():
            yield name, reverse(name, kwargs=kwargs)


def clear_content():
    """Delete the seed content (the test's rollback brings it back); in an
    order that protected references allow."""
    for model in (Plan, Resource, KnowledgeSource, Talk, Offer, OfferKind, LegalBasis):
        model.objects.all().delete()
    while Organisation.objects.exists():
        Organisation.objects.filter(children__isnull=True).delete()
    Method.objects.update(parent=None)
    for model in (Method, MethodCategory, TargetGroup):
        model.objects.all().delete()


def text_of(response):
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if response.get("Content-Type", "").startswith(XLSX):
        book = openpyxl.load_workbook(BytesIO(body), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return body.decode("utf-8", errors="replace")


def _variants(name, url, search_words):
    """The list page at ``url`` once per value of each filter; the site search
    once per word."""
    if name == "search":
        for word in search_words:
            yield name, f"{url}?{urlencode({'q': word})}"
        return
    view_class = getattr(resolve(url).func, "view_class", None)
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is None:
        return
    model = filterset_class._meta.model
    filterset = filterset_class(queryset=model.objects.all())
    for field, choice_filter in filterset.filters.items():
        for value in _filter_values(choice_filter, search_words):
            yield name, f"{url}?{urlencode({field: value})}"


def _filter_values(choice_filter, search_words):
    if isinstance(choice_filter, django_filters.ModelChoiceFilter):
        queryset = choice_filter.queryset
        if callable(queryset):
            queryset = queryset(None)
        # Every object of the type, not only the offered ones: a hidden one
        # typed into the address must not show either.
        key = choice_filter.extra.get("to_field_name", "pk")
        return queryset.model._default_manager.values_list(key, flat=True)
    if isinstance(choice_filter, django_filters.ChoiceFilter):
        choices = choice_filter.extra.get("choices", [])
        if callable(choices):
            choices = choices()
        return [value for value, _label in choices if value != ""]
    if isinstance(choice_filter, django_filters.CharFilter):
        return search_words
    raise AssertionError(f"No values to try for the filter {choice_filter!r}.")
