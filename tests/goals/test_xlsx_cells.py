"""Issue #11 item 1: XLSX cells a Danish Excel calculates with, in every export
(the admin's and the plan page's): numbers as numbers, percentages as percent
cells, dates as date cells; and they import back unchanged."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib

from goals.models import Goal, Measurement
from goals.spreadsheets import MeasurementResource, TargetResource
from goals.spreadsheets.cells import Percentage
from goals.spreadsheets.formats import DanishXLSX
from tests.goals.conftest import add_goal
from tests.goals.test_spreadsheet_trust import admin_export, plan_export

pytestmark = pytest.mark.django_db


def sheet(content):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def column(ws, name):
    headers = [cell.value for cell in ws[1]]
    index = headers.index(name)
    return [row[index] for row in ws.iter_rows(min_row=2)]


@pytest.fixture
def two_units(plan):
    add_goal(
        plan,
        "andel",
        baseline=(Decimal("33.33"), "2017"),
        targets=[(2020, Decimal("61.5"))],
        measurements=[("2019", 60)],
    )
    add_goal(
        plan,
        "antal",
        unit=Goal.Unit.COUNT,
        baseline=(86, "2017"),
        targets=[(2020, 75)],
        measurements=[("2019", Decimal("81.5"))],
    )
    return plan


def download(client, plan, kind, source):
    if source == "admin":
        model = {"maal": "goal", "maalsaetninger": "target", "maalinger": "measurement"}
        return admin_export(client, model[kind], "xlsx").content
    return plan_export(client, plan, kind, "xlsx").content


@pytest.mark.parametrize("source", ["admin", "plan page"])
@pytest.mark.parametrize(
    ("kind", "value_column", "percent", "count"),
    [
        ("maal", "udgangspunkt", (0.3333, "0.00%"), 86),
        ("maalsaetninger", "værdi", (0.615, "0.0%"), 75),
        ("maalinger", "værdi", (0.6, "0%"), 81.5),
    ],
)
def test_percentages_are_percent_cells_and_counts_plain_numbers(
    admin_client, two_units, source, kind, value_column, percent, count
):
    ws = sheet(download(admin_client, two_units, kind, source))
    code_column = "kode" if kind == "maal" else "mål"
    cells = dict(
        zip(
            [c.value for c in column(ws, code_column)],
            column(ws, value_column),
            strict=True,
        )
    )
    share, amount = cells["andel"], cells["antal"]
    assert share.data_type == "n" and share.value == pytest.approx(percent[0])
    assert share.number_format == percent[1]
    assert amount.data_type == "n" and amount.value == pytest.approx(count)
    assert "%" not in amount.number_format


def test_a_percent_export_imports_back_unchanged(admin_client, two_units):
    for kind, resource in (
        ("maalsaetninger", TargetResource),
        ("maalinger", MeasurementResource),
    ):
        content = plan_export(admin_client, two_units, kind, "xlsx").content
        result = resource().import_data(DanishXLSX().create_dataset(content))
        assert not result.has_validation_errors()
        assert result.totals["skip"] == 2 and result.totals["update"] == 0
    assert Measurement.objects.get(goal__code="andel").value == Decimal("60")


def test_dates_are_date_cells_with_a_danish_format():
    dataset = tablib.Dataset(headers=["dato", "tidspunkt", "andel", "tekst"])
    dataset.append(
        [
            datetime.date(2019, 5, 1),
            datetime.datetime(2019, 1, 15, 12, 30, tzinfo=datetime.UTC),
            Percentage("47.5"),
            "ok\x01",
        ]
    )
    dataset.title = "Målinger: 2019/2020 [udkast] med et langt navn"
    ws = sheet(DanishXLSX().export_data(dataset))
    day, moment, share, text = ws[2]
    assert day.is_date and day.value.date() == datetime.date(2019, 5, 1)
    assert day.number_format == "dd-mm-yyyy"
    assert moment.is_date and moment.value.hour == 13  # Copenhagen winter time
    assert share.value == pytest.approx(0.475) and share.number_format == "0.0%"
    assert text.value == "ok"
    assert ws.title == "Målinger 20192020 udkast med et"
    assert ws.freeze_panes == "A2"
