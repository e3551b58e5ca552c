"""Hostile input in the goal's admin form and its inlines (overlong values,
control characters, NUL bytes, wrong types): a form error or a clean save,
never a server error, and a refused form changes nothing."""

import pytest

from tests.security.test_hostile_input import HOSTILE_VALUES

from .test_admin import change_url, existing_rows, goal_form

pytestmark = pytest.mark.django_db

FIELDS = [
    "title",
    "code",
    "baseline value",
    "baseline n",
    "target year",
    "target value",
    "measurement period",
    "measurement value",
]


def hostile_form(goal, field, value):
    rows = existing_rows(goal)
    extra = {}
    if field in {"title", "code"}:
        extra[field] = value
    elif field.startswith("baseline"):
        rows["baseline"][field.split()[1]] = value
    elif field.startswith("target"):
        rows["targets"][0][field.split()[1]] = value
    else:
        key = "period_label" if field.endswith("period") else "value"
        rows["measurements"][0][key] = value
    return goal_form(goal.plan, goal, **rows, **extra)


def snapshot(goal):
    goal.refresh_from_db()
    return (
        goal.title,
        goal.code,
        [(t.year, t.value) for t in goal.targets.all()],
        [(m.period_label, m.value) for m in goal.measurements.all()],
        (goal.baseline.value, goal.baseline.n),
    )


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_hostile_input_in_the_goal_admin_is_never_a_server_error(
    admin_client, mastery, field, value
):
    before = snapshot(mastery)
    data = hostile_form(mastery, field, value)
    response = admin_client.post(change_url(mastery), data)
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert response.context["errors"], "a refused form says why"
        assert snapshot(mastery) == before
