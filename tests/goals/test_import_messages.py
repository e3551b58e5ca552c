"""Issue #11 items 2 and 9: what the import page tells a manager. Rounded
numbers are noted, each problem is one message under its own column, unknown
columns are named, rows are numbered as Excel numbers them, no “None”, and a
large file is refused or summarised, never rendered whole."""

import io

import openpyxl
import pytest
from django.urls import reverse

from goals.models import Measurement

pytestmark = pytest.mark.django_db

HEADER = "plan;mål;periode;værdi;N;kilde;kommentar"


def upload(client, text_or_bytes, name="maalinger.csv", fmt="0"):
    data = (
        text_or_bytes.replace("\n", "\r\n").encode()
        if isinstance(text_or_bytes, str)
        else text_or_bytes
    )
    handle = io.BytesIO(data)
    handle.name = name
    response = client.post(
        reverse("admin:goals_measurement_import"),
        {"format": fmt, "resource": "0", "import_file": handle},
    )
    assert response.status_code == 200
    return response


def errors_of(response):
    return [
        (row.number, row.field_specific_errors, row.non_field_specific_errors)
        for row in response.context["result"].invalid_rows
    ]


def test_an_empty_period_is_one_message_under_periode(admin_client, mastery):
    slug = mastery.plan.slug
    response = upload(admin_client, f"{HEADER}\n{slug};personlig-mestring;;62;;;\n")
    [(_number, fields, others)] = errors_of(response)
    assert fields == {"periode": ["Cellen er tom. Skriv en værdi."]}
    assert others == []


def test_an_empty_or_unknown_plan_is_reported_under_plan(admin_client, mastery):
    text = (
        f"{HEADER}\n"
        ";personlig-mestring;2019;62;;;\n"
        "ingen-plan;personlig-mestring;2019;62;;;\n"
        f"{mastery.plan.slug};;2019;62;;;\n"
    )
    fields = [row[1] for row in errors_of(upload(admin_client, text))]
    assert list(fields[0]) == ["plan"]
    assert "Cellen er tom" in fields[0]["plan"][0]
    assert fields[1] == {"plan": ["Der findes ingen plan “ingen-plan”."]}
    assert fields[2] == {"mål": ["Cellen er tom. Skriv målets kode."]}


@pytest.mark.parametrize("header", ["værdti", "vaerdie", "kommentarer", "Note"])
def test_an_unknown_column_is_named_with_the_expected_ones(
    admin_client, mastery, header
):
    text = (
        f"plan;mål;periode;{header}\n{mastery.plan.slug};personlig-mestring;2019;62\n"
    )
    page = upload(admin_client, text).content.decode()
    assert f"Importen kender ikke kolonnen “{header}”" in page
    assert "plan; mål; målets titel; periode; værdi; N; kilde; kommentar" in page
    assert "confirm_form" not in page
    assert Measurement.objects.count() == 1


def test_headers_still_match_however_they_are_spelt(admin_client, mastery):
    text = f"Plan;MÅL;Periode;vaerdi \n{mastery.plan.slug};personlig-mestring;2019;62\n"
    response = upload(admin_client, text)
    assert "confirm_form" in response.context


def test_error_table_numbers_rows_as_excel_and_shows_no_none(admin_client, mastery):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["plan", "mål", "periode", "værdi", "N", "kilde", "kommentar"])
    sheet.append([mastery.plan.slug, "personlig-mestring", "2019", 62])
    sheet.append([mastery.plan.slug, "personlig-mestring", "forår", 63])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(admin_client, buffer.getvalue(), name="m.xlsx", fmt="1")
    page = response.content.decode()
    table = page[page.index('<table class="import-preview"') :]
    table = table[: table.index("</table>")]
    assert "<td>3</td>" in table  # the bad row is Excel's row 3
    assert "None" not in table


def test_a_rounded_number_is_noted_in_the_preview(admin_client, mastery):
    text = (
        f"{HEADER}\n{mastery.plan.slug};personlig-mestring;2019;47,49999999999999;;;\n"
    )
    response = upload(admin_client, text)
    page = response.content.decode()
    assert response.context["preview"]["rounded"] == [
        (2, "værdi", "47,49999999999999", "47,5")
    ]
    assert "Afrundede tal" in page
    assert "Række 2, værdi: 47,49999999999999 → 47,5" in page


def test_no_note_when_nothing_was_rounded(admin_client, mastery):
    text = f"{HEADER}\n{mastery.plan.slug};personlig-mestring;2019;47,5;;;\n"
    response = upload(admin_client, text)
    assert response.context["preview"]["rounded"] == []
    assert "Afrundede tal" not in response.content.decode()


def test_too_many_rows_is_refused_with_a_danish_message(
    admin_client, settings, mastery
):
    settings.GOALS_IMPORT_MAX_ROWS = 5
    rows = "".join(
        f"{mastery.plan.slug};personlig-mestring;{year};50;;;\n"
        for year in range(2001, 2007)
    )
    page = upload(admin_client, HEADER + "\n" + rows).content.decode()
    assert "Filen har mere end 5 rækker" in page
    settings.GOALS_IMPORT_MAX_ROWS = 6
    assert "confirm_form" in upload(admin_client, HEADER + "\n" + rows).context


def test_too_large_a_file_is_refused_with_a_danish_message(
    admin_client, settings, mastery
):
    settings.GOALS_IMPORT_MAX_BYTES = 2000
    text = f"{HEADER}\n{mastery.plan.slug};personlig-mestring;2019;50;;;{'x' * 2500}\n"
    page = upload(admin_client, text).content.decode()
    assert "Filen er for stor (3\u00a0kB). Den må højst fylde 2\u00a0kB." in page


def test_too_long_a_cell_is_a_row_error(admin_client, settings, mastery):
    settings.GOALS_IMPORT_MAX_CELL_LENGTH = 20
    text = f"{HEADER}\n{mastery.plan.slug};personlig-mestring;2019;50;;;{'x' * 21}\n"
    [(_n, fields, _o)] = errors_of(upload(admin_client, text))
    assert fields == {
        "kommentar": ["Cellen er for lang: 21 tegn. Den må højst have 20 tegn."]
    }


def test_an_empty_sheet_gets_a_danish_message(admin_client):
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    page = upload(admin_client, buffer.getvalue(), name="tom.xlsx", fmt="1")
    content = page.content.decode()
    assert "Filen er tom" in content
    assert "SpreadsheetError" not in content


def test_a_large_preview_counts_rows_and_lists_the_first_of_each_kind(
    admin_client, settings, mastery
):
    settings.GOALS_IMPORT_PREVIEW_ROWS = 3
    slug = mastery.plan.slug
    rows = "".join(
        f"{slug};personlig-mestring;{year};50;;;\n" for year in range(2001, 2011)
    )
    rows += f"{slug};personlig-mestring;2018;61;52;;\n"  # unchanged
    response = upload(admin_client, HEADER + "\n" + rows)
    preview = response.context["preview"]
    assert preview["counts"] == {"new": 10, "update": 0, "skip": 1, "invalid": 0}
    new = preview["groups"][0]
    assert [number for number, _row in new["rows"]] == [2, 3, 4]
    assert new["hidden"] == 7
    page = response.content.decode()
    assert "Nye rækker: 10. Ændrede rækker: 0. Uændrede rækker: 1.</p>" in page
    assert "… og 7 rækker mere af den slags." in page
    assert page.count('<tr class="new">') == 3
