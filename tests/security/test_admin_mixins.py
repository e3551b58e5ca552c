"""Every model admin of the portal's own apps stands on the shared mixins
(core/admin.py): ``SafeAdminMixin`` refuses forged admin input as everywhere,
``RecordedAdminMixin`` makes each write a recorded action (history with user,
channel and reason). The synonyms and the import records were plain
``ModelAdmin``s until issue #16 was closed."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.admin import RecordedAdminMixin, SafeAdminMixin
from core.models import Synonym
from core.search import synonym_groups
from goals.models import ImportEvent

from .conftest import make_user

pytestmark = pytest.mark.django_db

PORTAL_APPS = {"core", "methods", "services", "resources", "goals"}


def portal_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PORTAL_APPS
    ]


def test_every_portal_model_admin_and_inline_has_the_shared_mixins():
    missing = []
    for model, model_admin in portal_admins():
        if not isinstance(model_admin, SafeAdminMixin):
            missing.append(f"{model._meta.label}: SafeAdminMixin")
        if not isinstance(model_admin, RecordedAdminMixin):
            missing.append(f"{model._meta.label}: RecordedAdminMixin")
        for inline in model_admin.inlines:
            if not issubclass(inline, SafeAdminMixin):
                missing.append(f"{inline.__name__}: SafeAdminMixin")
    assert missing == []


@pytest.fixture
def curator(client, django_user_model):
    user = make_user(django_user_model, "curator")
    client.force_login(user)
    return client, user


def test_a_synonym_changed_in_the_admin_is_in_the_history_and_searched_at_once(
    curator,
):
    client, user = curator
    synonym = Synonym.objects.create(word="plimfe", synonyms="blarg")
    assert "snurf" not in synonym_groups()["plimfe"]
    url = reverse("admin:core_synonym_change", args=[synonym.pk])
    response = client.post(
        url,
        {
            "word": "plimfe",
            "synonyms": "blarg, snurf",
            "_change_reason": "Nyt slangord",
        },
    )
    assert response.status_code == 302
    record = synonym.history.latest()
    assert (record.history_user, record.history_channel) == (user, "admin")
    assert record.history_change_reason == "Nyt slangord"
    assert "snurf" in synonym_groups()["plimfe"]

    history = client.get(reverse("admin:core_synonym_history", args=[synonym.pk]))
    assert "Nyt slangord" in history.content.decode()


def test_a_deleted_synonym_is_recorded_and_no_longer_searched(curator):
    client, user = curator
    synonym = Synonym.objects.create(word="plimfe", synonyms="blarg")
    assert "plimfe" in synonym_groups()
    response = client.post(
        reverse("admin:core_synonym_changelist"),
        {"action": "delete_selected", "_selected_action": [synonym.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Synonym.objects.filter(pk=synonym.pk).exists()
    record = Synonym.history.filter(id=synonym.pk).latest()
    assert (record.history_type, record.history_user) == ("-", user)
    assert "plimfe" not in synonym_groups()


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("admin:core_synonym_changelist", {"o": "9" * 30, "p": "-5"}),
        ("admin:core_synonym_changelist", {"word__exact": "abc", "ukendt": "1"}),
        ("admin:goals_importevent_changelist", {"kind__exact": "9" * 30}),
        ("admin:goals_importevent_changelist", {"undone_at__isempty": "abc"}),
        ("admin:goals_importevent_changelist", {"p": "9" * 30}),
    ],
)
def test_hostile_list_parameters_are_refused_not_a_server_error(
    admin_client, url_name, params
):
    admin_client.raise_request_exception = True
    response = admin_client.get(reverse(url_name), params)
    assert response.status_code in {200, 302, 400, 404}


@pytest.mark.parametrize("object_id", ["9" * 30, "abc"])
def test_an_import_record_that_cannot_exist_is_not_found(admin_client, object_id):
    admin_client.raise_request_exception = True
    undo = admin_client.get(f"/admin/goals/importevent/{object_id}/fortryd/")
    assert undo.status_code in {403, 404}
    history = admin_client.get(f"/admin/goals/importevent/{object_id}/history/")
    assert history.status_code in {302, 404}


def test_the_import_list_shows_fifty_records_a_page(admin_client):
    ImportEvent.objects.bulk_create(
        ImportEvent(file_name=f"maal-{n}.xlsx", kind="goal") for n in range(51)
    )
    response = admin_client.get(reverse("admin:goals_importevent_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 50
