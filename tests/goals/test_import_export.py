"""Spreadsheets in and out: natural keys, Danish files, dry run, all or nothing."""

import codecs
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goals.models import Baseline, Goal, Target
from goals.spreadsheets import GoalResource, MeasurementResource, TargetResource
from goals.spreadsheets.formats import DanishCSV, DanishXLSX
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

MEASUREMENT_HEADER = "plan;mål;periode;værdi;N;kilde;kommentar"


def csv_file(tmp_path, text, encoding="utf-8", bom=False, name="maalinger.csv"):
    """A real file on disk, as a manager's spreadsheet program saves it."""
    path = tmp_path / name
    data = text.replace("\n", "\r\n").encode(encoding)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


def import_file(resource, path, file_format=None, dry_run=False):
    file_format = file_format or (
        DanishXLSX() if path.suffix == ".xlsx" else DanishCSV()
    )
    dataset = file_format.create_dataset(path.read_bytes())
    return resource.import_data(dataset, dry_run=dry_run)


def admin_upload(client, model, path, file_format):
    with path.open("rb") as handle:
        return client.post(
            reverse(f"admin:goals_{model}_import"),
            {"format": file_format, "import_file": handle},
        )


# Round trip ------------------------------------------------------------------------


def test_export_edit_import_updates_one_goal_and_adds_none(
    client, tmp_path, mastery, homeless
):
    url = reverse(
        "goals:export", kwargs={"slug": mastery.plan.slug, "kind": "maal", "fmt": "csv"}
    )
    exported = client.get(url).content
    assert exported.startswith(codecs.BOM_UTF8)
    text = exported.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("plan;kode;titel;niveau")
    edited = text.replace(";60;2017;47;", ";58,5;2017;47;")
    path = tmp_path / "maal.csv"
    path.write_bytes(edited.encode("utf-8-sig"))

    result = import_file(GoalResource(), path)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["update"] == 1
    assert result.totals["skip"] == 1
    assert result.totals["new"] == 0
    assert mastery.plan.goals.count() == 2
    assert Baseline.objects.filter(goal__plan=mastery.plan).count() == 2
    mastery.baseline.refresh_from_db()
    assert mastery.baseline.value == Decimal("58.5")


def test_importing_the_same_measurements_twice_updates_instead_of_duplicating(
    tmp_path, mastery
):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f"{mastery.plan.slug};personlig-mestring;2019;62,5;49;FKO;\n"
        f"{mastery.plan.slug};personlig-mestring;1. halvår 2020;63;25;FKO;\n",
    )
    first = import_file(MeasurementResource(), path)
    second = import_file(MeasurementResource(), path)
    assert first.totals["new"] == 2
    assert second.totals["skip"] == 2 and second.totals["new"] == 0
    assert mastery.measurements.count() == 3


def test_measurement_matched_by_period_whatever_its_spelling(tmp_path, mastery):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f"{mastery.plan.slug};personlig-mestring;jan.-dec. 2018;61,2;52;;Rettet\n",
    )
    result = import_file(MeasurementResource(), path)
    assert result.totals["update"] == 1
    measurement = mastery.measurements.get()
    assert measurement.value == Decimal("61.2")
    assert measurement.comment == "Rettet"


def test_xlsx_round_trip_through_the_plan_page(client, tmp_path, mastery):
    url = reverse(
        "goals:export",
        kwargs={"slug": mastery.plan.slug, "kind": "maalsaetninger", "fmt": "xlsx"},
    )
    book = openpyxl.load_workbook(BytesIO(client.get(url).content))
    sheet = book.active
    assert [c.value for c in sheet[1]] == [
        "plan",
        "mål",
        "målets titel",
        "år",
        "værdi",
        "bemærkning",
    ]
    # A number the spreadsheet calculates with; a percentage as a percent cell
    # (63 % is 0.63), and typing 64 into it in Excel stores 0.64.
    assert sheet["E2"].value == pytest.approx(0.63)
    assert sheet["E2"].number_format == "0%"
    sheet["E2"].value = 0.64
    sheet.append([mastery.plan.slug, "personlig-mestring", "", 2022, 66, "Ny"])
    path = tmp_path / "maalsaetninger.xlsx"
    book.save(path)

    result = import_file(TargetResource(), path)

    assert (result.totals["update"], result.totals["new"]) == (1, 1)
    assert dict(mastery.targets.values_list("year", "value")) == {
        2020: Decimal("64"),
        2022: Decimal("66"),
    }


