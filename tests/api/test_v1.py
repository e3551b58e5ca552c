"""Methods and goals as JSON (/api/v1/): every page and item validates against
the OpenAPI schema the code generates (/api/schema/), and only what the public
pages show is there."""

import pytest
from jsonschema import Draft202012Validator

from goals.models import Goal
from methods.models import Method
from services.models import Offer
from tests.factories import (
    BaselineFactory,
    MeasurementFactory,
    MethodFactory,
    OfferFactory,
    TargetFactory,
)

pytestmark = pytest.mark.usefixtures("seed")

PER_PAGE = 7


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return response.json()


def validator(schema, path):
    """A validator for the 200 answer of GET ``path`` in the schema (OpenAPI
    3.1: its schemas are JSON Schema 2020-12)."""
    answer = schema["paths"][path]["get"]["responses"]["200"]["content"]
    return Draft202012Validator(
        {**answer["application/json"]["schema"], "components": schema["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def assert_valid(check, data, where):
    errors = list(check.iter_errors(data))
    assert not errors, f"{where}: {[(list(e.path), e.message) for e in errors[:5]]}"


def walk(client, schema, path):
    check, items, number = validator(schema, path), [], 1
    while True:
        response = client.get(path, {"page": number, "per_page": PER_PAGE})
        assert response.status_code == 200, response.content
        body = response.json()
        assert_valid(check, body, f"{path} page {number}")
        items += body["results"]
        if body["next"] is None:
            assert body["count"] == len(items)
            return items
        number += 1


def test_every_method_on_every_page_and_each_method_match_the_schema(client, schema):
    methods = walk(client, schema, "/api/v1/methods")
    check = validator(schema, "/api/v1/methods/{slug}")

    assert {m["slug"] for m in methods} == set(
        Method.objects.visible_to(None).values_list("slug", flat=True)
    )
    for entry in methods:
        body = client.get(f"/api/v1/methods/{entry['slug']}").json()
        assert_valid(check, body, entry["slug"])
        assert len(body["knowledge_declaration"]) == 5


def test_every_goal_on_every_page_and_each_goal_match_the_schema(client, schema):
    goals = walk(client, schema, "/api/v1/goals")
    check = validator(schema, "/api/v1/goals/{plan}/{code}")

    assert len(goals) == Goal.objects.count()
    for entry in goals:
        body = client.get(f"/api/v1/goals/{entry['plan']}/{entry['code']}").json()
        assert_valid(check, body, entry["code"])
        assert body["status"] == entry["status"]


def test_a_goal_carries_its_figures_and_computed_status(client):
    goal = BaselineFactory(value=60).goal
    TargetFactory(goal=goal, year=2020, value=70)
    MeasurementFactory(goal=goal, value=65)
    goal = Goal.objects.select_related("plan").get(pk=goal.pk)

    body = client.get(f"/api/v1/goals/{goal.plan.slug}/{goal.code}").json()

    assert body["plan"]["slug"] == goal.plan.slug
    assert body["baseline"]["value"] == float(goal.baseline.value)
    assert len(body["measurements"]) == goal.measurements.count()
    assert body["status"]["code"] == goal.progress.status.value != "no_data"
    assert body["targets"] == [{"year": 2020, "value": 70.0, "note": ""}]
    assert body["data_source"] == goal.data_source


def test_drafts_never_appear(client):
    method = MethodFactory(name="Kladdemetode Quokka", status="draft")
    offer = OfferFactory(name="Kladdetilbud Quokka", status="draft")
    public = Method.objects.visible_to(None).first()
    offer.methods.add(public)

    listed = client.get("/api/v1/methods", {"per_page": 200}).json()["results"]
    shown = client.get(f"/api/v1/methods/{public.slug}").json()

    assert method.slug not in {entry["slug"] for entry in listed}
    assert client.get(f"/api/v1/methods/{method.slug}").status_code == 404
    assert str(offer.uuid) not in {entry["id"] for entry in shown["offers"]}
    assert {entry["id"] for entry in shown["offers"]} <= {
        str(id) for id in Offer.objects.visible_to(None).values_list("uuid", flat=True)
    }


@pytest.mark.parametrize(
    "path", ["/api/v1/methods/findes-ikke", "/api/v1/goals/findes/ikke"]
)
def test_an_unknown_slug_is_a_404_in_json(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "query", [{"page": "x"}, {"per_page": "0"}, {"per_page": "9999"}]
)
def test_a_bad_parameter_is_a_400_in_json(client, query):
    response = client.get("/api/v1/methods", query)

    assert response.status_code == 400
    assert next(iter(query)) in response.json()


def test_the_readable_page_lists_the_endpoints(client):
    response = client.get("/api/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "/api/v1/methods/{slug}" in text and "/api/schema/" in text
