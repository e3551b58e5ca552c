"""The admin as the knowledge centre's own: the portal's and the municipality's
name (settings), the index grouped by what each role does, and a start page per
role above it.

The groups and the start pages span the apps (a curator's overdue offers,
methods and materials; a manager's reporting round), so they belong to the
project, like the roles (config/roles.py).
"""

from django.conf import settings
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.verification import verification_cutoff

#: The index's groups, in order: (anchor, name, app labels).
GROUPS = [
    # core: the site's contact and the search's synonyms, kept by curators.
    ("indhold", _("Indhold"), ["methods", "services", "resources", "core"]),
    ("planer", _("Planer og mål"), ["goals"]),
    # The two-factor devices (django-otp) belong with the accounts.
    ("brugere", _("Brugere"), ["auth", "axes", "otp_totp", "otp_static"]),
]


def _site_header():
    return f"{settings.SITE_NAME} · {settings.SITE_OWNER}"


class PortalAdminSite(admin.AdminSite):
    site_header = lazy(_site_header, str)()
    site_title = lazy(lambda: settings.SITE_NAME, str)()
    index_title = _("Administration af portalen")
    index_template = "admin/portal_index.html"

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps  # one app's own page (the breadcrumbs link there)
        by_label = {app["app_label"]: app for app in apps}
        grouped = []
        for anchor, name, labels in GROUPS:
            models = [
                m for label in labels for m in by_label.pop(label, {}).get("models", [])
            ]
            if models:
                grouped.append(group(anchor, name, models))
        # An app no group names (a new one) still shows, under its own name.
        return grouped + list(by_label.values())

    def index(self, request, extra_context=None):
        context = {"start_pages": start_pages(request), **(extra_context or {})}
        return super().index(request, extra_context=context)


def group(anchor, name, models):
    return {
        "name": name,
        "app_label": anchor,
        "app_url": f"{reverse('admin:index')}#gruppe-{anchor}",
        "has_module_perms": True,
        "models": models,
    }


def start_pages(request):
    """What the user's role should do next: the reporting round for those who
    may change goals, what is overdue for verification for those who may
    change offers or methods."""
    user = request.user
    pages = []
    if user.has_perm("goals.change_measurement"):
        pages.append(("admin/start_managers.html", managers_page(user)))
    if user.has_perm("services.change_offer") or user.has_perm("methods.change_method"):
        pages.append(("admin/start_curators.html", curators_page(user)))
    return pages


def managers_page(user):
    from goals.selectors import reporting_round

    return {
        "round": reporting_round(),
        "may_import": user.has_perm("goals.change_measurement"),
    }


def curators_page(user):
    from methods.models import Method
    from resources.models import Resource
    from services.models import Offer

    overdue = []
    for model, perm, queryset, filtered in (
        (Offer, "services.change_offer", Offer.objects.overdue(), True),
        (Method, "methods.change_method", Method.objects.overdue(), True),
        (
            Resource,
            "resources.change_resource",
            Resource.objects.filter(last_reviewed_on__isnull=True)
            | Resource.objects.filter(last_reviewed_on__lt=verification_cutoff()),
            False,
        ),
    ):
        if not user.has_perm(perm):
            continue
        url = changelist_url(model)
        if url and filtered:
            url += "?skal_bekraeftes=ja"
        overdue.append(
            {
                "name": model._meta.verbose_name_plural,
                "count": queryset.count(),
                "url": url,
                "items": [
                    (item, change_url(item)) for item in queryset.order_by("pk")[:5]
                ],
            }
        )
    return {
        "overdue": overdue,
        "max_age": settings.VERIFICATION_MAX_AGE_MONTHS,
    }


def changelist_url(model):
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return ""


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
