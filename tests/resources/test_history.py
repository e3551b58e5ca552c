"""Resources in the admin: every change is in the history, and an old version
can be saved back."""

import pytest
from django.urls import reverse

from tests.admin_forms import admin_form_data
from tests.factories import ResourceFactory
from tests.security.conftest import make_user

pytestmark = pytest.mark.django_db


def test_a_curator_restores_an_old_version_of_a_resource(client, django_user_model):
    curator = make_user(django_user_model, "curator")
    client.force_login(curator)
    resource = ResourceFactory(
        title="Den oprindelige titel", url="https://example.org/a", kind="link"
    )
    original = resource.history.earliest()
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = admin_form_data(client.get(url))
    data |= {"title": "En fejlagtig titel", "url": "https://example.org/b"}
    assert client.post(url, data | {"_change_reason": "Ny adresse"}).status_code == 302
    assert resource.history.latest().history_change_reason == "Ny adresse"

    version_url = reverse(
        "admin:resources_resource_simple_history",
        args=[resource.pk, original.history_id],
    )
    response = client.post(version_url, admin_form_data(client.get(version_url)))

    assert response.status_code == 302
    resource.refresh_from_db()
    assert (resource.title, resource.url) == (
        "Den oprindelige titel",
        "https://example.org/a",
    )
    restore = resource.history.latest()
    assert (restore.history_user, restore.history_channel) == (curator, "admin")
    assert restore.history_change_reason.startswith("Gendannet fra versionen af")
    assert resource.history.count() == 3
