"""Every address of the site, requested as every role, gets the answer the role
model says: 200, a redirect to the login, 403 or 404.

Addresses come from the URL resolver, so a new page is covered without editing
this file: one without parameters is expected to be public (200 for everyone);
one with parameters needs a sample here, and ``test_every_address_is_covered``
fails until it has one. Admin addresses are worked out from the model admin
registry and the role table below.

Roles: anonymous; a logged-in account without staff status ("user"); staff
without any group; curators (group "Videnscenter"); managers (group "Ledere");
superusers.
"""

from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from .conftest import ROLES

pytestmark = pytest.mark.django_db

STAFF_ROLES = {"staff", "curator", "manager", "superuser"}
ALL = {"view", "add", "change", "delete"}

#: What each role may do in the admin, by (app label, model name or "*").
#: This is the design (config/roles.py implements it); the test checks the site
#: keeps to it.
ADMIN_PERMISSIONS = {
    "staff": {},
    "curator": {
        ("methods", "*"): ALL,
        ("services", "*"): ALL,
        ("resources", "*"): ALL,
        # The site's contact and the search's synonyms (config/roles.py).
        ("core", "sitecontact"): ALL,
        ("core", "synonym"): ALL,
    },
    "manager": {
        ("goals", "*"): ALL,
        ("services", "offer"): {"view"},
        ("services", "organisation"): {"view"},
    },
}

#: Admin views and the permission each needs (import-export codes are set in
#: settings: IMPORT_EXPORT_IMPORT/EXPORT_PERMISSION_CODE).
ADMIN_ACTIONS = {
    "changelist": {"view", "change"},
    "change": {"view", "change"},
    "history": {"view", "change"},
    "simple_history": {"view", "change"},
    "file": {"view", "change"},
    # An old version's file (resources/admin.py): kept for the history only.
    "version_file": {"view", "change"},
    "add": {"add"},
    "delete": {"delete"},
    "import": {"change"},
    "export": {"view"},
}


def may(role, app_label, model_name, permissions):
    if (app_label, model_name) == ("core", "sitecontact") and permissions <= {
        "add",
        "delete",
    }:
        # One row, made once and never deleted (core/admin.py SiteContactAdmin).
        return False
    if role == "superuser":
        return True
    granted = ADMIN_PERMISSIONS.get(role, {})
    have = granted.get((app_label, model_name), set()) | granted.get(
        (app_label, "*"), set()
    )
    return bool(have & permissions)


def has_any_permission_in(role, app_label):
    if role == "superuser":
        return True
    return any(app == app_label for app, _model in ADMIN_PERMISSIONS.get(role, {}))


@dataclass
class Case:
    """One request and the answer each role gets: a status, or "login" for a
    redirect to the login page."""

    name: str
    path: str
    expect: dict = field(default_factory=dict)
    method: str = "get"


def answer(response):
    location = response.get("Location", "")
    if response.status_code == 302 and (
        location.startswith(reverse("admin:login"))
        or location.startswith(reverse("login"))
    ):
        return "login"
    return response.status_code


# --- the URL resolver --------------------------------------------------------


