"""Nothing typed into the plans list's address breaks it (cases shared with the
methods list)."""

import pytest

from goals.models import Plan
from tests.methods.test_bad_input import (
    assert_answers_in_danish,
    assert_cases_cover_every_filter,
    assert_raw_query_survives,
    cases,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

FILTERS = ["kind", "owner"]


def test_the_cases_cover_every_filter_of_the_plans_list(client):
    assert_cases_cover_every_filter(client, "/planer/", FILTERS)


@pytest.mark.parametrize("query_string", cases(FILTERS))
def test_the_plans_list_never_fails(client, query_string):
    assert_answers_in_danish(client, "/planer/", query_string)


def test_raw_invalid_bytes_in_the_plans_list(client):
    assert_raw_query_survives(client, "/planer/", FILTERS)


def test_an_unknown_owner_is_explained_and_ignored(client):
    response = client.get("/planer/?owner=does-not-exist")
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.text
    assert response.context["paginator"].count == Plan.objects.count()
