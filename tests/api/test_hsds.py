"""The offers as Open Referral HSDS 3.0 (/api/hsds/): every page of every list
and every item, checked against the official schemas, and what never shows."""

import uuid

import pytest

from methods.models import TargetGroup
from services.models import Location, Offer, Organisation
from tests.factories import LocationFactory, OfferFactory

from . import schemas

pytestmark = pytest.mark.usefixtures("seed")

# Small pages, so the walks cross several of them.
PER_PAGE = 7


def walk(client, path, item_schema, **query):
    """Every item of a list, page by page, each page and item checked."""
    items, number = [], 1
    while True:
        response = client.get(path, {"page": number, "per_page": PER_PAGE, **query})
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == "application/json"
        body = response.json()
        schemas.assert_valid(schemas.page(), body, f"{path} page {number}")
        for entry in body["contents"]:
            schemas.assert_valid(schemas.item(item_schema), entry, f"{path} item")
        assert body["page_number"] == number
        assert body["size"] == len(body["contents"])
        items += body["contents"]
        if body["last_page"]:
            assert body["total_items"] == len(items)
            assert body["total_pages"] == number
            return items
        assert len(body["contents"]) == PER_PAGE
        number += 1


def fetch(client, path, schema):
    response = client.get(path)
    assert response.status_code == 200, response.content
    body = response.json()
    schemas.assert_valid(schemas.item(schema), body, path)
    return body


def published_offer_ids():
    return {
        str(id) for id in Offer.objects.visible_to(None).values_list("uuid", flat=True)
    }


def test_the_index_says_version_and_openapi(client):
    body = client.get("/api/hsds/").json()

    assert body["version"] == "3.0"
    assert body["openapi_url"].startswith("https://")
    assert body["profile"].startswith("https://")


def test_every_service_on_every_page_is_valid_hsds_and_all_published_offers_are_there(
    client,
):
    services = walk(client, "/api/hsds/services", "service_list")

    assert len(services) == Offer.objects.visible_to(None).count()
    assert {service["id"] for service in services} == published_offer_ids()
    for service in services:
        full = fetch(client, f"/api/hsds/services/{service['id']}", "service")
        assert full["name"] == service["name"]


def test_a_full_service_carries_its_organisation_addresses_hours_and_terms(client):
    offer = (
        Offer.objects.visible_to(None)
        .filter(locations__opening_hours__isnull=False, target_groups__isnull=False)
        .distinct()
        .first()
    )
    assert offer is not None, "the seed has an offer with opening hours and groups"

    full = fetch(client, f"/api/hsds/services/{offer.uuid}", "service")

    assert full["organization"]["id"] == str(offer.owner.uuid)
    assert {place["id"] for place in full["service_at_locations"]} == {
        str(place.uuid) for place in offer.locations.all()
    }
    hours = [
        hours for place in offer.locations.all() for hours in place.opening_hours.all()
    ]
    assert {entry["id"] for entry in full["schedules"]} == {str(h.uuid) for h in hours}
    assert all(entry["freq"] == "WEEKLY" for entry in full["schedules"])
    term_ids = {attribute["taxonomy_term_id"] for attribute in full["attributes"]}
    assert str(offer.kind.uuid) in term_ids
    assert {str(group.uuid) for group in offer.target_groups.all()} <= term_ids
    assert full["application_process"].startswith(offer.get_access_display())


def test_every_organisation_is_valid_and_the_tree_is_kept(client):
    organisations = walk(client, "/api/hsds/organizations", "organization_list")

    assert len(organisations) == Organisation.objects.count()
    known = {entry["id"] for entry in organisations}
    parents = {entry.get("parent_organization_id") for entry in organisations} - {None}
    assert parents and parents <= known
    for entry in organisations:
        full = fetch(client, f"/api/hsds/organizations/{entry['id']}", "organization")
        assert {service["id"] for service in full.get("services", [])} <= (
            published_offer_ids()
        )


