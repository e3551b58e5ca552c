"""Issue #11: spreadsheets a manager can trust. One test (or more) per numbered
problem: formula injection (1), numbers in the admin's XLSX (2), every export
imports back unchanged (3), file errors without tracebacks (4)."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from goals import actions
from goals.models import Baseline, Goal, GoalTheme, Measurement, Plan, Target
from goals.spreadsheets import GoalResource, MeasurementResource, TargetResource
from goals.spreadsheets.cells import FORMULA_STARTS
from goals.spreadsheets.formats import DanishCSV, DanishXLSX
from tests.goals.conftest import add_goal

pytestmark = pytest.mark.django_db

ADMIN_EXPORTS = {
    "goal": "goalresource_",
    "target": "targetresource_",
    "measurement": "measurementresource_",
}
FORMAT_INDEX = {"csv": "0", "xlsx": "1"}


def admin_export(client, model, fmt):
    """What the admin's export page gives, every column selected."""
    url = reverse(f"admin:goals_{model}_export")
    form = client.get(url).context["form"]
    data = {name: "on" for name in form.fields if name.startswith(ADMIN_EXPORTS[model])}
    data.update({"format": FORMAT_INDEX[fmt], "resource": "0"})
    response = client.post(url, data)
    assert response.status_code == 200
    return response


def plan_export(client, plan, kind, fmt):
    url = reverse("goals:export", kwargs={"slug": plan.slug, "kind": kind, "fmt": fmt})
    response = client.get(url)
    assert response.status_code == 200
    return response


def csv_cells(content):
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def xlsx_cells(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in book.active.iter_rows()]


# 1. Formula injection ---------------------------------------------------------------


@pytest.fixture(params=FORMULA_STARTS, ids=repr)
def hostile(request, plan):
    """Every text the admin lets a curator type, starting like a formula."""
    start = request.param
    text = f'{start}HYPERLINK("http://evil.example";"klik")'
    theme = GoalTheme.objects.create(name=f"{start}tema", slug="ondt-tema")
    goal = add_goal(
        plan,
        "ondt-maal",
        title=text,
        theme=theme,
        definition=text,
        data_source=text,
        narrative=text,
        baseline=(50, "2017"),
        targets=[(2020, 60)],
        measurements=[("2019", 55)],
    )
    Baseline.objects.filter(goal=goal).update(source=text)
    Target.objects.filter(goal=goal).update(note=text)
    Measurement.objects.filter(goal=goal).update(source=text, comment=text)
    return start


def assert_no_formula_csv(content):
    for row in csv_cells(content):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def assert_no_formula_xlsx(content):
    for row in xlsx_cells(content):
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str):
                assert not cell.value.startswith(FORMULA_STARTS), cell.value


@pytest.mark.parametrize("kind", ["maal", "maalsaetninger", "maalinger"])
def test_public_downloads_neutralise_every_text_cell(client, plan, hostile, kind):
    csv_content = plan_export(client, plan, kind, "csv").content
    assert "'" + hostile in csv_content.decode("utf-8-sig")
    assert_no_formula_csv(csv_content)
    assert_no_formula_xlsx(plan_export(client, plan, kind, "xlsx").content)


@pytest.mark.parametrize("model", list(ADMIN_EXPORTS))
def test_admin_exports_neutralise_every_text_cell(admin_client, hostile, model):
    assert_no_formula_csv(admin_export(admin_client, model, "csv").content)
    assert_no_formula_xlsx(admin_export(admin_client, model, "xlsx").content)


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_neutralised_text_imports_back_as_typed(admin_client, plan, start):
    text = f'{start}HYPERLINK("http://evil.example";"klik")'
    add_goal(plan, "ondt-maal", measurements=[("2019", 55)])
    Measurement.objects.update(comment=text)
    for fmt, file_format in (("csv", DanishCSV()), ("xlsx", DanishXLSX())):
        content = plan_export(admin_client, plan, "maalinger", fmt).content
        dataset = file_format.create_dataset(content)
        result = MeasurementResource().import_data(dataset, dry_run=False)
        assert not result.has_validation_errors()
        assert result.totals["update"] == 0
        assert Measurement.objects.get(goal__code="ondt-maal").comment == text


# 2. Numbers in the admin's XLSX ----------------------------------------------------


