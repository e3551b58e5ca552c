"""A goal's stored status follows its figures through every way they change:
the admin (with its inlines), the spreadsheet import (bulk writes, no model
signals), a plain save or delete, and the migration that first fills it."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals import actions, status
from goals.models import Goal, Measurement
from goals.periods import parse_period
from goals.progress import Status
from goals.spreadsheets import MeasurementResource
from goals.spreadsheets.formats import DanishCSV
from tests.factories import PlanFactory

from .conftest import add_goal
from .test_admin import ADD_URL, errors_of, goal_form
from .test_import_export import MEASUREMENT_HEADER, csv_file


def stored(goal):
    return Goal.objects.get(pk=goal.pk).status


def test_a_goal_saved_in_the_admin_with_its_figures_stores_its_status(
    admin_client, plan
):
    data = goal_form(
        plan,
        baseline={"value": "60", "period_label": "2017", "n": "47"},
        targets=[{"year": "2020", "value": "63"}],
        measurements=[{"period_label": "2018", "value": "58", "n": "50"}],
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context and errors_of(response)
    goal = plan.goals.get(code="personlig-mestring")
    # 58 in 2018 is below the straight way from 60 (2017) to 63 (2020).
    assert goal.status == Status.BEHIND == goal.progress.status


def test_an_import_of_measurements_moves_the_stored_status(tmp_path, mastery):
    assert stored(mastery) == Status.ON_TRACK
    path = csv_file(
        tmp_path,
        f"{MEASUREMENT_HEADER}\n{mastery.plan.slug};personlig-mestring;2019;64;49;FKO;\n",
    )
    dataset = DanishCSV().create_dataset(path.read_bytes())
    change = actions.import_change(file_name=path.name)
    result = actions.import_spreadsheet(change, MeasurementResource(), dataset)
    assert not result.has_errors()
    # Written in bulk (no model signals), and still 64 reaches the final 63.
    assert stored(mastery) == Status.ACHIEVED


def test_a_plain_save_or_delete_of_a_figure_refreshes_the_status(mastery):
    assert stored(mastery) == Status.ON_TRACK
    latest = mastery.measurements.get()
    latest.value = Decimal("50")
    latest.save()
    assert stored(mastery) == Status.BEHIND
    latest.delete()
    assert stored(mastery) == Status.NO_DATA


def test_turning_a_goals_direction_round_refreshes_its_status(homeless):
    assert stored(homeless) == Status.ON_TRACK
    goal = Goal.objects.get(pk=homeless.pk)
    # Higher is better now: 81 is already above the target of 75.
    goal.direction = Goal.Direction.INCREASE
    actions.save(actions.Change(channel=actions.Channel.ADMIN), goal)
    assert stored(homeless) == Status.ACHIEVED


def test_an_action_computes_each_goals_status_once_at_its_end(plan):
    goal = add_goal(plan, "mange", baseline=(10, "2017"), targets=[(2020, 40)])
    change = actions.Change(channel=actions.Channel.ADMIN)
    with actions.recorded(change, "goals"), status.deferred():
        for n in range(3):
            start, end = parse_period(str(2018 + n))
            Measurement.objects.create(
                goal=goal,
                value=Decimal(20 + 10 * n),
                period_label=str(2018 + n),
                period_start=start,
                period_end=end,
            )
            # Nothing is recomputed before the action ends.
            assert stored(goal) == Status.NO_DATA
    assert stored(goal) == Status.ACHIEVED


def test_deleting_a_plan_writes_no_status(plan, mastery, homeless):
    change = actions.Change(channel=actions.Channel.ADMIN)
    plan_id = plan.pk
    with CaptureQueriesContext(connection) as queries:
        actions.delete(change, plan)
    assert not Goal.objects.filter(plan_id=plan_id).exists()
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('UPDATE "goals_goal" SET "status"')
    ]
    assert writes == []


def test_the_plan_list_counts_the_stored_statuses(client, plan, mastery, homeless):
    other = PlanFactory(title="En plan uden tal")
    add_goal(other, "tom")
    response = client.get(reverse("goals:index"))
    counts = {p.pk: p.status_counts for p in response.context["plans"]}
    assert counts[plan.pk] == [(Status.ON_TRACK, 2)]
    assert counts[other.pk] == [(Status.NO_DATA, 1)]


def test_the_migration_fills_every_goals_status(mastery, homeless, plan):
    behind = add_goal(
        plan,
        "bagud",
        baseline=(60, "2017"),
        targets=[(2020, 63)],
        measurements=[("2018", 50)],
    )
    Goal.objects.update(status=Status.NO_DATA)
    migration = importlib.import_module("goals.migrations.0009_goal_status")
    migration.fill_statuses(apps, schema_editor=None)
    assert stored(mastery) == stored(homeless) == Status.ON_TRACK
    assert stored(behind) == Status.BEHIND


@pytest.mark.parametrize("status", list(Status))
def test_the_admin_filters_goals_by_their_stored_status(admin_client, plan, status):
    add_goal(
        plan,
        "a",
        baseline=(60, "2017"),
        targets=[(2020, 63)],
        measurements=[("2018", 50)],
    )
    add_goal(
        plan,
        "b",
        baseline=(60, "2017"),
        targets=[(2020, 63)],
        measurements=[("2019", 64)],
    )
    add_goal(plan, "c")
    response = admin_client.get(
        reverse("admin:goals_goal_changelist"),
        {"status": status.value, "plan__id__exact": plan.pk},
    )
    shown = {goal.code for goal in response.context["cl"].result_list}
    expected = {Status.BEHIND: {"a"}, Status.ACHIEVED: {"b"}, Status.NO_DATA: {"c"}}
    assert shown == expected.get(status, set())
