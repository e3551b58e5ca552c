"""Every admin list, history and export address with a hostile parameter
answers 4xx, a redirect or a form error, never 5xx (issue #16, finding 6).

The addresses come from the admin's registry, so a new model admin is walked
too: its date hierarchy with years and months no calendar has, each list filter
with malformed, overflowing and unknown values, sorting and paging beyond
reason, and the history of a version that is not a number."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

OVERFLOW = "9" * 30
HOSTILE_VALUES = ["abc", OVERFLOW, "-1", "1.5", "’", "%00", "2020-13-45"]


def model_admins():
    return sorted(
        admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower
    )


def url_name(model, view):
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"


def filter_parameters(model_admin, request):
    """The query parameters the admin's list filters read."""
    names = []
    for entry in model_admin.get_list_filter(request):
        if isinstance(entry, (tuple, list)):
            entry = entry[0]
        if isinstance(entry, str):
            names += [f"{entry}__exact", f"{entry}__id__exact", f"{entry}__isnull"]
            names += [f"{entry}__gte", f"{entry}__lt"]
        else:
            names.append(getattr(entry, "parameter_name", "unknown"))
    return names


def hostile_queries(model_admin, request):
    queries = [
        {"o": "abc"},
        {"o": OVERFLOW},
        {"p": OVERFLOW},
        {"p": "-5"},
        {"q": "x" * 5000},
        {"ukendt__felt": "1"},
        {"all": "", "_popup": "2", "_to_field": "password"},
    ]
    if model_admin.date_hierarchy:
        field = model_admin.date_hierarchy
        queries += [
            {f"{field}__year": "99999999999"},
            {f"{field}__year": "2020", f"{field}__month": "13"},
            {f"{field}__year": "2020", f"{field}__month": "2", f"{field}__day": "31"},
            {f"{field}__year": "abc"},
        ]
    for name in filter_parameters(model_admin, request):
        queries += [{name: value} for value in HOSTILE_VALUES]
    return queries


def assert_no_server_error(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code < 500, (url, params)
    return response


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="walker", email="walker@example.com", password="pw-for-tests-only"
    )
    client.force_login(user)
    client.raise_request_exception = True
    return client, user


@pytest.mark.parametrize(
    "model", [model for model, _admin in model_admins()], ids=lambda m: m._meta.label
)
def test_every_changelist_history_and_export_survives_hostile_parameters(
    superuser_client, model
):
    client, user = superuser_client
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = user
    changelist = reverse(url_name(model, "changelist"))
    for query in hostile_queries(model_admin, request):
        assert_no_server_error(client, changelist, query)
        try:
            export = reverse(url_name(model, "export"))
        except NoReverseMatch:
            continue
        assert_no_server_error(client, export, query)
    for object_id in ("abc", OVERFLOW, "-1"):
        for view in ("history", "change", "delete"):
            url = reverse(url_name(model, view), args=[object_id])
            assert_no_server_error(client, url)
    instance = model._default_manager.first()
    if instance is not None and hasattr(model_admin, "history_form_view"):
        base = reverse(url_name(model, "history"), args=[instance.pk])
        for version in ("abc", OVERFLOW, "-1", "1.5"):
            assert_no_server_error(client, f"{base}{version}/")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/goals/goal/?created_at__year=99999999999",
        "/admin/goals/goal/1/history/abc/",
        "/admin/goals/goal/export/?plan__id__exact=abc",
    ],
)
def test_the_reported_addresses_answer_without_a_server_error(
    superuser_client, url, seed
):
    client, _user = superuser_client
    response = client.get(url)
    assert 300 <= response.status_code < 500
