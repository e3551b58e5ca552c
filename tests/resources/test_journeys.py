"""Every seed resource and knowledge source a visitor may see has a page."""

import pytest

from resources.models import KnowledgeSource, Resource

pytestmark = pytest.mark.django_db


def test_every_public_seed_resource_and_source_answers(client, seed):
    for slug in Resource.objects.filter(visibility="public").values_list(
        "slug", flat=True
    ):
        assert client.get(f"/materialer/{slug}/").status_code == 200, slug
    for slug in KnowledgeSource.objects.values_list("slug", flat=True):
        assert client.get(f"/videnskilder/{slug}/").status_code == 200, slug


def test_staff_see_the_internal_seed_resources(client, django_user_model, seed):
    client.force_login(
        django_user_model.objects.create_user(
            "medarbejder", password="x", is_staff=True
        )
    )
    internal = Resource.objects.filter(visibility="staff")
    for resource in internal:
        text = client.get(f"/materialer/{resource.slug}/").content.decode()
        assert "Kun for medarbejdere" in text