def url_patterns(resolver=None, namespace=""):
    """(full name, pattern) for every named address of the site."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            prefix = (
                f"{namespace}:{inner}" if namespace and inner else inner or namespace
            )
            yield from url_patterns(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern


def parameters(pattern):
    regex = pattern.pattern.regex
    return set(regex.groupindex) | (
        {"*"} if regex.groups > len(regex.groupindex) else set()
    )


# --- the public site ---------------------------------------------------------


def everyone(status):
    return dict.fromkeys(ROLES, status)


def staff_only(status_for_staff=200):
    return {role: status_for_staff if role in STAFF_ROLES else 404 for role in ROLES}


#: Parameterless public addresses that do not answer 200 to everyone.
SPECIAL = {
    "login": {role: 200 if role == "anonymous" else 302 for role in ROLES},
    "logout": everyone(405),
    # The site's own accessibility page (issue #13), and the language switch,
    # which sends the reader back where they came from.
    "accessibility_statement": everyone(200),
    "set_language": everyone(302),
    # The completeness report: staff who may see offers (curators, managers).
    "completeness_report": {
        "anonymous": "login",
        "user": "login",
        "staff": 403,
        "curator": 200,
        "manager": 200,
        "superuser": 200,
    },
    # The second login step: for a logged-in user only.
    "two_factor_verify": {
        role: "login" if role == "anonymous" else 200 for role in ROLES
    },
    "two_factor_setup": {
        role: "login" if role == "anonymous" else 200 for role in ROLES
    },
}


def site_samples(objects):
    """Addresses with parameters: name → [(label, kwargs, expected answers)]."""
    from config.sitemaps import SITEMAPS
    from goals.views import EXPORT_FORMATS, EXPORTS

    plan = objects["goal"].plan
    return {
        "django.contrib.sitemaps.views.sitemap": [
            (section, {"section": section}, everyone(200)) for section in SITEMAPS
        ]
        + [("unknown", {"section": "findes-ikke"}, everyone(404))],
        "password_reset_confirm": [
            ("forged link", {"uidb64": "MQ", "token": "forfalsket"}, everyone(200))
        ],
        "services:detail": [
            ("public", {"slug": objects["offer"].slug}, everyone(200)),
            ("draft", {"slug": objects["draft_offer"].slug}, everyone(404)),
            ("unknown", {"slug": "findes-ikke"}, everyone(404)),
        ],
        "methods:detail": [
            ("public", {"slug": objects["method"].slug}, everyone(200)),
            ("draft", {"slug": objects["draft_method"].slug}, everyone(404)),
        ],
        # Talks have no draft state: every talk is public (issue #14).
        "methods:talk_detail": [
            ("unknown", {"slug": "findes-ikke"}, everyone(404)),
        ],
        "resources:detail": [
            ("public", {"slug": objects["public"].slug}, everyone(200)),
            ("staff only", {"slug": objects["staff_only"].slug}, staff_only()),
            ("draft", {"slug": objects["draft"].slug}, everyone(404)),
        ],
        "resources:download": [
            ("public", {"slug": objects["public"].slug}, everyone(200)),
            ("staff only", {"slug": objects["staff_only"].slug}, staff_only()),
            ("draft", {"slug": objects["draft"].slug}, everyone(404)),
            ("no file", {"slug": objects["no_file"].slug}, everyone(404)),
        ],
        "knowledge_sources:detail": [
            ("source", {"slug": objects["source"].slug}, everyone(200))
        ],
        "goals:plan": [("plan", {"slug": plan.slug}, everyone(200))],
        "goals:goal": [
            (
                "goal",
                {"plan": plan.slug, "code": objects["goal"].code},
                everyone(200),
            )
        ],
        "goals:export": [
            (
                f"{kind}.{fmt}",
                {"slug": plan.slug, "kind": kind, "fmt": fmt},
                everyone(200),
            )
            for kind in EXPORTS
            for fmt in EXPORT_FORMATS
        ]
        + [("unknown", {"slug": plan.slug, "kind": "x", "fmt": "exe"}, everyone(404))],
        **open_data_samples(objects),
    }


def open_data_samples(objects):
    """The open data (api/): the same answers for everyone, drafts never."""
    from api import hsds
    from methods.models import TargetGroup
    from services.models import Location, Offer

    offer, goal = objects["offer"], objects["goal"]
    place = Location.objects.filter(offer__in=Offer.objects.visible_to(None))
    unknown = ("unknown", {"id": "00000000-0000-4000-8000-000000000000"}, everyone(404))
    return {
        "api:hsds_service": [
            ("public", {"id": offer.uuid}, everyone(200)),
            ("draft", {"id": objects["draft_offer"].uuid}, everyone(404)),
            unknown,
        ],
        "api:hsds_organization": [
            ("organisation", {"id": offer.owner.uuid}, everyone(200)),
            unknown,
        ],
        "api:hsds_service_at_location": [
            ("public", {"id": place.first().uuid}, everyone(200)),
            unknown,
        ],
        "api:hsds_taxonomy": [
            ("target groups", {"id": hsds.TARGET_GROUPS.id}, everyone(200)),
            unknown,
        ],
        "api:hsds_taxonomy_term": [
            ("target group", {"id": TargetGroup.objects.first().uuid}, everyone(200)),
            unknown,
        ],
        "api:v1_method": [
            ("public", {"slug": objects["method"].slug}, everyone(200)),
            ("draft", {"slug": objects["draft_method"].slug}, everyone(404)),
        ],
        "api:v1_goal": [
            ("goal", {"plan": goal.plan.slug, "code": goal.code}, everyone(200)),
        ],
    }


def site_cases(objects):
    cases, uncovered = [], []
    samples = site_samples(objects)
    for name, pattern in url_patterns():
        if name.startswith("admin:"):
            continue
        if not parameters(pattern):
            cases.append(Case(name, reverse(name), SPECIAL.get(name, everyone(200))))
        elif name in samples:
            for label, kwargs, expect in samples[name]:
                cases.append(
                    Case(f"{name} ({label})", reverse(name, kwargs=kwargs), expect)
                )
        else:
            uncovered.append(name)
    return cases, uncovered


# --- the admin ---------------------------------------------------------------


def admin_cases(objects):
    cases, uncovered = [], []
    registry = {
        (model._meta.app_label, model._meta.model_name): model
        for model in admin.site._registry
    }
    not_logged_in = {"anonymous": "login", "user": "login"}

    def staff_expect(check):
        return {**not_logged_in, **{role: check(role) for role in STAFF_ROLES}}

    for name, pattern in url_patterns():
        if not name.startswith("admin:"):
            continue
        short = name.removeprefix("admin:")
        if short == "login":
            expect = {"anonymous": 200, "user": 200} | dict.fromkeys(STAFF_ROLES, 302)
            cases.append(Case(name, reverse(name), expect))
            continue
        if short == "logout":
            # POST only; the admin sends visitors who are not staff to its index.
            expect = {"anonymous": 302, "user": 302} | everyone_staff(405)
            cases.append(Case(name, reverse(name), expect))
            continue
        if short in {"index", "password_change", "password_change_done", "jsi18n"}:
            cases.append(Case(name, reverse(name), staff_expect(lambda role: 200)))
            continue
        if short == "autocomplete":
            # Without its parameters the request is refused for everyone.
            cases.append(Case(name, reverse(name), staff_expect(lambda role: 403)))
            continue
        if short == "view_on_site":
            offer = objects["offer"]
            kwargs = {
                "content_type_id": ContentType.objects.get_for_model(offer).pk,
                "object_id": offer.pk,
            }
            # Only for those who may see offers in the admin (issue #16).
            cases.append(
                Case(
                    name,
                    reverse(name, kwargs=kwargs),
                    staff_expect(
                        lambda role: (
                            302 if may(role, "services", "offer", {"view"}) else 404
                        )
                    ),
                )
            )
            continue
        if short == "app_list":
            for app_label in sorted({app for app, _model in registry}):
                cases.append(
                    Case(
                        f"{name} ({app_label})",
                        reverse(name, kwargs={"app_label": app_label}),
                        staff_expect(
                            lambda role, app=app_label: (
                                200 if has_any_permission_in(role, app) else 404
                            )
                        ),
                    )
                )
            continue
        if short in {"otp_totp_totpdevice_config", "otp_totp_totpdevice_qrcode"}:
            # A device's key is shown to no one (OTP_ADMIN_HIDE_SENSITIVE_DATA).
            device = objects["instances"][registry[("otp_totp", "totpdevice")]]
            url = reverse(name, kwargs={"pk": device.pk})
            cases.append(Case(name, url, staff_expect(lambda role: 403)))
            continue
        if short == "auth_user_password_change":
            user_id = objects["staff_user"].pk
            cases.append(
                Case(
                    name,
                    reverse(name, kwargs={"id": user_id}),
                    staff_expect(
                        lambda role: (
                            200 if may(role, "auth", "user", {"change"}) else 403
                        )
                    ),
                )
            )
            continue
        if short == "goals_measurement_missing_rows":
            # The reporting round's spreadsheet: for those who may import.
            cases.append(
                Case(
                    name,
                    reverse(name),
                    staff_expect(
                        lambda role: (
                            200
                            if may(role, "goals", "measurement", {"change"})
                            else 403
                        )
                    ),
                )
            )
            continue
        if short.startswith("goals_importevent_"):
            # An import's record and its undo answer by the permissions on the
            # kind imported, not on the record: tests/goals/test_import_events.py.
            continue
        matched = match_model_view(short, registry)
        if matched is None:
            uncovered.append(name)
            continue
        (app_label, model_name), action = matched
        model = registry[(app_label, model_name)]
        instance = objects["instances"].get(model)
        needs = ADMIN_ACTIONS["import" if action == "process_import" else action]
        params = parameters(pattern)
        if params and instance is None:
            uncovered.append(f"{name} (no {model.__name__} to open)")
            continue
        if action == "process_import":
            # The second step of an import: POST only, so GET is refused (405)
            # before permissions are looked at; the POST is checked as well.
            cases.append(Case(name, reverse(name), staff_expect(lambda role: 405)))
            cases.append(
                Case(
                    f"{name} (POST)",
                    reverse(name),
                    staff_expect(
                        lambda role, n=needs, a=app_label, m=model_name: (
                            200 if may(role, a, m, n) else 403
                        )
                    ),
                    method="post",
                )
            )
            continue
        if app_label == "axes" and action == "add":
            # django-axes' admin never lets anyone add log rows by hand.
            cases.append(Case(name, reverse(name), staff_expect(lambda role: 403)))
            continue
        if action == "simple_history":
            record = instance.history.order_by("pk").first()
            args = [instance.pk, record.history_id]
            path = reverse(name, args=args)
        elif action == "version_file":
            # The newest version is the one with the file.
            record = instance.history.order_by("pk").last()
            path = reverse(name, args=[instance.pk, record.history_id])
        elif "object_id" in params:
            path = reverse(name, kwargs={"object_id": instance.pk})
        else:
            path = reverse(name)
        cases.append(
            Case(
                name,
                path,
                staff_expect(
                    lambda role, n=needs, a=app_label, m=model_name: (
                        200 if may(role, a, m, n) else 403
                    )
                ),
            )
        )
    return cases, uncovered


def everyone_staff(status):
    return dict.fromkeys(STAFF_ROLES, status)


def match_model_view(short, registry):
    for app_label, model_name in registry:
        prefix = f"{app_label}_{model_name}_"
        if short.startswith(prefix):
            action = short.removeprefix(prefix)
            if action in ADMIN_ACTIONS or action == "process_import":
                return (app_label, model_name), action
    return None


# --- data --------------------------------------------------------------------


def _factories():
    import factory

    from tests import factories

    return {
        item._meta.model: item
        for item in vars(factories).values()
        if isinstance(item, type)
        and issubclass(item, factory.django.DjangoModelFactory)
        and item._meta.model is not None
    }


FACTORIES = _factories()


@pytest.fixture
def objects(seed, internal, django_user_model):
    """The seed content, the internal fixture's items, one row of every admin
    model, and a user of each role."""
    from django.core.files.base import ContentFile

    from core.models import SiteContact
    from tests.factories import KnowledgeSourceFactory, ResourceFactory

    from .conftest import MINIMAL_PDF, make_user

    now = timezone.now()
    SiteContact.objects.create(name="Videnscentret", phone="89 15 00 00")
    AccessAttempt.objects.create(
        username="x",
        ip_address="10.9.9.9",
        user_agent="t",
        http_accept="*/*",
        path_info="/log-ind/",
        attempt_time=now,
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AccessLog.objects.create(
        username="x",
        ip_address="10.9.9.9",
        user_agent="t",
        http_accept="*/*",
        path_info="/log-ind/",
        attempt_time=now,
    )
    AccessFailureLog.objects.create(
        username="x",
        ip_address="10.9.9.9",
        user_agent="t",
        http_accept="*/*",
        path_info="/log-ind/",
        attempt_time=now,
        locked_out=False,
    )
    from goals.models import Goal

    staff_user = make_user(django_user_model, "staff")
    staff_user.username = "matrix-staff"
    staff_user.save()
    # Two-factor devices (django-otp's admin): an app and recovery codes.
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=staff_user, name="app")
    StaticDevice.objects.create(user=staff_user, name="koder")
    instances = {}
    for model in admin.site._registry:
        preferred = {
            type(internal["staff_only"]): internal["staff_only"],
        }.get(model)
        instance = preferred or model._default_manager.order_by("pk").first()
        if instance is None and model in FACTORIES:
            instance = FACTORIES[model]()
        instances[model] = instance
    no_file = ResourceFactory(title="Uden fil", visibility="public")
    internal["staff_only"].file.save("igen.pdf", ContentFile(MINIMAL_PDF))
    return {
        **internal,
        "instances": instances,
        "no_file": no_file,
        "source": KnowledgeSourceFactory(),
        "goal": Goal.objects.select_related("plan").order_by("pk").first(),
        "staff_user": staff_user,
    }


# --- the tests ---------------------------------------------------------------


def all_cases(objects):
    site, site_uncovered = site_cases(objects)
    admin_, admin_uncovered = admin_cases(objects)
    return site + admin_, site_uncovered + admin_uncovered


def test_every_address_is_covered(objects):
    _cases, uncovered = all_cases(objects)
    assert uncovered == [], (
        "Addresses with parameters need a sample in test_role_matrix.py "
        "(site_samples) or a model row to open"
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_address_answers_each_role_as_designed(objects, as_role, role):
    client = as_role(role)
    client.raise_request_exception = False  # a server error is a wrong answer too
    cases, _uncovered = all_cases(objects)
    assert len(cases) > 100
    wrong = []
    for case in cases:
        response = getattr(client, case.method)(case.path)
        got = answer(response)
        expected = case.expect[role]
        if got != expected:
            wrong.append(f"{case.name} {case.path}: expected {expected}, got {got}")
    assert wrong == [], "\n" + "\n".join(wrong)