# Files as Danish offices make them --------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", True), ("utf-8", False), ("cp1252", False)],
    ids=["utf8-bom", "utf8", "windows-1252"],
)
def test_semicolon_csv_with_decimal_comma_in_each_encoding(
    tmp_path, mastery, encoding, bom
):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f"{mastery.plan.slug};personlig-mestring;2019;47,5;49;Sundhedsstyrelsen;"
        "Færre mål blev afsluttet på grund af ændret sagsgang\n",
        encoding=encoding,
        bom=bom,
    )
    result = import_file(MeasurementResource(), path)
    assert not result.has_validation_errors(), result.invalid_rows
    measurement = mastery.measurements.get(period_label="2019")
    assert measurement.value == Decimal("47.5")
    assert measurement.source == "Sundhedsstyrelsen"
    assert measurement.comment.startswith("Færre mål blev afsluttet")


def test_comma_separated_csv_with_quoted_decimal_comma(tmp_path, mastery):
    path = csv_file(
        tmp_path,
        "plan,mål,periode,værdi,N\n"
        f'{mastery.plan.slug},personlig-mestring,2019,"47,5",49\n',
    )
    import_file(MeasurementResource(), path)
    assert mastery.measurements.get(period_label="2019").value == Decimal("47.5")


def test_headers_are_matched_loosely_and_empty_rows_ignored(tmp_path, mastery):
    path = csv_file(
        tmp_path,
        "Plan;Maal;Periode;Vaerdi;n;;\n"
        f"{mastery.plan.slug};personlig-mestring;2019;47,5 %;49;;\n"
        ";;;;;;\n",
    )
    result = import_file(MeasurementResource(), path)
    assert result.totals["new"] == 1
    assert not result.has_validation_errors()


def test_xlsx_percent_cell_counts_as_the_percentage_it_shows(tmp_path, mastery):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["plan", "mål", "periode", "værdi", "N"])
    sheet.append([mastery.plan.slug, "personlig-mestring", "2019", 0.475, 49])
    sheet["D2"].number_format = "0.0%"
    path = tmp_path / "maalinger.xlsx"
    book.save(path)
    import_file(MeasurementResource(), path)
    assert mastery.measurements.get(period_label="2019").value == Decimal("47.5")


# Dry run and all-or-nothing ----------------------------------------------------------


def test_admin_import_previews_every_row_and_writes_nothing_until_confirmed(
    admin_client, tmp_path, mastery
):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f"{mastery.plan.slug};personlig-mestring;2018;61,5;52;;Rettet\n"
        f"{mastery.plan.slug};personlig-mestring;2019;62,5;49;;\n",
    )
    response = admin_upload(admin_client, "measurement", path, 0)

    assert response.status_code == 200
    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["update", "new"]
    content = response.content.decode()
    assert "62,5" in content
    assert "Herunder ser du, hvad importen vil ændre. Intet er gemt endnu." in content
    assert "Bekræft import" in content
    assert mastery.measurements.count() == 1  # the dry run wrote nothing
    assert mastery.measurements.get().value == Decimal("61")

    confirm = response.context["confirm_form"]
    response = admin_client.post(
        reverse("admin:goals_measurement_process_import"), confirm.initial
    )
    assert response.status_code == 302
    assert mastery.measurements.count() == 2
    assert mastery.measurements.get(period_label="2018").value == Decimal("61.5")


