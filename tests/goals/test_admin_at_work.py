"""A manager at work in the goals admin: the reporting round on the start
page and its spreadsheet, one history per goal, numbers as their unit says,
and a goal with thousands of measurements that still opens and saves."""

import datetime
import json
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from config.roles import MANAGERS
from goals.models import Goal, Measurement
from goals.reporting import missing_results, status_changes
from tests.admin_forms import admin_form_data
from tests.factories import PlanFactory
from tests.goals.conftest import add_goal
from tests.goals.test_admin import change_url, existing_rows, goal_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="leder-l", password="x", is_staff=True, first_name="Lene"
    )
    user.groups.add(Group.objects.get(name=MANAGERS))
    client.force_login(user)
    return client


@pytest.fixture
def round_plan(db):
    """A plan for 2019-2020 whose goals report 2019 and 2020: one goal has
    its 2020 result, one lacks it, one has no results at all."""
    plan = PlanFactory(title="Aftale om runden", period_start=2019, period_end=2020)
    done = add_goal(
        plan,
        "faerdig",
        title="Målet med resultat",
        unit=Goal.Unit.COUNT,
        measurements=[("2019", 10), ("2020", 12)],
    )
    lacking = add_goal(
        plan,
        "mangler",
        title="Målet uden 2020",
        targets=[(2026, 70)],
        measurements=[("2019", 50)],
    )
    empty = add_goal(plan, "tom", title="Målet uden tal", unit=Goal.Unit.COUNT)
    return plan, done, lacking, empty


def test_the_round_lists_goals_lacking_the_latest_result(round_plan):
    plan, done, lacking, empty = round_plan
    goals = list(Goal.objects.filter(plan=plan).prefetch_related("measurements"))
    missing = missing_results(goals, today=datetime.date(2026, 12, 3))
    assert {(m.goal.code, m.period_label) for m in missing} == {
        ("mangler", "2020"),
        ("tom", "2020"),
    }


def test_a_plan_still_running_asks_for_last_year(db):
    plan = PlanFactory(period_start=2024, period_end=2028)
    add_goal(plan, "a", measurements=[("2024", 50)])
    goals = list(Goal.objects.filter(plan=plan).prefetch_related("measurements"))
    missing = missing_results(goals, today=datetime.date(2026, 3, 1))
    assert [(m.goal.code, m.year) for m in missing] == [("a", 2025)]


def test_manager_start_page_shows_the_round_with_edit_links(manager, round_plan):
    _plan, done, lacking, _empty = round_plan
    page = manager.get(reverse("admin:index")).content.decode()
    assert "Afrapportering" in page
    assert change_url(lacking) in page
    assert "Målet uden 2020" in page
    assert "Målet med resultat" not in page.split("skal nås i år")[0]
    # The target due this year (the clock's year) is listed when it is this year.
    if datetime.date.today().year == 2026:
        assert "1 målsætning skal nås i år" in page


