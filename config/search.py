"""Site-wide search: each app's own search, composed and grouped by type."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.search import MAX_QUERY_LENGTH, query_words
from goals import search as goals_search
from goals.models import Plan
from methods import search as methods_search
from resources import search as resources_search
from services import search as services_search

RESULTS_PER_GROUP = 5


@dataclass
class Hit:
    title: str
    url: str
    snippet: str
    meta: str = ""
    internal: bool = False


@dataclass
class Group:
    key: str
    label: str
    count: int
    more_url: str
    hits: list = field(default_factory=list)


def search_site(query, user, limit=RESULTS_PER_GROUP):
    """Every group's count and best ``limit`` hits for ``query`` as ``user`` sees
    them; a fixed number of queries whatever the amount of data."""
    params = urlencode({"q": query})
    groups = []
    for key, label, app_search, url_name, to_hit in _GROUPS:
        count, results = app_search(query, user, limit)
        groups.append(
            Group(
                key=key,
                label=label,
                count=count,
                more_url=f"{reverse(url_name)}?{params}",
                hits=[to_hit(item) for item in results],
            )
        )
    return groups


def validate_query(query):
    """A Danish message saying what is wrong with ``query``, or None if it is fine."""
    if "\x00" in query:
        return _("Søgningen indeholder et tegn, vi ikke kan søge efter. Prøv igen.")
    if len(query) > MAX_QUERY_LENGTH:
        return _("Søgningen er for lang. Brug højst %(max)d tegn.") % {
            "max": MAX_QUERY_LENGTH
        }
    if not query_words(query):
        return _("Skriv mindst ét ord med bogstaver eller tal.")
    return None


# How each app's results become hits.


def _offer_hit(offer):
    return Hit(
        offer.name, offer.get_absolute_url(), offer.search_snippet, str(offer.kind)
    )


def _method_hit(method):
    return Hit(
        str(method),
        method.get_absolute_url(),
        method.search_snippet,
        str(method.category),
    )


def _resource_hit(resource):
    meta = resource.get_kind_display()
    if resource.year:
        meta = f"{meta} · {resource.year}"
    return Hit(
        resource.title,
        resource.get_absolute_url(),
        resource.search_snippet,
        meta,
        internal=resource.is_staff_only,
    )


def _plan_or_goal_hit(item):
    if isinstance(item, Plan):
        meta = f"{item.get_kind_display()} · {item.period_label}"
    else:
        meta = _("Mål i %(plan)s") % {"plan": item.plan.title}
    return Hit(item.title, item.get_absolute_url(), item.search_snippet, str(meta))


def _urgent_help_hit(entry):
    return Hit(entry.title, entry.get_absolute_url(), entry.search_snippet, entry.phone)


_GROUPS = [
    ("tilbud", _("Tilbud"), services_search.search, "services:index", _offer_hit),
    ("metoder", _("Metoder"), methods_search.search, "methods:index", _method_hit),
    (
        "materialer",
        _("Materialer"),
        resources_search.search,
        "resources:index",
        _resource_hit,
    ),
    (
        "planer",
        _("Planer og mål"),
        goals_search.search,
        "goals:index",
        _plan_or_goal_hit,
    ),
    # "Akut hjælp": the words people type when in need (sove, nat, vold).
    (
        "akut",
        _("Akut hjælp"),
        services_search.search_urgent_help,
        "services:urgent_help",
        _urgent_help_hit,
    ),
]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søg på siden"),
        required=False,
        strip=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Length and NUL bytes are checked in clean_q, with our own messages.
        self.fields["q"].validators = []

    def clean_q(self):
        query = self.cleaned_data["q"]
        message = validate_query(query) if query else None
        if message:
            raise forms.ValidationError(message, code="invalid")
        return query
