"""Nothing typed into the library's or the knowledge sources' addresses breaks
them (cases shared with the methods list)."""

import pytest

from tests.factories import KnowledgeSourceFactory, ResourceFactory
from tests.methods.test_bad_input import (
    assert_answers_in_danish,
    assert_cases_cover_every_filter,
    assert_raw_query_survives,
    cases,
)

pytestmark = pytest.mark.django_db

RESOURCE_FILTERS = ["kind", "method", "offer", "source", "year"]
SOURCE_FILTERS = ["kind"]


@pytest.fixture
def library():
    ResourceFactory.create_batch(25)
    KnowledgeSourceFactory.create_batch(25)


def test_the_cases_cover_every_filter_of_both_lists(client):
    assert_cases_cover_every_filter(client, "/materialer/", RESOURCE_FILTERS)
    assert_cases_cover_every_filter(client, "/videnskilder/", SOURCE_FILTERS)


@pytest.mark.parametrize("query_string", cases(RESOURCE_FILTERS))
def test_the_library_never_fails(client, library, query_string):
    assert_answers_in_danish(client, "/materialer/", query_string)


@pytest.mark.parametrize("query_string", cases(SOURCE_FILTERS))
def test_the_knowledge_sources_never_fail(client, library, query_string):
    assert_answers_in_danish(client, "/videnskilder/", query_string)


def test_raw_invalid_bytes(client, library):
    assert_raw_query_survives(client, "/materialer/", RESOURCE_FILTERS)
    assert_raw_query_survives(client, "/videnskilder/", SOURCE_FILTERS)


@pytest.mark.parametrize(
    "path",
    [
        "/materialer/%00/",
        "/materialer/%ff%fe/",
        "/materialer/%00/hent/",
        "/materialer/..%2f..%2fetc%2fpasswd/hent/",
        "/videnskilder/%00/",
        "/videnskilder/%ff/",
    ],
)
def test_bad_addresses_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_year_far_out_of_range_is_explained(client, library):
    response = client.get("/materialer/?year=99999999999999999999")
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
