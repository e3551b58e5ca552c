"""Curators upload library files in the admin: only documents and images, checked
by content as well as by name, within the size limit, stored under a safe name
in private storage. A rejected file is a Danish error and nothing is saved."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from resources.models import Resource
from resources.storage import upload_path
from tests.factories import ResourceFactory

from .conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db

ADD_URL = "admin:resources_resource_add"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200


def office_file(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office_file({"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"})
ODT = office_file({"mimetype": "application/vnd.oasis.opendocument.text"})
ZIP_WITH_EXE = office_file({"setup.exe": EXE})


TITLE = "Uploadprøve: procedure om vold og trusler"


def uploaded():
    """Resources this module's uploads made (the seed content is there too)."""
    return Resource.objects.filter(title__startswith="Uploadprøve")


def form_data(**extra):
    return {
        "title": TITLE,
        "slug": "",
        "kind": "guideline",
        "visibility": "staff",
        "summary": "Sådan handler du ved vold og trusler.",
        "url": "",
        "authors": "",
        "publisher": "",
        "year": "2020",
        **extra,
    }


def upload(admin_client, name, content, **extra):
    data = form_data(file=SimpleUploadedFile(name, content), **extra)
    return admin_client.post(reverse(ADD_URL), data)


def stored_files(settings):
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    media = Path(settings.MEDIA_ROOT)
    return [
        p
        for folder in (root, media)
        if folder.exists()
        for p in folder.rglob("*")
        if p.is_file()
    ]


def field_errors(response, field="file"):
    form = response.context["adminform"].form
    return [str(error) for error in form.errors.get(field, [])]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("vejledning.pdf", MINIMAL_PDF),
        ("Skema.PDF", MINIMAL_PDF),
        ("plakat.png", PNG),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        ("manual.docx", DOCX),
        ("notat.odt", ODT),
    ],
)
def test_documents_and_images_are_accepted_into_private_storage(
    admin_client, settings, name, content
):
    response = upload(admin_client, name, content)
    assert response.status_code == 302, field_errors(response)
    resource = uploaded().get()
    stored = Path(resource.file.path)
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert stored.read_bytes() == content
    assert not Path(settings.MEDIA_ROOT).exists() or not any(
        Path(settings.MEDIA_ROOT).rglob("*.*")
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("faktura.pdf", EXE, "Filens indhold svarer ikke til en .pdf-fil."),
        ("rapport.pdf", ELF, "Filens indhold svarer ikke til en .pdf-fil."),
        ("billede.png", b"<html><script>alert(1)</script>", "ikke til en .png-fil"),
        ("manual.docx", ZIP_WITH_EXE, "ikke til en .docx-fil"),
        ("manual.docx", MINIMAL_PDF, "ikke til en .docx-fil"),
        ("tom.pdf", b"", None),
        ("setup.exe", EXE, "Filtypen .exe er ikke tilladt."),
        ("side.html", b"<script>alert(1)</script>", "Filtypen .html er ikke tilladt."),
        ("tegning.svg", b"<svg onload=alert(1)>", "Filtypen .svg er ikke tilladt."),
        ("vejledning.pdf.exe", MINIMAL_PDF, "Filtypen .exe er ikke tilladt."),
        ("uden-endelse", MINIMAL_PDF, "Filtypen .? er ikke tilladt."),
    ],
)
def test_a_disallowed_or_disguised_file_is_refused_in_danish_and_nothing_saved(
    admin_client, settings, name, content, message
):
    response = upload(admin_client, name, content)
    assert response.status_code == 200
    errors = field_errors(response)
    assert errors, "the form should show an error at the file field"
    if message:
        assert any(message in error for error in errors), errors
    assert "Ret venligst" in response.content.decode()
    assert not uploaded().exists()
    assert stored_files(settings) == []