def test_admin_xlsx_holds_numbers_as_numbers(admin_client, plan):
    add_goal(plan, "tal", baseline=(Decimal("61.25"), "2017"), targets=[(2020, 63)])
    rows = xlsx_cells(admin_export(admin_client, "target", "xlsx").content)
    headers = [cell.value for cell in rows[0]]
    mine = next(r for r in rows[1:] if r[headers.index("mål")].value == "tal")
    assert mine[headers.index("år")].value == 2020
    assert mine[headers.index("værdi")].data_type == "n"
    goals = xlsx_cells(admin_export(admin_client, "goal", "xlsx").content)
    headers = [cell.value for cell in goals[0]]
    mine = next(r for r in goals[1:] if r[headers.index("kode")].value == "tal")
    # A percentage as a percent cell: 0.6125 shown as 61.25 %.
    baseline = mine[headers.index("udgangspunkt")]
    assert baseline.value == pytest.approx(0.6125)
    assert baseline.number_format == "0.00%"


def test_exports_have_danish_sheet_and_file_names(admin_client, plan):
    response = admin_export(admin_client, "measurement", "xlsx")
    assert "maalinger-" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.active.title == "Målinger"


# 3. Every export imports back unchanged ---------------------------------------------

RESOURCES = {
    "goal": GoalResource,
    "target": TargetResource,
    "measurement": MeasurementResource,
}


def history_count():
    return sum(
        model.history.count() for model in (Goal, Baseline, Target, Measurement, Plan)
    )


def import_back(content, fmt, resource_class, user):
    """The confirmed import of an exported file, and how many rows it has."""
    file_format = DanishXLSX() if fmt == "xlsx" else DanishCSV()
    dataset = file_format.create_dataset(content)
    rows = len(dataset)
    change = actions.import_change(user=user, file_name=f"eksport.{fmt}")
    return actions.import_spreadsheet(change, resource_class(), dataset), rows


def assert_nothing_changed(result, rows):
    assert not result.has_errors()
    assert not result.has_validation_errors(), [
        (row.number, row.error_dict) for row in result.invalid_rows
    ]
    assert result.totals["new"] == 0
    assert result.totals["update"] == 0
    assert result.totals["skip"] == rows


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("model", list(ADMIN_EXPORTS))
def test_admin_export_of_the_seed_imports_back_unchanged(
    admin_client, superuser, model, fmt
):
    content = admin_export(admin_client, model, fmt).content
    before = history_count()
    result, rows = import_back(content, fmt, RESOURCES[model], superuser)
    assert_nothing_changed(result, rows)
    assert history_count() == before


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("kind", ["maal", "maalsaetninger", "maalinger"])
def test_plan_page_exports_of_the_seed_import_back_unchanged(
    admin_client, superuser, kind
):
    resource_class = {
        "maal": GoalResource,
        "maalsaetninger": TargetResource,
        "maalinger": MeasurementResource,
    }[kind]
    before = history_count()
    plans = list(Plan.objects.all())
    assert plans
    for plan in plans:
        for fmt in ("csv", "xlsx"):
            content = plan_export(admin_client, plan, kind, fmt).content
            result, rows = import_back(content, fmt, resource_class, superuser)
            assert_nothing_changed(result, rows)
    assert history_count() == before


# 4. File errors: a Danish message, what the file should look like, no traceback ----

GOOD_HEADER = "plan;mål;periode;værdi;N;kilde;kommentar"


def upload(client, content, name, fmt):
    return client.post(
        reverse("admin:goals_measurement_import"),
        {
            "format": FORMAT_INDEX[fmt],
            "resource": "0",
            "import_file": _named(content, name),
        },
    )


def _named(content, name):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "missing column": (b"plan;v\xc3\xa6rdi\r\naftale;5\r\n", "m.csv", "csv", "mål"),
    "english headers": (
        b"plan;goal;period;value\r\naftale;x;2019;5\r\n",
        "m.csv",
        "csv",
        "periode",
    ),
    "title line": (
        ("Målinger 2019\r\n" + GOOD_HEADER + "\r\naftale;x;2019;5;;;\r\n").encode(),
        "m.csv",
        "csv",
        "række 2",
    ),
    "xlsx sent as csv": (
        xlsx_bytes([["plan", "mål", "periode", "værdi"]]),
        "m.xlsx",
        "csv",
        "periode",
    ),
    "csv sent as xlsx": (
        (GOOD_HEADER + "\r\n").encode(),
        "m.csv",
        "xlsx",
        "Excel",
    ),
}


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "no-debug"])
@pytest.mark.parametrize("problem", list(BAD_FILES))
def test_file_errors_are_danish_without_traceback(
    admin_client, settings, debug, problem
):
    settings.DEBUG = debug
    content, name, fmt, expected = BAD_FILES[problem]
    before = history_count()
    response = upload(admin_client, content, name, fmt)
    page = response.content.decode()
    assert response.status_code == 200
    assert expected in page
    assert "Traceback" not in page
    assert ".py" not in page
    assert "SpreadsheetError" not in page
    assert "ImportFileError" not in page
    assert history_count() == before


# 6. Values Excel computed; 7. Excel's month formats; 8. no yearless target ---------


