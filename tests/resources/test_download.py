"""Uploaded files are fetched through /materialer/<slug>/hent/, which applies
the visibility rule; everyone else gets a 404."""

import pytest
from django.core.files.base import ContentFile

from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"x" * 1_500_000


def with_file(visibility, name='Rapport om ÆØÅ; "x".pdf', content=PDF, **fields):
    resource = ResourceFactory(visibility=visibility, **fields)
    resource.file.save(name, ContentFile(content), save=True)
    return resource


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "medarbejder", password="x", is_staff=True
    )


def test_a_public_file_is_downloaded_with_a_safe_name(client):
    resource = with_file("public", title="Rapport om CTI", slug="rapport-om-cti")
    response = client.get("/materialer/rapport-om-cti/hent/")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="rapport-om-cti.pdf"'
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    resource.file.close()


def test_the_page_shows_type_and_size_and_links_to_the_download(client):
    resource = with_file("public", slug="rapport")
    text = client.get(resource.get_absolute_url()).content.decode()
    assert 'href="/materialer/rapport/hent/"' in text
    assert "PDF, 1,5\xa0MB" in text


@pytest.mark.parametrize("visibility", ["staff", "draft"])
def test_visitors_cannot_download_what_they_cannot_see(client, visibility):
    resource = with_file(visibility)
    response = client.get(f"/materialer/{resource.slug}/hent/")
    assert response.status_code == 404


def test_staff_download_internal_files_privately(client, staff_user):
    client.force_login(staff_user)
    resource = with_file("staff")
    response = client.get(f"/materialer/{resource.slug}/hent/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    response.close()


def test_staff_cannot_download_drafts(client, staff_user):
    client.force_login(staff_user)
    resource = with_file("draft")
    assert client.get(f"/materialer/{resource.slug}/hent/").status_code == 404


def test_a_resource_without_a_file_has_nothing_to_download(client):
    resource = ResourceFactory(url="https://example.org/a.pdf")
    assert client.get(f"/materialer/{resource.slug}/hent/").status_code == 404


def test_a_file_missing_from_storage_is_a_404_not_an_error(client):
    resource = with_file("public")
    resource.file.storage.delete(resource.file.name)
    assert client.get(f"/materialer/{resource.slug}/hent/").status_code == 404
    text = client.get(resource.get_absolute_url()).content.decode()
    assert "PDF" in text


def test_downloads_answer_only_reading_methods(client):
    resource = with_file("public")
    assert client.post(f"/materialer/{resource.slug}/hent/").status_code == 405
