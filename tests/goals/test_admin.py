"""The managers' admin: a goal with its figures inline, validated in Danish."""

import datetime

import pytest
from django.urls import reverse

from goals.models import Baseline, Goal, Measurement, Target
from tests.factories import GoalThemeFactory

from .conftest import add_goal

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:goals_goal_add")


def goal_form(plan, goal=None, *, baseline=None, targets=(), measurements=(), **extra):
    """The POST of the goal's admin page: the goal, then its three inlines.

    ``baseline``/``targets``/``measurements`` are dicts of the inline fields; an
    ``id`` marks an existing row.
    """
    data = {
        "plan": plan.pk,
        "code": goal.code if goal else "personlig-mestring",
        "title": goal.title if goal else "Flere borgere opnår større mestring",
        "level": goal.level if goal else Goal.Level.CENTRE,
        "kind": goal.kind if goal else Goal.Kind.QUANTITATIVE,
        "assessment": goal.assessment if goal else "",
        "source_document": goal.source_document if goal else "",
        "source_section": goal.source_section if goal else "",
        "source_page": (goal.source_page or "") if goal else "",
        "theme": "",
        "focus_area": "",
        "unit": goal.unit if goal else Goal.Unit.PERCENT,
        "direction": goal.direction if goal else Goal.Direction.INCREASE,
        "supports": "",
        "order": goal.order if goal else 0,
        "definition": goal.definition if goal else "",
        "data_source": goal.data_source if goal else "",
        "narrative": goal.narrative if goal else "",
        **extra,
    }
    baselines = [baseline] if baseline else []
    inlines = [
        ("baseline", baselines, {"scope": Baseline.Scope.MUNICIPALITY}),
        ("targets", targets, {}),
        ("measurements", measurements, {}),
    ]
    for prefix, rows, defaults in inlines:
        initial = sum(1 for row in rows if row.get("id"))
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = initial
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for index, row in enumerate(rows):
            for key, value in {**defaults, **row}.items():
                data[f"{prefix}-{index}-{key}"] = value
            if goal:
                data[f"{prefix}-{index}-goal"] = goal.pk
    return data


def change_url(goal):
    return reverse("admin:goals_goal_change", args=[goal.pk])


def errors_of(response):
    """Every error message on the admin page, as text."""
    assert response.status_code == 200, "expected the form again, with errors"
    return " ".join(str(error) for error in response.context["errors"])


# Adding a goal with its figures ----------------------------------------------------