def test_invalid_row_names_the_row_and_nothing_is_written(
    admin_client, tmp_path, mastery
):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f"{mastery.plan.slug};personlig-mestring;2019;62;49;;\n"
        f"{mastery.plan.slug};personlig-mestring;2020;140;49;;\n"
        f"{mastery.plan.slug};personlig-mestring;forår;50;49;;\n",
    )
    response = admin_upload(admin_client, "measurement", path, 0)

    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2, 3]
    assert result.invalid_rows[0].field_specific_errors == {
        "værdi": ["En procentsats skal ligge mellem 0 og 100."]
    }
    assert result.invalid_rows[1].field_specific_errors == {
        "periode": [
            "Perioden “forår” kan ikke læses. Skriv den fx som “2019”, “2019/2020”, "
            "“1. halvår 2019”, “2. kvartal 2019”, “jan.-jun. 2019” eller "
            "“dec. 2017-maj 2018”."
        ]
    }
    assert "confirm_form" not in response.context
    content = response.content.decode()
    assert "En procentsats skal ligge mellem 0 og 100." in content
    assert "Perioden “forår” kan ikke læses" in content
    assert mastery.measurements.count() == 1


def test_invalid_file_writes_nothing_outside_the_admin_either(tmp_path, mastery):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f"{mastery.plan.slug};personlig-mestring;2019;62;49;;\n"
        f"{mastery.plan.slug};ukendt-maal;2019;50;;;\n",
    )
    result = import_file(MeasurementResource(), path)
    assert result.invalid_rows[0].number == 2
    assert result.invalid_rows[0].field_specific_errors == {
        "mål": [f"Planen “{mastery.plan.slug}” har intet mål med koden “ukendt-maal”."]
    }
    assert mastery.measurements.count() == 1


def test_missing_key_column_is_a_danish_error_and_no_row_is_read(tmp_path, mastery):
    path = csv_file(tmp_path, "plan;værdi\nx;1\n")
    result = import_file(MeasurementResource(), path)
    assert result.has_errors()
    message = str(result.base_errors[0].error)
    assert message.startswith("Filen mangler kolonnen “mål”, “periode”.")
    assert not result.invalid_rows


def test_target_before_the_saved_baseline_is_refused(tmp_path, mastery):
    path = csv_file(
        tmp_path, f"plan;mål;år;værdi\n{mastery.plan.slug};personlig-mestring;2015;62\n"
    )
    result = import_file(TargetResource(), path)
    assert result.invalid_rows[0].field_specific_errors == {
        "år": ["Målsætningen kan ikke ligge før udgangspunktets år (2017)."]
    }
    assert mastery.targets.count() == 1


def test_goal_file_creates_goal_and_baseline_and_checks_them(tmp_path, plan):
    offer = OfferFactory(slug="testtilbud-bolig")
    path = csv_file(
        tmp_path,
        "plan;kode;titel;niveau;enhed;retning;udgangspunkt;udgangspunkt periode;"
        "udgangspunkt N;ansvarlige tilbud\n"
        f"{plan.slug};boligloesning;Flere unge får en bolig;Centermål;Procent;"
        "Højere er bedre;43;2017;37;testtilbud-bolig\n"
        f"{plan.slug};ophold;Færre lange ophold;centre;count;decrease;14;2017;;\n",
        name="maal.csv",
    )
    result = import_file(GoalResource(), path)
    assert not result.has_validation_errors(), [
        r.error_dict for r in result.invalid_rows
    ]
    goal = plan.goals.get(code="boligloesning")
    assert goal.baseline.value == 43 and goal.baseline.n == 37
    assert goal.baseline.period_end.year == 2017
    assert list(goal.responsible_offers.all()) == [offer]
    assert plan.goals.get(code="ophold").direction == Goal.Direction.DECREASE


def test_goal_file_with_bad_cells_names_each_in_danish(tmp_path, plan):
    path = csv_file(
        tmp_path,
        "plan;kode;titel;niveau;enhed;udgangspunkt;udgangspunkt periode;"
        "ansvarlige tilbud\n"
        f"{plan.slug};a;A;Kommunalt mål;Procent;140;2017;\n"
        f"{plan.slug};b;B;Centermål;Procent;50;;findes-ikke\n",
        name="maal.csv",
    )
    result = import_file(GoalResource(), path)
    first, second = (row.field_specific_errors for row in result.invalid_rows)
    assert (
        "niveau" in first
        and "“Kommunalt mål” er ikke en af mulighederne" in first["niveau"][0]
    )
    assert first["udgangspunkt"] == ["En procentsats skal ligge mellem 0 og 100."]
    assert second["udgangspunkt periode"] == [
        "Skriv udgangspunktets periode, fx “2017”."
    ]
    assert second["ansvarlige tilbud"] == ["Der findes intet tilbud “findes-ikke”."]
    assert not plan.goals.exists()


