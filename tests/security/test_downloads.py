"""Library files reach only those who may see the resource, never from a public
folder; in production the web server can send them (X-Accel-Redirect)."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse

from resources.downloads import serve_private_file
from tests.factories import ResourceFactory

from .conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def download_url(resource):
    return reverse("resources:download", kwargs={"slug": resource.slug})


def test_a_visitor_downloads_a_public_file(client, internal):
    response = client.get(download_url(internal["public"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("role", ["anonymous", "user"])
def test_a_staff_only_file_is_not_found_for_others(as_role, internal, role):
    client = as_role(role)
    assert client.get(download_url(internal["staff_only"])).status_code == 404


@pytest.mark.parametrize("role", ["staff", "curator", "manager", "superuser"])
def test_staff_download_a_staff_only_file_that_no_cache_keeps(as_role, internal, role):
    response = as_role(role).get(download_url(internal["staff_only"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("role", ["anonymous", "staff", "superuser"])
def test_a_draft_file_is_not_found_for_anyone_on_the_site(as_role, internal, role):
    assert as_role(role).get(download_url(internal["draft"])).status_code == 404


def test_downloads_answer_only_get_and_head(staff_client, internal):
    url = download_url(internal["staff_only"])
    assert staff_client.post(url).status_code == 405
    assert staff_client.head(url).status_code == 200


@pytest.mark.parametrize("kind", ["staff_only", "draft", "public"])
@pytest.mark.parametrize("prefix", ["/media/", "/private/", "/materialer/", "/static/"])
def test_no_public_folder_serves_the_stored_file(
    client, staff_client, internal, kind, prefix
):
    name = internal[kind].file.name
    assert client.get(prefix + name).status_code == 404
    assert staff_client.get(prefix + name).status_code == 404


def test_the_stored_file_is_outside_the_public_media_folder(internal, settings):
    path = Path(internal["staff_only"].file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError, match="no public URL"):
        internal["staff_only"].file.url  # noqa: B018


def test_a_missing_file_is_not_found(client, internal):
    Path(internal["public"].file.path).unlink()
    assert client.get(download_url(internal["public"])).status_code == 404


def test_serve_private_file_streams_by_default(internal):
    response = serve_private_file(internal["staff_only"])
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert (
        response["Content-Disposition"] == 'attachment; filename="vold-og-trusler.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Accel-Redirect" not in response


def test_serve_private_file_hands_over_to_nginx_when_configured(internal, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    resource = internal["staff_only"]
    response = serve_private_file(resource, filename="procedure.pdf")
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{resource.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="procedure.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_serve_private_file_quotes_the_internal_address(db, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private"
    resource = ResourceFactory()
    resource.file.save("plan.pdf", ContentFile(MINIMAL_PDF))
    resource.file.name = resource.file.name.replace("plan.pdf", "plan ø.pdf")
    Path(settings.PRIVATE_MEDIA_ROOT, resource.file.name).write_bytes(MINIMAL_PDF)
    response = serve_private_file(resource)
    assert response["X-Accel-Redirect"].endswith("/plan%20%C3%B8.pdf")
    assert response["X-Accel-Redirect"].startswith("/_private/materialer/")


@pytest.mark.parametrize("accel", ["", "/_private/"])
def test_serve_private_file_refuses_names_outside_the_folder(db, settings, accel):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = accel
    resource = ResourceFactory()
    resource.file.name = "../../etc/passwd"
    with pytest.raises(Http404):
        serve_private_file(resource)


@pytest.mark.parametrize("accel", ["", "/_private/"])
def test_serve_private_file_without_a_file_is_not_found(db, settings, accel):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = accel
    with pytest.raises(Http404):
        serve_private_file(ResourceFactory())