def test_manager_adds_a_goal_with_baseline_targets_and_measurements(admin_client, plan):
    data = goal_form(
        plan,
        baseline={"value": "60", "period_label": "2017", "n": "47"},
        targets=[{"year": "2020", "value": "63"}],
        measurements=[
            {"period_label": "dec. 2017-maj 2018", "value": "47,5", "n": "106"},
        ],
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context and errors_of(response)
    goal = plan.goals.get(code="personlig-mestring")
    assert goal.baseline.period_start == datetime.date(2017, 1, 1)
    assert goal.baseline.period_end == datetime.date(2017, 12, 31)
    assert list(goal.targets.values_list("year", flat=True)) == [2020]
    measurement = goal.measurements.get()
    assert (measurement.period_start, measurement.period_end) == (
        datetime.date(2017, 12, 1),
        datetime.date(2018, 5, 31),
    )
    assert str(measurement.value) == "47.50"


def test_percentage_of_140_is_refused_and_nothing_saved(admin_client, plan):
    data = goal_form(
        plan,
        baseline={"value": "60", "period_label": "2017"},
        targets=[{"year": "2020", "value": "140"}],
    )
    response = admin_client.post(ADD_URL, data)
    assert "En procentsats skal ligge mellem 0 og 100." in errors_of(response)
    assert not plan.goals.exists()
    assert not Baseline.objects.filter(goal__plan=plan).exists()


def test_percentage_baseline_of_140_is_refused(admin_client, plan):
    data = goal_form(plan, baseline={"value": "140", "period_label": "2017"})
    response = admin_client.post(ADD_URL, data)
    assert "En procentsats skal ligge mellem 0 og 100." in errors_of(response)
    assert not plan.goals.exists()


def test_target_year_before_the_baseline_in_the_same_form_is_refused(
    admin_client, plan
):
    data = goal_form(
        plan,
        baseline={"value": "60", "period_label": "2017"},
        targets=[{"year": "2016", "value": "63"}],
    )
    response = admin_client.post(ADD_URL, data)
    assert "Målsætningen kan ikke ligge før udgangspunktets år (2017)." in errors_of(
        response
    )
    assert not plan.goals.exists()
    assert not Target.objects.filter(goal__plan=plan).exists()


def test_duplicate_target_year_is_refused_and_nothing_saved(admin_client, plan):
    data = goal_form(
        plan,
        baseline={"value": "60", "period_label": "2017"},
        targets=[{"year": "2020", "value": "63"}, {"year": "2020", "value": "64"}],
    )
    response = admin_client.post(ADD_URL, data)
    assert "Der er to målsætninger for samme år." in errors_of(response)
    assert not plan.goals.exists()
    assert not Target.objects.filter(goal__plan=plan).exists()


def test_target_and_baseline_may_leave_out_when(admin_client, plan):
    data = goal_form(
        plan,
        baseline={"value": "36", "period_label": ""},
        targets=[{"year": "", "value": "47"}],
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context and errors_of(response)
    goal = plan.goals.get()
    assert (goal.baseline.value, goal.baseline.period_end) == (36, None)
    assert [(t.year, t.value) for t in goal.targets.all()] == [(None, 47)]

    targets = admin_client.get(reverse("admin:goals_target_changelist"))
    assert "uden årstal" in targets.content.decode()
    baselines = admin_client.get(reverse("admin:goals_baseline_changelist"))
    assert "ikke angivet" in baselines.content.decode()


def test_two_targets_without_a_year_are_refused(admin_client, plan):
    data = goal_form(
        plan, targets=[{"year": "", "value": "47"}, {"year": "", "value": "48"}]
    )
    response = admin_client.post(ADD_URL, data)
    assert "Der kan kun være én målsætning uden årstal." in errors_of(response)
    assert not plan.goals.exists()


def test_unreadable_period_is_an_error_on_the_field(admin_client, plan):
    data = goal_form(
        plan, measurements=[{"period_label": "sidste forår", "value": "50"}]
    )
    response = admin_client.post(ADD_URL, data)
    assert "Perioden “sidste forår” kan ikke læses" in errors_of(response)
    assert not plan.goals.exists()


def test_two_measurements_for_the_same_period_are_refused(admin_client, plan):
    data = goal_form(
        plan,
        measurements=[
            {"period_label": "1. halvår 2019", "value": "50"},
            {"period_label": "jan.-jun. 2019", "value": "51"},
        ],
    )
    response = admin_client.post(ADD_URL, data)
    assert "To målinger dækker samme periode." in errors_of(response)
    assert not Measurement.objects.filter(goal__plan=plan).exists()


# Changing a goal -------------------------------------------------------------------


def existing_rows(goal):
    baseline = goal.baseline
    return {
        "baseline": {
            "id": baseline.pk,
            "value": str(baseline.value),
            "period_label": baseline.period_label,
            "n": baseline.n or "",
        },
        "targets": [
            {"id": t.pk, "year": t.year, "value": str(t.value)}
            for t in goal.targets.all()
        ],
        "measurements": [
            {"id": m.pk, "period_label": m.period_label, "value": str(m.value)}
            for m in goal.measurements.all()
        ],
    }


def test_moving_the_baseline_past_a_saved_target_is_refused(admin_client, mastery):
    rows = existing_rows(mastery)
    rows["baseline"]["period_label"] = "2021"
    response = admin_client.post(
        change_url(mastery), goal_form(mastery.plan, mastery, **rows)
    )
    assert "Målsætningen kan ikke ligge før udgangspunktets år (2021)." in errors_of(
        response
    )
    mastery.baseline.refresh_from_db()
    assert mastery.baseline.period_label == "2017"


def test_moving_the_baseline_back_allows_an_earlier_target_in_the_same_form(
    admin_client, mastery
):
    rows = existing_rows(mastery)
    rows["baseline"]["period_label"] = "2015"
    rows["targets"].append({"year": "2016", "value": "61"})
    response = admin_client.post(
        change_url(mastery), goal_form(mastery.plan, mastery, **rows)
    )
    assert response.status_code == 302, errors_of(response)
    assert sorted(mastery.targets.values_list("year", flat=True)) == [2016, 2020]


def test_deleting_the_early_target_while_moving_the_baseline_is_allowed(
    admin_client, plan
):
    goal = add_goal(plan, "g", baseline=(60, "2015"), targets=[(2016, 61), (2020, 63)])
    rows = existing_rows(goal)
    rows["baseline"]["period_label"] = "2017"
    rows["targets"][0]["DELETE"] = "on"
    response = admin_client.post(change_url(goal), goal_form(plan, goal, **rows))
    assert response.status_code == 302, errors_of(response)
    assert list(goal.targets.values_list("year", flat=True)) == [2020]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_target_beyond_the_plan_is_warned_about_once_when_it_is_made(
    admin_client, homeless
):
    rows = existing_rows(homeless)
    rows["targets"].append({"year": "2023", "value": "70"})
    response = admin_client.post(
        change_url(homeless), goal_form(homeless.plan, homeless, **rows), follow=True
    )
    assert any(
        "Målsætningen for 2023 ligger efter planperioden 2019–2020" in m
        for m in messages_of(response)
    )
    # Saved again, unchanged, or with another field changed: no warning.
    rows = existing_rows(homeless)
    response = admin_client.post(
        change_url(homeless),
        goal_form(homeless.plan, homeless, title="Ny titel", **rows),
        follow=True,
    )
    assert response.redirect_chain, errors_of(response)
    assert not any("planperioden" in m for m in messages_of(response))


def test_change_page_shows_progress_and_the_target_beyond_the_plan(
    admin_client, homeless
):
    response = admin_client.get(change_url(homeless))
    content = response.content.decode()
    assert "Efter planperioden (2019–2020)" in content
    assert "Målsætning for 2022 ligger efter planperioden 2019–2020" in content
    assert "Seneste resultat" in content


# The list: status filter and query count -------------------------------------------


def make_goals(plan, count):
    """``count`` goals of each status."""
    goals = {"achieved": [], "on_track": [], "behind": [], "no_data": []}
    for n in range(count):
        goals["achieved"].append(
            add_goal(
                plan,
                f"a{n}",
                baseline=(60, "2017"),
                targets=[(2020, 63)],
                measurements=[("2019", 64)],
            )
        )
        goals["on_track"].append(
            add_goal(
                plan,
                f"o{n}",
                baseline=(60, "2017"),
                targets=[(2020, 63)],
                measurements=[("2019", 62.5)],
            )
        )
        goals["behind"].append(
            add_goal(
                plan,
                f"b{n}",
                baseline=(60, "2017"),
                targets=[(2020, 63)],
                measurements=[("2019", 60)],
            )
        )
        goals["no_data"].append(
            add_goal(plan, f"n{n}", baseline=(60, "2017"), targets=[(2020, 63)])
        )
    return goals


@pytest.mark.parametrize("status", ["achieved", "on_track", "behind", "no_data"])
def test_status_filter_computes_status(admin_client, plan, status):
    goals = make_goals(plan, 2)
    response = admin_client.get(
        reverse("admin:goals_goal_changelist"),
        {"status": status, "plan__id__exact": plan.pk},
    )
    shown = {goal.pk for goal in response.context["cl"].result_list}
    assert shown == {goal.pk for goal in goals[status]}


def test_unknown_status_filter_value_shows_everything(admin_client, plan):
    make_goals(plan, 1)
    response = admin_client.get(reverse("admin:goals_goal_changelist"), {"status": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 5])
def test_changelist_with_status_filter_costs_a_fixed_number_of_queries(
    admin_client, plan, count, django_assert_num_queries
):
    make_goals(plan, count)
    url = reverse("admin:goals_goal_changelist")
    params = {"status": "behind", "plan__id__exact": plan.pk}
    admin_client.get(url, params)  # warm caches (session, content types)
    with django_assert_num_queries(QUERIES_FOR_FILTERED_LIST):
        response = admin_client.get(url, params)
    assert len(response.context["cl"].result_list) == count


# Measured once (the stored status is filtered by the database; the two-factor
# device and the session's timeout are read too); the same at
# both sizes is what the test asserts.
QUERIES_FOR_FILTERED_LIST = 12


def test_theme_filter_and_export_action_are_offered(admin_client, plan):
    theme = GoalThemeFactory(name="Sundhed")
    add_goal(plan, "s", theme=theme)
    response = admin_client.get(reverse("admin:goals_goal_changelist"))
    content = response.content.decode()
    assert "Sundhed" in content
    assert "export_admin_action" in content


def test_export_action_exports_the_selected_goals(
    admin_client, plan, homeless, mastery
):
    changelist = reverse("admin:goals_goal_changelist")
    page = admin_client.post(
        changelist,
        {"action": "export_admin_action", "_selected_action": [homeless.pk]},
    )
    assert page.status_code == 200
    form = page.context["form"]
    data = {
        name: "on"
        for name, field in form.fields.items()
        if name.startswith("goalresource_")
    }
    data.update({"format": "0", "resource": "0", "export_items": [homeless.pk]})
    response = admin_client.post(reverse("admin:goals_goal_export"), data)
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert f"{plan.slug};hjemloese;Færre borgere skal være hjemløse" in text
    assert "personlig-mestring" not in text