def test_goal_import_dry_run_writes_nothing(tmp_path, mastery):
    path = csv_file(
        tmp_path,
        "plan;kode;titel;udgangspunkt;udgangspunkt periode\n"
        f"{mastery.plan.slug};personlig-mestring;Ny titel;59;2017\n",
        name="maal.csv",
    )
    result = import_file(GoalResource(), path, dry_run=True)
    assert result.totals["update"] == 1
    mastery.refresh_from_db()
    assert mastery.title != "Ny titel"
    assert Baseline.objects.get(goal=mastery).value == 60


# Public downloads ------------------------------------------------------------------


def test_public_download_leaves_out_draft_offers_staff_download_keeps_them(
    admin_client, mastery
):
    mastery.responsible_offers.add(
        OfferFactory(slug="synligt"), OfferFactory(slug="kladde", status="draft")
    )
    url = reverse(
        "goals:export", kwargs={"slug": mastery.plan.slug, "kind": "maal", "fmt": "csv"}
    )
    public = Client().get(url).content.decode("utf-8-sig")
    staff = admin_client.get(url).content.decode("utf-8-sig")
    assert "synligt" in public and "kladde" not in public
    assert "kladde, synligt" in staff


def test_download_names_the_file_and_unknown_formats_are_404(client, mastery):
    kwargs = {"slug": mastery.plan.slug, "kind": "maalinger", "fmt": "csv"}
    response = client.get(reverse("goals:export", kwargs=kwargs))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="maalinger-{mastery.plan.slug}-'
        f'{timezone.localdate().isoformat()}.csv"'
    )
    for kind, fmt in [("maalinger", "pdf"), ("andet", "csv")]:
        url = f"/planer/{mastery.plan.slug}/{kind}.{fmt}"
        assert client.get(url).status_code == 404
    assert client.get("/planer/findes-ikke/maal.csv").status_code == 404


@pytest.mark.parametrize("count", [1, 6])
def test_download_costs_a_fixed_number_of_queries(
    client, plan, count, django_assert_num_queries
):
    from .conftest import add_goal

    for n in range(count):
        add_goal(
            plan,
            f"m{n}",
            baseline=(50, "2017"),
            targets=[(2020, 55)],
            measurements=[("2019", 52)],
        )
    # The plan and the rows; for goals also a count and the goals' offers.
    for kind, queries in [("maal", 4), ("maalsaetninger", 2), ("maalinger", 2)]:
        url = reverse(
            "goals:export", kwargs={"slug": plan.slug, "kind": kind, "fmt": "xlsx"}
        )
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


def test_the_same_period_twice_in_a_file_names_the_first_row(tmp_path, mastery):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f"{mastery.plan.slug};personlig-mestring;1. halvår 2019;62;49;;\n"
        f"{mastery.plan.slug};personlig-mestring;jan.-jun. 2019;63;49;;\n",
    )
    result = import_file(MeasurementResource(), path)
    assert result.invalid_rows[0].number == 2
    assert result.invalid_rows[0].non_field_specific_errors == [
        "Målet har allerede en måling for den periode i række 2."
    ]
    assert mastery.measurements.count() == 1


def test_target_year_out_of_range_is_refused(tmp_path, mastery):
    path = csv_file(
        tmp_path, f"plan;mål;år;værdi\n{mastery.plan.slug};personlig-mestring;2500;62\n"
    )
    result = import_file(TargetResource(), path)
    assert result.invalid_rows[0].field_specific_errors == {
        "år": ["Året skal ligge mellem 1900 og 2200."]
    }


def test_preview_shows_old_and_new_value_of_a_changed_cell(tmp_path, mastery):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n{mastery.plan.slug};personlig-mestring;2018;61,5;52;;\n",
    )
    result = import_file(MeasurementResource(), path, dry_run=True)
    assert "<del>61</del> <ins>61,5</ins>" in result.rows[0].diff
    assert "<span>2018</span>" in result.rows[0].diff


