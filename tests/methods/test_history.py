"""Methods in the admin: an old version can be saved back, "Bekræft
oplysningerne" records who confirmed the method's information, and the list
shows which methods are due for it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.admin_forms import admin_form_data
from tests.factories import MethodFactory
from tests.security.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(django_user_model):
    return make_user(django_user_model, "curator")


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


def test_a_curator_restores_an_old_version_of_a_method(curator_client, curator):
    method = MethodFactory(summary="Den oprindelige tekst.", duration_months=18)
    original = method.history.earliest()
    url = reverse("admin:methods_method_change", args=[method.pk])
    data = admin_form_data(curator_client.get(url))
    data |= {"summary": "En fejlagtig rettelse.", "duration_months": "6"}
    assert curator_client.post(url, data).status_code == 302

    version_url = reverse(
        "admin:methods_method_simple_history", args=[method.pk, original.history_id]
    )
    page = curator_client.get(version_url)
    response = curator_client.post(
        version_url, admin_form_data(page) | {"_change_reason": "Rettelsen var forkert"}
    )

    assert response.status_code == 302
    method.refresh_from_db()
    assert (method.summary, method.duration_months) == ("Den oprindelige tekst.", 18)
    restore = method.history.latest()
    assert (restore.history_user, restore.history_channel) == (curator, "admin")
    assert restore.history_change_reason.startswith("Gendannet fra versionen af")
    assert restore.history_change_reason.endswith(": Rettelsen var forkert")


def test_confirming_a_method_sets_date_and_user(curator_client, curator):
    method = MethodFactory(last_verified_on=datetime.date(2019, 1, 1))

    response = curator_client.post(
        reverse("admin:methods_method_changelist"),
        {"action": "verify", "_selected_action": [method.pk]},
    )

    assert response.status_code == 302
    method.refresh_from_db()
    assert (method.last_verified_on, method.last_verified_by) == (
        timezone.localdate(),
        curator,
    )
    assert method.history.latest().history_change_reason == "Oplysningerne er bekræftet"


def test_the_public_page_shows_when_the_method_was_confirmed(client):
    method = MethodFactory(last_verified_on=datetime.date(2024, 3, 1))

    page = client.get(method.get_absolute_url()).content.decode()

    assert "Siden er senest gennemgået 1. marts 2024." in page


def test_the_overdue_filter_lists_exactly_the_methods_due(curator_client, settings):
    settings.VERIFICATION_MAX_AGE_MONTHS = 6
    today = timezone.localdate()
    fresh = MethodFactory(name="Quokkametode ny", last_verified_on=today)
    old = MethodFactory(
        name="Quokkametode gammel", last_verified_on=today - datetime.timedelta(200)
    )
    never = MethodFactory(name="Quokkametode aldrig", last_verified_on=None)

    page = curator_client.get(
        reverse("admin:methods_method_changelist"),
        {"q": "Quokkametode", "skal_bekraeftes": "ja"},
    )

    assert set(page.context["cl"].result_list) == {old, never}
    assert fresh not in page.context["cl"].result_list
