"""Admin pages that span the apps: the completeness report."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import completeness

SORTS = {
    "navn": (lambda row: row.name.casefold(), False),
    "-navn": (lambda row: row.name.casefold(), True),
    "type": (lambda row: (_kind_order(row.kind), row.name.casefold()), False),
    "antal": (lambda row: (len(row.gaps), row.name.casefold()), False),
    "-antal": (lambda row: (len(row.gaps), row.name.casefold()), True),
}


#: The admin model each kind of row opens in.
OPENED_AS = {
    completeness.Kind.OFFER: ("services", "offer"),
    completeness.Kind.ORGANISATION: ("services", "organisation"),
    completeness.Kind.RESOURCE: ("resources", "resource"),
}


def completeness_report(request):
    """What a citizen cannot see, per offer, organisation and material;
    filtered by type and gap (``?type=tilbud&mangler=telefon``), sorted by
    ``?sort=`` (navn, type, antal; ``-`` for the other way)."""
    if not request.user.has_perm("services.view_offer"):
        raise PermissionDenied
    rows = completeness.report()
    kind = request.GET.get("type", "")
    gap = request.GET.get("mangler", "")
    if kind in completeness.KIND_LABELS:
        rows = [row for row in rows if row.kind == kind]
    else:
        kind = ""
    labels = completeness.gap_labels()
    if gap in labels:
        rows = [row for row in rows if gap in row.gaps]
    else:
        gap = ""
    sort = request.GET.get("sort", "type")
    if sort not in SORTS:
        sort = "type"
    key, reverse = SORTS[sort]
    rows.sort(key=key, reverse=reverse)
    # A row links to its change form only for a user who may open it there.
    openable = {
        row_kind
        for row_kind, (app, model) in OPENED_AS.items()
        if request.user.has_perm(f"{app}.view_{model}")
        or request.user.has_perm(f"{app}.change_{model}")
    }
    for row in rows:
        if row.kind not in openable:
            row.admin_url = ""
    context = {
        **admin.site.each_context(request),
        "title": _("Hvad borgeren ikke kan se"),
        "rows": rows,
        "kinds": list(completeness.KIND_LABELS.items()),
        "gaps": list(labels.items()),
        "kind": kind,
        "gap": gap,
        "sort": sort,
        "lines": completeness.count_lines(),
    }
    return TemplateResponse(request, "admin/completeness_report.html", context)


def _kind_order(kind):
    return list(completeness.KIND_LABELS).index(kind)
