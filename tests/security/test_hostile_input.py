"""Hostile form input in the login, password reset and admin forms: overlong
values, control characters, NUL bytes, wrong types and encodings. The answer is
a form error (or a refusal), never a server error, and nothing is saved."""

import json
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.http import QueryDict
from django.urls import reverse

from resources.models import Resource

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = {
    "empty": "",
    "overlong": "a" * 100_000,
    "nul": "staff\x00",
    "only nul": "\x00",
    "control characters": "st\x01a\x07f\x1bf\x7f",
    "newlines": "staff\r\nSet-Cookie: x=1",
    "unicode": "ståff ℌ \U0001f600 \u202e",
    "lone surrogate escape": "\\ud800",
    "sql": "' OR '1'='1' --",
    "template": "{{ settings.SECRET_KEY }}{% debug %}",
    "html": "<script>alert(1)</script>",
    "format string": "%s%s%s%n",
}


@pytest.fixture(params=["/log-ind/", "admin"])
def login_url(request):
    return reverse("admin:login") if request.param == "admin" else request.param


@pytest.mark.parametrize("field", ["username", "password"])
@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_hostile_login_input_is_a_form_error(
    client, staff_user, login_url, field, value
):
    data = {"username": "staff", "password": PASSWORD, field: value}
    response = client.post(login_url, data)
    assert response.status_code in {200, 429}
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (json.dumps({"username": "staff", "password": PASSWORD}), "application/json"),
        ("username=staff&password=%ff%fe", "application/x-www-form-urlencoded"),
        ("username=%00&password=%00", "application/x-www-form-urlencoded"),
        ("username=a&username=b&password=x", "application/x-www-form-urlencoded"),
        ("\x00\x01\x02", "multipart/form-data; boundary=x"),
        ("garbage", "multipart/form-data"),
        ("<xml/>", "text/xml"),
    ],
)
def test_wrong_types_and_encodings_at_login_are_refused(
    client, staff_user, login_url, body, content_type
):
    response = client.generic("POST", login_url, body, content_type=content_type)
    assert response.status_code in {200, 400}
    assert SESSION_KEY not in client.session


