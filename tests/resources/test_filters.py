"""Filtering the library: text, kind, method, offer, source and year.

The test database holds the seed content too, so the resources here have titles
and slugs of their own, and results are read among them."""

import pytest

from tests.factories import (
    KnowledgeSourceFactory,
    MethodFactory,
    OfferFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


MINE = {
    "Ydelsesbeskrivelse for CTT",
    "Evaluering af Housing Testing",
    "Manual for CTT",
    "Intern testprocedure",
}


def titles(response):
    """The resources of this module the filtered list holds, on any page."""
    found = {r.title for r in response.context["paginator"].object_list}
    return found & MINE


@pytest.fixture
def library():
    socialstyrelsen = KnowledgeSourceFactory(name="Teststyrelsen", slug="t-styrelsen")
    vive = KnowledgeSourceFactory(name="Testcentret", slug="t-centret")
    cti = MethodFactory(name="Critical Time Testing", slug="t-ctt")
    MethodFactory(name="Testkladdemetode", slug="t-kladdemetode", status="draft")
    mestring = OfferFactory(name="Testvejledning", slug="t-vejledning")
    ydelse = ResourceFactory(
        title="Ydelsesbeskrivelse for CTT",
        kind="service_description",
        source=socialstyrelsen,
        year=2018,
        authors="Anne Andersen",
    )
    ydelse.methods.add(cti)
    ydelse.offers.add(mestring)
    ResourceFactory(
        title="Evaluering af Housing Testing", kind="report", source=vive, year=2013
    )
    manual = ResourceFactory(
        title="Manual for CTT", kind="manual", source=socialstyrelsen, year=2016
    )
    manual.methods.add(cti)
    ResourceFactory(
        title="Intern testprocedure", kind="guideline", year=1901, visibility="staff"
    )


def test_by_kind(client, library):
    assert titles(client.get("/materialer/?kind=manual&q=ctt")) == {"Manual for CTT"}


def test_by_method(client, library):
    assert titles(client.get("/materialer/?method=t-ctt")) == {
        "Manual for CTT",
        "Ydelsesbeskrivelse for CTT",
    }


def test_by_offer(client, library):
    assert titles(client.get("/materialer/?offer=t-vejledning")) == {
        "Ydelsesbeskrivelse for CTT"
    }


def test_by_source(client, library):
    assert titles(client.get("/materialer/?source=t-centret")) == {
        "Evaluering af Housing Testing"
    }


def test_by_year(client, library):
    assert titles(client.get("/materialer/?year=2016")) == {"Manual for CTT"}


def test_by_text_in_title_summary_authors_or_publisher(client, library):
    assert titles(client.get("/materialer/?q=andersen")) == {
        "Ydelsesbeskrivelse for CTT"
    }
    assert titles(client.get("/materialer/?q=housing+testing")) == {
        "Evaluering af Housing Testing"
    }


def test_filters_combine(client, library):
    response = client.get(
        "/materialer/?q=ctt&kind=service_description&method=t-ctt"
        "&offer=t-vejledning&source=t-styrelsen&year=2018"
    )
    assert titles(response) == {"Ydelsesbeskrivelse for CTT"}


def test_only_the_years_a_visitor_can_see_are_offered(client, library):
    form = client.get("/materialer/").context["filter"].form
    years = [value for value, _label in form.fields["year"].choices]
    assert {"2018", "2016", "2013"} <= set(years)
    assert "1901" not in years
    assert years[0] == ""  # "Alle"
    assert years[1:] == sorted(years[1:], reverse=True)  # newest first


def test_draft_methods_are_not_offered(client, library):
    form = client.get("/materialer/").context["filter"].form
    methods = [str(value) for value, _label in form.fields["method"].choices]
    assert "t-ctt" in methods
    assert "t-kladdemetode" not in methods


def test_a_year_that_is_not_a_year_is_explained(client, library):
    response = client.get("/materialer/?year=abc")
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert len(titles(response)) == 3  # the public ones


def test_the_year_of_a_staff_only_resource_is_not_a_way_to_see_it(client, library):
    response = client.get("/materialer/?year=1901")
    assert titles(response) == {
        "Evaluering af Housing Testing",
        "Manual for CTT",
        "Ydelsesbeskrivelse for CTT",
    }
