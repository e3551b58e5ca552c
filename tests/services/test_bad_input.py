"""Nothing typed into the offers list's address breaks it (cases shared with
the methods list)."""

import pytest

from services.models import Offer
from tests.factories import OfferFactory
from tests.methods.test_bad_input import (
    assert_answers_in_danish,
    assert_cases_cover_every_filter,
    assert_raw_query_survives,
    cases,
)

pytestmark = pytest.mark.django_db

FILTERS = ["kind", "target_group", "access", "legal_basis", "municipality"]


@pytest.fixture
def offers():
    return OfferFactory.create_batch(25)


def test_the_cases_cover_every_filter_of_the_offers_list(client):
    assert_cases_cover_every_filter(client, "/tilbud/", FILTERS)


@pytest.mark.parametrize("query_string", cases(FILTERS))
def test_the_offers_list_never_fails(client, offers, query_string):
    assert_answers_in_danish(client, "/tilbud/", query_string)


def test_raw_invalid_bytes_in_the_offers_list(client, offers):
    assert_raw_query_survives(client, "/tilbud/", FILTERS)


@pytest.mark.parametrize("path", ["/tilbud/%00/", "/tilbud/%ff%fe/", "/tilbud/a%00b/"])
def test_bad_offer_addresses_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_an_unknown_municipality_is_explained(client, offers):
    response = client.get("/tilbud/?municipality=does-not-exist&access=nej")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('class="form-error-message"') == 2
    assert (
        response.context["paginator"].count
        == Offer.objects.filter(status="published").count()
    )