def test_a_file_in_the_username_field_is_refused(client, staff_user, login_url):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        login_url,
        {"username": SimpleUploadedFile("u.txt", b"staff"), "password": PASSWORD},
    )
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "next_url",
    ["\x00", "/\x00/", "http://\x00evil", "/%0d%0aSet-Cookie:x=1", "a" * 10_000],
)
def test_a_hostile_next_address_is_ignored(client, staff_user, next_url):
    response = client.post(
        "/log-ind/", {"username": "staff", "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302
    assert "\n" not in response["Location"]
    assert "evil" not in response["Location"]


@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_hostile_password_reset_input_is_a_form_error(client, staff_user, value):
    response = client.post("/log-ind/glemt-kodeord/", {"email": value})
    assert response.status_code in {200, 302}


@pytest.mark.parametrize(
    "value",
    ["\x00", "a" * 10_000, "x\x01y", "http://", "javascript:alert(1)", "kode\x00"],
)
def test_hostile_password_reset_confirm_input_is_a_form_error(client, value):
    response = client.get(f"/log-ind/nyt-kodeord/{value[:50]}/{value[:50]}/")
    assert response.status_code in {200, 404}


def resource_form(**extra):
    return {
        "title": "Procedure",
        "slug": "",
        "kind": "guideline",
        "visibility": "staff",
        "summary": "Et resumé.",
        "url": "",
        "authors": "",
        "publisher": "",
        "year": "2020",
        **extra,
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "a" * 10_000),
        ("title", "Titel\x00"),
        ("summary", "\x00"),
        ("slug", "../../etc"),
        ("slug", "æøå"),
        ("kind", "executable"),
        ("visibility", "everyone"),
        ("year", "abc"),
        ("year", "99999999999999999999999"),
        ("year", "-1"),
        ("url", "javascript:alert(1)"),
        ("url", "http://" + "a" * 1000 + ".dk"),
        ("source", "not-a-number"),
        ("source", "999999999"),
        ("methods", "abc"),
        ("offers", "-1"),
        ("last_reviewed_on", "2020-13-45"),
        ("last_reviewed_on", "\x00"),
    ],
)
def test_hostile_admin_form_input_is_a_form_error_and_nothing_saved(
    admin_client, field, value
):
    before = Resource.objects.count()
    response = admin_client.post(
        reverse("admin:resources_resource_add"), resource_form(**{field: value})
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert Resource.objects.count() == before


# What the admin's list does with a hostile parameter: shows the list ("shown"),
# refuses the lookup and sends the user back to the list with ?e=1 ("refused"),
# or refuses the request as suspicious ("forbidden", 400).
SHOWN, REFUSED, FORBIDDEN = "shown", "refused", "forbidden"


@pytest.mark.parametrize(
    ("query", "outcome"),
    [
        ({"q": "\x00"}, REFUSED),
        ({"q": "a" * 10_000}, SHOWN),
        ({"q": "%"}, SHOWN),
        ({"q": "_\\"}, SHOWN),
        ({"o": "99.-abc"}, SHOWN),
        ({"o": "\x00"}, FORBIDDEN),
        ({"p": "abc"}, SHOWN),
        ({"p": "999999"}, SHOWN),
        ({"visibility__exact": "\x00"}, FORBIDDEN),
        ({"year": "abc"}, REFUSED),
        ({"year__gte": "\x00"}, FORBIDDEN),
        ({"source__id__exact": "abc"}, REFUSED),
        ({"created_at__year": "abc"}, REFUSED),
        # A lookup on a field the model does not have.
        ({"password": "x"}, REFUSED),
        # A lookup through a relation the list does not offer as a filter.
        ({"offers__owner__name": "x"}, FORBIDDEN),
        ({"_to_field": "password"}, FORBIDDEN),
        ({"e": "1"}, SHOWN),
    ],
)
def test_hostile_admin_list_parameters_never_crash(
    admin_client, internal, query, outcome
):
    url = reverse("admin:resources_resource_changelist")
    response = admin_client.get(url, query)
    expected = {
        SHOWN: (200, None),
        REFUSED: (302, f"{url}?e=1"),
        FORBIDDEN: (400, None),
    }
    assert (response.status_code, response.get("Location")) == expected[outcome]


@pytest.mark.parametrize("object_id", ["\x00", "abc", "-1", "9" * 30, "../1"])
def test_hostile_admin_object_ids_never_crash(admin_client, object_id):
    url = reverse("admin:resources_resource_changelist") + f"{object_id}/change/"
    response = admin_client.get(url)
    assert response.status_code in {302, 404}


@pytest.mark.parametrize(
    "path",
    [
        "/materialer/%00/",
        "/materialer/%00/hent/",
        "/materialer/" + "a" * 5000 + "/",
        "/metoder/%ff/",
        "/tilbud/..%2f..%2f/",
    ],
)
def test_hostile_addresses_are_not_found(client, internal, path):
    assert client.get(path).status_code == 404


def parameters_read_by(response):
    """The query parameters the page behind ``response`` reads: a list page's
    filters and page number, or the search form's fields."""
    context = response.context
    if "filter" in context:
        return set(context["filter"].filters) | {context["view"].page_kwarg}
    return set(context["form"].fields)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/soeg/?q=%ff%fe", 400),
        ("/soeg/?q=%00", 400),
        ("/soeg/?q=" + "a" * 10_000, 400),
        ("/materialer/?page=-1&year=%00", 200),
        ("/metoder/?category=%00&page=abc", 200),
        ("/tilbud/?kind=%00&page=99999", 200),
    ],
)
def test_hostile_query_parameters_are_explained(client, internal, path, status):
    response = client.get(path)
    assert response.status_code == status
    sent = set(QueryDict(urlsplit(path).query))
    assert sent <= parameters_read_by(response), "a parameter the page never reads"
    # The page says in Danish what it could not use.
    assert 'class="form-error-message"' in response.text


def test_an_unknown_host_is_refused(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def _autocomplete_fields():
    from django.contrib import admin

    return sorted(
        (model._meta.app_label, model._meta.model_name, field)
        for model, model_admin in admin.site._registry.items()
        for field in model_admin.autocomplete_fields
    )


@pytest.mark.parametrize(("app", "model", "field"), _autocomplete_fields())
@pytest.mark.parametrize("value", ["abc", "9" * 30, "-1"])
def test_a_forged_autocomplete_value_is_a_form_error(
    admin_client, app, model, field, value
):
    url = reverse(f"admin:{app}_{model}_add")
    page = admin_client.get(url)
    data = {field: value}
    for inline in page.context.get("inline_admin_formsets", []):
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors


def _list_filters():
    from django.contrib import admin
    from django.db import models

    cases = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"methods", "services", "resources", "goals"}:
            continue
        for entry in model_admin.list_filter:
            if not isinstance(entry, str) or "__" in entry:
                continue
            field = model._meta.get_field(entry)
            lookup = f"{entry}__id__exact" if field.is_relation else f"{entry}__exact"
            if isinstance(field, models.DateField):
                lookup = f"{entry}__gte"
            cases.append((model._meta.app_label, model._meta.model_name, lookup))
    return sorted(cases)


@pytest.mark.parametrize(("app", "model", "lookup"), _list_filters())
def test_a_nul_byte_in_an_admin_list_filter_never_crashes(
    admin_client, app, model, lookup
):
    url = reverse(f"admin:{app}_{model}_changelist")
    response = admin_client.get(url, {lookup: "x\x00"})
    # Refused (400) before any admin reads it, or sent back to the list.
    assert response.status_code in {200, 302, 400}


@pytest.mark.parametrize(
    ("app", "model", "field"),
    [("resources", "resource", "methods"), ("resources", "resource", "source")],
)
def test_a_nul_byte_in_an_autocomplete_search_never_crashes(
    admin_client, app, model, field
):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "a\x00b", "app_label": app, "model_name": model, "field_name": field},
    )
    assert response.status_code == 200