def test_bulk_import_announces_its_writes_but_a_dry_run_does_not(
    tmp_path, mastery, django_capture_on_commit_callbacks
):
    from core.signals import content_changed

    senders = []

    def receiver(sender, **kwargs):
        senders.append(sender)

    content_changed.connect(receiver)
    try:
        path = csv_file(
            tmp_path,
            f"{MEASUREMENT_HEADER}\n{mastery.plan.slug};personlig-mestring;2019;62;49;;\n",
        )
        with django_capture_on_commit_callbacks(execute=True):
            import_file(MeasurementResource(), path, dry_run=True)
        assert senders == []
        with django_capture_on_commit_callbacks(execute=True):
            import_file(MeasurementResource(), path)
        assert senders == ["goals"]
    finally:
        content_changed.disconnect(receiver)


def test_text_that_looks_like_a_formula_is_exported_as_text(plan):
    # One rule for every text column (tests/goals/test_spreadsheet_trust.py
    # checks every export); numbers stay numbers.
    from tests.goals.conftest import add_goal

    add_goal(plan, "formel", title='=HYPERLINK("http://x","klik")', targets=[(2020, 5)])
    dataset = TargetResource().export(Target.objects.filter(goal__code="formel"))
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["målets titel"] == '\'=HYPERLINK("http://x","klik")'
    assert row["værdi"] == "5"


# Hostile cells ---------------------------------------------------------------------

CONTROL_ERROR = (
    "Cellen indeholder et kontroltegn (usynligt tegn), som ikke kan gemmes. "
    "Skriv teksten igen, eller kopiér den uden formatering."
)


def test_cells_with_control_characters_are_row_errors_and_nothing_is_written(
    tmp_path, mastery
):
    slug = mastery.plan.slug
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f"{slug};personlig-mestring;2019;62;49;FKO;fin række\n"
        f"{slug};personlig-mestring;2020;63;49;FKO;nul\x00byte\n"
        f"{slug};personlig-mestring;2021;64;49;\x1b[31mrød;\n"
        f"{slug};personlig\x00-mestring;2022;65;49;;\n"
        f"{slug};personlig-mestring;2023;66;49;;form\x0cfeed\x7f\n",
    )
    result = import_file(MeasurementResource(), path)

    assert [row.number for row in result.invalid_rows] == [2, 3, 4, 5]
    errors = [row.field_specific_errors for row in result.invalid_rows]
    assert errors[0] == {"kommentar": [CONTROL_ERROR]}
    assert errors[1] == {"kilde": [CONTROL_ERROR]}
    assert CONTROL_ERROR in errors[2]["mål"]
    assert errors[3] == {"kommentar": [CONTROL_ERROR]}
    assert not result.has_errors()  # row errors, not a crash
    assert mastery.measurements.count() == 1  # not even the good row
    assert not mastery.measurements.filter(comment="fin række").exists()


def test_a_hostile_goal_title_writes_nothing(tmp_path, mastery):
    before = Goal.objects.count()
    path = tmp_path / "maal.csv"
    path.write_bytes(
        (
            "plan;kode;titel;niveau;enhed\r\n"
            f"{mastery.plan.slug};nyt-maal;Ny\x00titel;Lokalt;Procent\r\n"
        ).encode("utf-8-sig")
    )
    result = import_file(GoalResource(), path)
    assert result.invalid_rows[0].field_specific_errors["titel"] == [CONTROL_ERROR]
    assert Goal.objects.count() == before


def test_tabs_and_line_breaks_in_a_cell_are_kept(tmp_path, mastery):
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n"
        f'{mastery.plan.slug};personlig-mestring;2019;62;49;FKO;"første\tlinje\n'
        'anden linje"\n',
    )
    result = import_file(MeasurementResource(), path)
    assert not result.has_validation_errors(), [
        r.error_dict for r in result.invalid_rows
    ]
    comment = mastery.measurements.get(period_label="2019").comment
    assert comment == "første\tlinje\r\nanden linje"