def test_an_oversize_file_is_refused_with_the_limit_in_danish(admin_client, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    response = upload(admin_client, "stor.pdf", MINIMAL_PDF + b"0" * 2048)
    assert response.status_code == 200
    errors = field_errors(response)
    assert any("Filen er for stor" in error for error in errors), errors
    # Sizes as the resource pages write them (core/formats.py, 1 kB = 1000 bytes).
    assert any("Den må højst fylde 1\xa0kB." in error for error in errors), errors
    assert not uploaded().exists()
    assert stored_files(settings) == []


def test_the_default_limit_is_25_megabytes_and_a_larger_file_is_refused(
    admin_client, settings
):
    big = MINIMAL_PDF + b"0" * (25 * 1024 * 1024)
    response = upload(admin_client, "kaempe.pdf", big)
    assert response.status_code == 200
    assert any("Filen er for stor" in error for error in field_errors(response))
    assert not uploaded().exists()


@pytest.mark.parametrize(
    "name", ["../../x.pdf", "..\\..\\x.pdf", "/etc/x.pdf", "C:\\Windows\\x.pdf"]
)
def test_a_path_in_the_file_name_is_stripped(admin_client, settings, name):
    # The test client sends only the base name, so the request is built by hand.
    body = encode_multipart(
        BOUNDARY,
        form_data(file=SimpleUploadedFile("PLACEHOLDER.pdf", MINIMAL_PDF)),
    ).replace(b'filename="PLACEHOLDER.pdf"', f'filename="{name}"'.encode())
    response = admin_client.generic(
        "POST", reverse(ADD_URL), data=body, content_type=MULTIPART_CONTENT
    )
    assert response.status_code == 302
    resource = uploaded().get()
    assert ".." not in resource.file.name
    assert resource.file.name.startswith("materialer/")
    assert resource.file.name.endswith("/x.pdf")
    stored = Path(resource.file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\etc\\passwd.pdf", "passwd.pdf"),
        ("Retningslinje – vold og trusler.PDF", "retningslinje-vold-og-trusler.pdf"),
        ("Ældre borgere på Ø.docx", "aeldre-borgere-paa-oe.docx"),
        ("x\x00.pdf", "x.pdf"),
        ("....pdf", "fil.pdf"),
        ("<script>.pdf", "script.pdf"),
        ("a" * 500 + ".pdf", "a" * 80 + ".pdf"),
    ],
)
def test_stored_names_are_safe(name, expected):
    stored = upload_path(None, name)
    folder, random_part, filename = stored.split("/")
    assert folder == "materialer"
    assert len(random_part) == 32
    assert filename == expected


def test_two_uploads_with_the_same_name_do_not_overwrite_each_other(admin_client):
    upload(admin_client, "skema.pdf", MINIMAL_PDF, title="Uploadprøve 1")
    upload(admin_client, "skema.pdf", MINIMAL_PDF + b"%2", title="Uploadprøve 2")
    first, second = uploaded().order_by("pk")
    assert first.file.name != second.file.name
    assert first.file.read() == MINIMAL_PDF


def test_the_change_page_links_the_file_through_the_admin_not_a_public_url(
    admin_client,
):
    resource = ResourceFactory(visibility="staff")
    resource.file.save("intern.pdf", ContentFile(MINIMAL_PDF))
    response = admin_client.get(
        reverse("admin:resources_resource_change", args=[resource.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    file_url = reverse("admin:resources_resource_file", args=[resource.pk])
    assert f'href="{file_url}"' in page
    assert "/media/" not in page
    assert 'accept=".docx,.jpeg,.jpg,.odt,.pdf,.png,.pptx,.xlsx"' in page


def test_a_curator_can_open_the_file_of_a_draft_in_the_admin(admin_client):
    resource = ResourceFactory(visibility="draft")
    resource.file.save("kladde.pdf", ContentFile(MINIMAL_PDF))
    response = admin_client.get(
        reverse("admin:resources_resource_file", args=[resource.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_a_resource_whose_file_went_missing_can_still_be_edited(admin_client):
    resource = ResourceFactory(visibility="public")
    resource.file.save("forsvundet.pdf", ContentFile(MINIMAL_PDF))
    Path(resource.file.path).unlink()
    change_url = reverse("admin:resources_resource_change", args=[resource.pk])
    assert admin_client.get(change_url).status_code == 200
    data = form_data(
        title="Uploadprøve: nyt navn", slug=resource.slug, visibility="public"
    )
    response = admin_client.post(change_url, data)
    assert response.status_code == 302, field_errors(response)
    resource.refresh_from_db()
    assert resource.title == "Uploadprøve: nyt navn"


def test_replacing_a_file_with_a_disguised_one_keeps_the_old_file(admin_client):
    resource = ResourceFactory(visibility="public")
    resource.file.save("god.pdf", ContentFile(MINIMAL_PDF))
    old_name = resource.file.name
    change_url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = form_data(slug=resource.slug, file=SimpleUploadedFile("ond.pdf", EXE))
    response = admin_client.post(change_url, data)
    assert response.status_code == 200
    assert field_errors(response)
    resource.refresh_from_db()
    assert resource.file.name == old_name