def test_spreadsheet_of_missing_rows_fills_in_and_imports_back(manager, round_plan):
    plan, _done, lacking, empty = round_plan
    response = manager.get(reverse("admin:goals_measurement_missing_rows"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(cell) for cell in rows[0]]
    ours = [r for r in rows[1:] if r[header.index("plan")] == plan.slug]
    assert sorted(r[header.index("mål")] for r in ours) == ["mangler", "tom"]
    assert all(r[header.index("værdi")] is None for r in ours)

    # Filled in and imported back through the measurements' import.
    value_column = header.index("værdi") + 1
    for row in sheet.iter_rows(min_row=2):
        row[value_column - 1].value = 55 if row[header.index("mål")].value else None
    kept = list(sheet.iter_rows(min_row=2))
    for row in reversed(kept):
        if row[header.index("plan")].value != plan.slug:
            sheet.delete_rows(row[0].row)
    buffer = BytesIO()
    sheet.parent.save(buffer)
    buffer.seek(0)
    buffer.name = "afrapportering.xlsx"
    import_url = reverse("admin:goals_measurement_import")
    formats = manager.get(import_url).context["form"].fields["format"].choices
    xlsx = next(str(value) for value, label in formats if "xlsx" in str(label).lower())
    preview = manager.post(
        import_url, {"format": xlsx, "resource": "0", "import_file": buffer}
    )
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    response = manager.post(
        reverse("admin:goals_measurement_process_import"),
        {**confirm.initial, "resource": "0"},
    )
    assert response.status_code == 302
    assert lacking.measurements.get(period_label="2020").value == Decimal(55)
    assert empty.measurements.get(period_label="2020").value == Decimal(55)


def test_status_changed_since_last_month_is_found_from_the_history(db):
    plan = PlanFactory(period_start=2019, period_end=2020)
    goal = add_goal(
        plan,
        "skift",
        baseline=(50, "2017"),
        targets=[(2020, 60)],
        measurements=[("2019", 49)],
    )
    goal = Goal.objects.prefetch_related("measurements", "targets").get(pk=goal.pk)
    before = goal.progress.status
    month_ago = goal.measurements.get().history.get().history_date
    later = month_ago + datetime.timedelta(days=40)
    # The result is corrected upwards “today”, after the cut-off.
    measurement = goal.measurements.get()
    measurement.value = Decimal(61)
    measurement.save()
    measurement.history.filter(history_type="~").update(history_date=later)
    goal = Goal.objects.prefetch_related("measurements", "targets").get(pk=goal.pk)
    since = month_ago + datetime.timedelta(days=1)
    changed = status_changes([goal], since)
    assert [(c.goal, c.before) for c in changed] == [(goal, before)]
    assert changed[0].now != before


# One history per goal --------------------------------------------------------------


def test_goal_history_shows_its_figures_changes_in_danish_numbers(
    admin_client, homeless
):
    rows = existing_rows(homeless)
    rows["measurements"][0]["value"] = "81,5"
    response = admin_client.post(
        change_url(homeless),
        goal_form(homeless.plan, homeless, _change_reason="Rettet tal", **rows),
    )
    assert response.status_code == 302
    history = admin_client.get(
        reverse("admin:goals_goal_history", args=[homeless.pk])
    ).content.decode()
    assert "Værdi:</strong> 81 &rarr; 81,5" in history
    assert "Rettet tal" in history
    assert "None" not in history
    measurement = homeless.measurements.get()
    version = measurement.history.latest("history_date")
    assert (
        reverse(
            "admin:goals_measurement_simple_history",
            args=[measurement.pk, version.history_id],
        )
        in history
    )
    form_page = admin_client.get(change_url(homeless)).content.decode()
    assert "Værdi: 81 → 81,5" in form_page


# Numbers as their unit says -------------------------------------------------------


def test_a_count_reads_as_a_whole_number_in_the_form(admin_client, homeless):
    page = admin_client.get(change_url(homeless))
    baseline_form = page.context["inline_admin_formsets"][0].formset.forms[0]
    assert baseline_form["value"].value() == Decimal(86)
    assert 'value="86"' in page.content.decode()
    assert "86,00" not in page.content.decode()


# A goal with 2,000 measurements ---------------------------------------------------


def test_goal_with_2000_measurements_opens_and_saves(admin_client, plan):
    goal = add_goal(plan, "mange", unit=Goal.Unit.COUNT)
    days = [datetime.date(2000, 1, 1) + datetime.timedelta(n) for n in range(2000)]
    Measurement.objects.bulk_create(
        Measurement(
            goal=goal,
            value=Decimal(day.day),
            period_label=f"{day:%d.%m.%Y}-{day:%d.%m.%Y}",
            period_start=day,
            period_end=day,
        )
        for day in days
    )
    page = admin_client.get(change_url(goal))
    assert page.status_code == 200
    assert "De seneste 20 af 2.000 målinger vises nedenfor." in page.content.decode()
    data = admin_form_data(page)
    latest = page.context["inline_admin_formsets"][2].formset.forms[-2]
    data[latest.add_prefix("value")] = "7"
    response = admin_client.post(change_url(goal), data)
    assert response.status_code == 302
    assert goal.measurements.count() == 2000
    assert goal.measurements.order_by("-period_end").first().value == Decimal(7)
    listing = admin_client.get(
        reverse("admin:goals_measurement_changelist") + f"?maal={goal.pk}"
    )
    assert listing.context["cl"].result_count == 2000


def test_inline_add_text_has_the_right_gender(admin_client, homeless):
    page = admin_client.get(change_url(homeless))
    texts = [
        json.loads(inline.inline_formset_data())["options"]["addText"]
        for inline in page.context["inline_admin_formsets"]
    ]
    assert texts[1:] == ["Tilføj endnu en målsætning", "Tilføj endnu en måling"]
    assert "Tilføj endnu en række (Udgangspunkt)" == texts[0]