def test_every_service_at_a_location_is_valid(client):
    places = walk(client, "/api/hsds/service_at_locations", "service_at_location_list")

    public = Location.objects.filter(offer__in=Offer.objects.visible_to(None))
    assert {place["id"] for place in places} == {
        str(id) for id in public.values_list("uuid", flat=True)
    }
    for place in places:
        fetch(
            client,
            f"/api/hsds/service_at_locations/{place['id']}",
            "service_at_location",
        )


def test_every_taxonomy_and_term_is_valid(client):
    taxonomies = walk(client, "/api/hsds/taxonomies", "taxonomy")
    terms = walk(client, "/api/hsds/taxonomy_terms", "taxonomy_term")

    assert len(taxonomies) == 3
    assert {term["taxonomy_id"] for term in terms} == {tax["id"] for tax in taxonomies}
    assert {str(id) for id in TargetGroup.objects.values_list("uuid", flat=True)} <= {
        term["id"] for term in terms
    }
    for taxonomy in taxonomies:
        fetch(client, f"/api/hsds/taxonomies/{taxonomy['id']}", "taxonomy")
    for term in terms:
        fetch(client, f"/api/hsds/taxonomy_terms/{term['id']}", "taxonomy_term")


def test_a_draft_never_appears(client):
    draft = OfferFactory(name="Kladdetilbud Quokka", status="draft")
    place = LocationFactory(offer=draft)

    services = walk(client, "/api/hsds/services", "service_list")
    places = walk(client, "/api/hsds/service_at_locations", "service_at_location_list")
    found = client.get("/api/hsds/services", {"search": "Quokka"}).json()

    assert str(draft.uuid) not in {service["id"] for service in services}
    assert str(place.uuid) not in {entry["id"] for entry in places}
    assert found["total_items"] == 0
    assert client.get(f"/api/hsds/services/{draft.uuid}").status_code == 404
    assert client.get(f"/api/hsds/service_at_locations/{place.uuid}").status_code == 404


def test_filters_narrow_the_services(client):
    group = TargetGroup.objects.filter(offers__status="published").first()
    expected = {
        str(id)
        for id in Offer.objects.visible_to(None)
        .filter(target_groups=group)
        .values_list("uuid", flat=True)
    }
    offer = Offer.objects.visible_to(None).first()

    by_term = walk(
        client, "/api/hsds/services", "service_list", taxonomy_term_id=group.uuid
    )
    by_owner = walk(
        client, "/api/hsds/services", "service_list", organization_id=offer.owner.uuid
    )
    future = client.get("/api/hsds/services", {"modified_after": "2999-01-01"}).json()
    by_words = client.get("/api/hsds/services", {"search": offer.name}).json()

    assert {service["id"] for service in by_term} == expected
    assert by_owner and all(
        s["organization_id"] == str(offer.owner.uuid) for s in by_owner
    )
    assert future["total_items"] == 0 and future["empty"] is True
    assert str(offer.uuid) in {service["id"] for service in by_words["contents"]}


@pytest.mark.parametrize(
    "query",
    [
        {"page": "x"},
        {"page": "0"},
        {"per_page": "-3"},
        {"per_page": "100000"},
        {"taxonomy_term_id": "not-a-uuid"},
        {"organization_id": "42"},
        {"modified_after": "yesterday"},
        {"modified_after": "2024-13-45"},
    ],
)
def test_a_bad_parameter_is_a_400_with_a_message(client, query):
    response = client.get("/api/hsds/services", query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["parameter"] == next(iter(query)) and error["message"]


@pytest.mark.parametrize(
    "path",
    [
        "services",
        "organizations",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
    ],
)
@pytest.mark.parametrize("missing", [str(uuid.uuid4()), "nonsense", "1"])
def test_an_unknown_id_is_a_404_in_json(client, path, missing):
    response = client.get(f"/api/hsds/{path}/{missing}")

    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_database_ids_are_never_the_ids(client):
    offer = Offer.objects.visible_to(None).first()

    assert client.get(f"/api/hsds/services/{offer.pk}").status_code == 404
    assert client.get(f"/api/hsds/services/{offer.uuid}").status_code == 200