def import_csv(resource_class, text, user=None):
    dataset = DanishCSV().create_dataset(text.replace("\n", "\r\n").encode())
    change = actions.import_change(user=user, file_name="fil.csv")
    return actions.import_spreadsheet(change, resource_class(), dataset)


def row_errors(result):
    return [row.error_dict for row in result.invalid_rows]


def test_values_excel_computed_are_rounded_to_the_fields_precision(plan):
    add_goal(plan, "beregnet")
    result = import_csv(
        MeasurementResource,
        "plan;mål;periode;værdi\n"
        f"{plan.slug};beregnet;2019;47.49999999999999\n"
        f"{plan.slug};beregnet;2020;33,33333333333333\n",
    )
    assert row_errors(result) == []
    values = sorted(
        Measurement.objects.filter(goal__code="beregnet").values_list(
            "value", flat=True
        )
    )
    assert values == [Decimal("33.33"), Decimal("47.50")]


def test_values_excel_computed_in_xlsx_are_rounded(plan):
    add_goal(plan, "beregnet")
    book = openpyxl.Workbook()
    book.active.append(["plan", "mål", "periode", "værdi"])
    book.active.append([plan.slug, "beregnet", "2019", 1 / 3])
    book.active["D2"].number_format = "0.00%"
    buffer = io.BytesIO()
    book.save(buffer)
    dataset = DanishXLSX().create_dataset(buffer.getvalue())
    change = actions.import_change(file_name="fil.xlsx")
    result = actions.import_spreadsheet(change, MeasurementResource(), dataset)
    assert row_errors(result) == []
    assert Measurement.objects.get(goal__code="beregnet").value == Decimal("33.33")


@pytest.mark.parametrize("cell", ["05-2019", "01-05-2019", "maj-19", "maj 2019"])
def test_excels_month_formats_are_read_as_the_month(plan, cell):
    add_goal(plan, "maaned")
    result = import_csv(
        MeasurementResource,
        f"plan;mål;periode;værdi\n{plan.slug};maaned;{cell};40\n",
    )
    assert row_errors(result) == []
    measurement = Measurement.objects.get(goal__code="maaned")
    assert (
        measurement.period_start.isoformat(),
        measurement.period_end.isoformat(),
    ) == (
        "2019-05-01",
        "2019-05-31",
    )


def test_import_does_not_create_a_target_without_a_year(plan):
    add_goal(plan, "uden-aar")
    result = import_csv(
        TargetResource, f"plan;mål;år;værdi\n{plan.slug};uden-aar;;60\n"
    )
    assert [list(errors) for errors in row_errors(result)] == [["år"]]
    assert not Target.objects.filter(goal__code="uden-aar").exists()


def test_an_exported_target_without_a_year_reads_back(admin_client, plan):
    goal = add_goal(plan, "uden-aar")
    Target.objects.create(goal=goal, year=None, value=60)
    content = plan_export(admin_client, plan, "maalsaetninger", "csv").content
    result, rows = import_back(content, "csv", TargetResource, None)
    assert_nothing_changed(result, rows)


# 5. Changed rows: plain UPDATEs, not a CASE expression per field and row -----------


def test_changed_rows_are_written_without_case_expressions(plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_goal(plan, "aendret", measurements=[("2018", 40), ("2019", 41)])
    text = (
        f"plan;mål;periode;værdi\n{plan.slug};aendret;2018;50\n"
        f"{plan.slug};aendret;2019;51\n"
    )
    with CaptureQueriesContext(connection) as queries:
        result = import_csv(MeasurementResource, text)
    assert result.totals["update"] == 2
    assert not [q for q in queries if "CASE" in q["sql"]]
    values = Measurement.objects.filter(goal__code="aendret").values_list(
        "value", flat=True
    )
    assert sorted(values) == [Decimal(50), Decimal(51)]
    assert (
        Measurement.history.filter(goal_id__isnull=False)
        .filter(value=Decimal(51), history_type="~", history_channel="import")
        .exists()
    )


def test_export_page_lists_columns_by_their_danish_names(admin_client):
    page = admin_client.get(reverse("admin:goals_measurement_export"))
    labels = [field.label for field in page.context["form"].fields.values()]
    assert "mål" in labels and "periode" in labels
    assert not [label for label in labels if "(" in str(label)]


# 9. Messages a manager understands -----------------------------------------------


def test_an_empty_value_cell_says_so_in_plain_danish(plan):
    add_goal(plan, "tom")
    result = import_csv(
        MeasurementResource, f"plan;mål;periode;værdi\n{plan.slug};tom;2019;\n"
    )
    messages = [m for errors in row_errors(result) for m in errors.get("værdi", [])]
    assert messages == ["Cellen er tom. Skriv en værdi."]
    assert "null" not in str(row_errors(result))
