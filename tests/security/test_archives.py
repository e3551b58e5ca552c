"""Zip-based uploads and imports are checked from the archive's directory
before anything is decompressed (core/archives.py; issue #16, finding 2), and
the public plan export writes no formula (finding 1)."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.archives import ArchiveTooLarge, read_member
from goals.spreadsheets.formats import FORMATS
from resources.models import Resource
from tests.factories import GoalFactory, GoalThemeFactory

from .test_uploads import form_data, stored_files

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024


def zip_of(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bomb(prefix, size):
    """An Office-looking archive with one member of ``size`` zeros: a few KB."""
    return zip_of({"[Content_Types].xml": "<x/>", f"{prefix}/bomb.xml": b"0" * size})


def upload_resource(admin_client, name, content):
    return admin_client.post(
        reverse("admin:resources_resource_add"),
        form_data(file=SimpleUploadedFile(name, content)),
    )


def file_errors(response):
    return " ".join(response.context["adminform"].form.errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "prefix"),
    [("bombe.docx", "word"), ("bombe.xlsx", "xl"), ("bombe.pptx", "ppt")],
)
def test_an_office_zip_bomb_is_refused_before_it_is_opened(
    admin_client, settings, name, prefix
):
    settings.ARCHIVE_MAX_UNCOMPRESSED_SIZE = 4 * MEGABYTE
    content = bomb(prefix, 8 * MEGABYTE)
    assert len(content) < 50_000
    response = upload_resource(admin_client, name, content)
    assert response.status_code == 200
    assert "når den pakkes ud" in file_errors(response)
    assert not Resource.objects.filter(title__startswith="Uploadprøve").exists()
    assert stored_files(settings) == []


def test_an_odt_that_inflates_a_thousandfold_is_refused(admin_client, settings):
    # Within the total, but one member compresses like no real document.
    settings.ARCHIVE_MAX_UNCOMPRESSED_SIZE = 100 * MEGABYTE
    content = zip_of(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": b" " * (5 * MEGABYTE),
        }
    )
    response = upload_resource(admin_client, "notat.odt", content)
    assert response.status_code == 200
    assert "pakket usædvanligt tæt" in file_errors(response)


def test_an_archive_with_too_many_members_is_refused(admin_client, settings):
    settings.ARCHIVE_MAX_MEMBERS = 50
    members = {"word/document.xml": "<w/>"}
    members.update({f"word/media/{n}.xml": "<x/>" for n in range(60)})
    response = upload_resource(admin_client, "mange.docx", zip_of(members))
    assert response.status_code == 200
    assert "for mange dele" in file_errors(response)


def test_an_ordinary_document_passes_the_archive_check(admin_client, settings):
    content = zip_of({"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>" * 50})
    response = upload_resource(admin_client, "manual.docx", content)
    assert response.status_code == 302, file_errors(response)


def test_a_member_that_lies_about_its_size_is_cut_off_while_reading():
    archive = zipfile.ZipFile(io.BytesIO(zip_of({"a.xml": b"1" * MEGABYTE})))
    assert read_member(archive, "a.xml", 2 * MEGABYTE) == b"1" * MEGABYTE
    with pytest.raises(ArchiveTooLarge):
        read_member(archive, "a.xml", MEGABYTE // 2)


def xlsx_format_index():
    return next(
        index
        for index, file_format in enumerate(FORMATS)
        if file_format().get_extension() == "xlsx"
    )


def test_a_goals_import_xlsx_bomb_is_refused_with_a_danish_error(
    admin_client, settings
):
    settings.ARCHIVE_MAX_UNCOMPRESSED_SIZE = 4 * MEGABYTE
    upload = SimpleUploadedFile("maal.xlsx", bomb("xl", 16 * MEGABYTE))
    response = admin_client.post(
        reverse("admin:goals_goal_import"),
        {"format": str(xlsx_format_index()), "import_file": upload},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "når den pakkes ud" in page
    assert "result" not in response.context or response.context["result"] is None


FORMULA = "=2+5+cmd|' /C calc'!A0"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_public_plan_export_writes_a_theme_as_text_not_a_formula(client, fmt):
    goal = GoalFactory(theme=GoalThemeFactory(name=FORMULA))
    url = reverse(
        "goals:export", kwargs={"slug": goal.plan.slug, "kind": "maal", "fmt": fmt}
    )
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response) if response.streaming else response.content
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header = [cell.value for cell in sheet[1]]
        cell = sheet.cell(row=2, column=header.index("tema") + 1)
        assert cell.data_type != "f"
        theme = cell.value
    else:
        text = content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        theme = rows[1][rows[0].index("tema")]
    assert not theme.startswith(("=", "+", "-", "@"))
    assert FORMULA in theme


def test_staff_in_no_group_get_the_public_export_without_draft_offers(staff_client):
    # Finding 9: a staff user in no group saw draft offer slugs.
    from tests.factories import OfferFactory

    goal = GoalFactory()
    goal.responsible_offers.add(
        OfferFactory(slug="synligt-tilbud"),
        OfferFactory(slug="kladde-tilbud", status="draft"),
    )
    url = reverse(
        "goals:export", kwargs={"slug": goal.plan.slug, "kind": "maal", "fmt": "csv"}
    )
    text = staff_client.get(url).content.decode("utf-8-sig")
    assert "synligt-tilbud" in text
    assert "kladde-tilbud" not in text


def test_view_on_site_does_not_resolve_objects_the_user_cannot_see(staff_client):
    # Finding 9: /admin/r/<ct>/<id>/ resolved any object for any staff user.
    from django.contrib.contenttypes.models import ContentType

    from tests.factories import OfferFactory

    draft = OfferFactory(slug="hemmelig-kladde", status="draft")
    content_type = ContentType.objects.get_for_model(draft)
    response = staff_client.get(f"/admin/r/{content_type.pk}/{draft.pk}/")
    assert response.status_code == 404
    assert "hemmelig-kladde" not in response.get("Location", "")
