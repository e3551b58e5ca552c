"""Filtering the offers list: kind, target group, access, legal basis and the
municipality, whose tree of organisations owns the offers.

The test database holds the seed content too, so the offers here have names and
slugs of their own, and results are read among them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import SiteContact
from tests.factories import (
    LegalBasisFactory,
    OfferFactory,
    OfferKindFactory,
    OrganisationFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db


MINE = {
    "Testperron",
    "Testvejledning",
    "Testkommunens eget",
    "Teamets tilbud",
    "Testhøj",
    "Testkladde",
}


def names(response):
    """The offers of this module that the filtered list holds, on any page."""
    found = {offer.name for offer in response.context["paginator"].object_list}
    return found & MINE


@pytest.fixture
def offers():
    randers = OrganisationFactory(
        name="Testkommune", slug="t-kommune", kind="municipality"
    )
    centre = OrganisationFactory(name="Testcenter", parent=randers)
    department = OrganisationFactory(
        name="Testafdeling", parent=centre, kind="department"
    )
    unit = OrganisationFactory(name="Testteam", parent=department, kind="department")
    viborg = OrganisationFactory(
        name="Anden testkommune", slug="t-anden-kommune", kind="municipality"
    )
    viborg_centre = OrganisationFactory(name="Andet testcenter", parent=viborg)
    vaerested = OfferKindFactory(name="Testværested", slug="t-vaerested")
    bostoette = OfferKindFactory(name="Testbostøtte", slug="t-bostoette")
    sel_104 = LegalBasisFactory(code="TEST § 104")
    sel_85 = LegalBasisFactory(code="TEST § 85")
    abl_105 = LegalBasisFactory(code="TEST § 105")
    hjemloese = TargetGroupFactory(name="Testhjemløse", slug="t-hjemloese")

    perron = OfferFactory(
        name="Testperron",
        kind=vaerested,
        owner=department,
        legal_basis=sel_104,
        access="walk_in",
    )
    perron.other_legal_bases.add(abl_105, sel_85)
    perron.target_groups.add(hjemloese)
    OfferFactory(
        name="Testvejledning",
        kind=bostoette,
        owner=centre,
        legal_basis=sel_85,
        access="referred",
    ).target_groups.add(hjemloese)
    OfferFactory(name="Testkommunens eget", kind=bostoette, owner=randers)
    OfferFactory(name="Teamets tilbud", kind=bostoette, owner=unit, access="both")
    OfferFactory(
        name="Testhøj", kind=vaerested, owner=viborg_centre, legal_basis=sel_104
    )
    OfferFactory(name="Testkladde", owner=centre, status="draft")


def test_by_kind(client, offers):
    assert names(client.get("/tilbud/?kind=t-vaerested")) == {"Testperron", "Testhøj"}


def test_by_target_group(client, offers):
    assert names(client.get("/tilbud/?target_group=t-hjemloese")) == {
        "Testvejledning",
        "Testperron",
    }


def test_by_access(client, offers):
    # An offer open both ways is one you can walk into, and one you can be
    # referred to.
    assert names(client.get("/tilbud/?access=walk_in")) == {
        "Testperron",
        "Teamets tilbud",
    }
    assert names(client.get("/tilbud/?access=both")) == {"Teamets tilbud"}


def test_by_legal_basis_primary_or_other_counted_once(client, offers):
    # Testperron has it among its other bases; Testvejledning as its primary.
    response = client.get("/tilbud/?legal_basis=test-85")
    assert names(response) == {"Testvejledning", "Testperron"}
    assert response.context["paginator"].count == 2


def test_by_municipality_covers_the_whole_tree(client, offers):
    assert names(client.get("/tilbud/?municipality=t-kommune")) == {
        "Testvejledning",
        "Testperron",
        "Testkommunens eget",
        "Teamets tilbud",
    }
    assert names(client.get("/tilbud/?municipality=t-anden-kommune")) == {"Testhøj"}


def test_only_municipalities_can_be_chosen(client, offers):
    response = client.get("/tilbud/")
    choices = [
        label
        for _value, label in response.context["filter"]
        .form.fields["municipality"]
        .choices
    ]
    assert {"Testkommune", "Anden testkommune"} <= set(choices)
    assert "Testcenter" not in choices
    assert "Testafdeling" not in choices


def test_filters_combine(client, offers):
    response = client.get(
        "/tilbud/?municipality=t-kommune&kind=t-vaerested&access=walk_in"
        "&legal_basis=test-105&target_group=t-hjemloese&q=testperron"
    )
    assert names(response) == {"Testperron"}


def test_drafts_are_never_found(client, offers):
    assert "Testkladde" not in names(client.get("/tilbud/?q=testkladde"))


def organisation_chain(municipality, depth):
    """``depth`` organisations, each under the one before, below ``municipality``."""
    node = municipality
    for level in range(1, depth + 1):
        node = OrganisationFactory(
            name=f"{municipality.name} niveau {level}", parent=node, kind="department"
        )
    return node


def test_by_municipality_finds_an_offer_five_levels_down(client):
    municipality = OrganisationFactory(
        name="Dybkommune", slug="t-dybkommune", kind="municipality"
    )
    deepest = organisation_chain(municipality, 5)
    OfferFactory(name="Testperron", owner=deepest)
    other = OrganisationFactory(name="Nabokommune", slug="t-nabo", kind="municipality")
    OfferFactory(name="Testhøj", owner=organisation_chain(other, 5))

    assert names(client.get("/tilbud/?municipality=t-dybkommune")) == {"Testperron"}
    assert names(client.get("/tilbud/?municipality=t-nabo")) == {"Testhøj"}
    # The offer's page and the filter follow one rule.
    assert deepest.municipality() == municipality


def test_the_municipality_filter_costs_the_same_at_any_depth(client):
    def queries_for(depth):
        municipality = OrganisationFactory(kind="municipality")
        OfferFactory(owner=organisation_chain(municipality, depth))
        url = f"/tilbud/?municipality={municipality.slug}"
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    SiteContact.current()  # the footer's, read once and then cached
    assert queries_for(1) == queries_for(6)
