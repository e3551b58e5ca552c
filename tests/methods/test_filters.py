"""Filtering the methods list: every filter alone and together, all in the URL.

The test database holds the seed content too, so the methods here have names
and slugs of their own, and results are read among them."""

import pytest

from services.models import OfferMethod
from tests.factories import (
    MethodCategoryFactory,
    MethodFactory,
    OfferFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db


MINE = {
    "Critical Time Testing",
    "Intensive Case Testing",
    "Assertive Community Testing",
    "Den motiverende testsamtale",
}


def names(response):
    """The methods of this module that the filtered list holds, on any page."""
    found = {method.name for method in response.context["paginator"].object_list}
    return sorted(found & MINE)


@pytest.fixture
def methods():
    bostoette = MethodCategoryFactory(name="Testbostøtte", slug="t-bostoette")
    samtale = MethodCategoryFactory(name="Testsamtaler", slug="t-samtaler")
    hjemloese = TargetGroupFactory(name="Testhjemløse", slug="t-hjemloese")
    unge = TargetGroupFactory(name="Testunge", slug="t-unge")
    cti = MethodFactory(
        name="Critical Time Testing",
        abbreviation="CTT",
        category=bostoette,
        rating_effect="B",
        summary="Støtte i en kritisk testovergang.",
    )
    icm = MethodFactory(
        name="Intensive Case Testing", abbreviation="ICT", category=bostoette
    )
    act = MethodFactory(
        name="Assertive Community Testing",
        abbreviation="ACX",
        category=bostoette,
        rating_effect="A",
    )
    mi = MethodFactory(
        name="Den motiverende testsamtale", abbreviation="MTS", category=samtale
    )
    cti.target_groups.add(hjemloese, unge)
    icm.target_groups.add(hjemloese)
    mi.target_groups.add(unge)
    mestring = OfferFactory(name="Testvejledning", slug="t-vejledning")
    rusmiddel = OfferFactory(name="Testcenter", slug="t-center")
    for method in (cti, icm, mi):
        OfferMethod.objects.create(offer=mestring, method=method)
    OfferMethod.objects.create(offer=rusmiddel, method=act)
    OfferFactory(name="Testkladde", slug="t-kladde", status="draft")
    return {"cti": cti, "icm": icm, "act": act, "mi": mi}


def test_by_category(client, methods):
    response = client.get("/metoder/?category=t-bostoette")
    assert names(response) == [
        "Assertive Community Testing",
        "Critical Time Testing",
        "Intensive Case Testing",
    ]


def test_by_category_and_offer(client, methods):
    response = client.get("/metoder/?category=t-bostoette&offer=t-vejledning")
    assert names(response) == [
        "Critical Time Testing",
        "Intensive Case Testing",
    ]


def test_by_evidence_level(client, methods):
    assert names(client.get("/metoder/?evidence=B")) == ["Critical Time Testing"]


def test_not_rated_finds_methods_without_an_effect_rating(client, methods):
    assert names(client.get("/metoder/?evidence=none")) == [
        "Den motiverende testsamtale",
        "Intensive Case Testing",
    ]


def test_by_target_group(client, methods):
    assert names(client.get("/metoder/?target_group=t-unge")) == [
        "Critical Time Testing",
        "Den motiverende testsamtale",
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ctt", ["Critical Time Testing"]),
        ("KRITISK testovergang", ["Critical Time Testing"]),
        ("case testing", ["Intensive Case Testing"]),
        ("testsamtale mts", ["Den motiverende testsamtale"]),
        ("findes ikke", []),
    ],
)
def test_by_text(client, methods, query, found):
    assert names(client.get("/metoder/", {"q": query})) == found


def test_all_filters_together(client, methods):
    response = client.get(
        "/metoder/?q=testovergang&category=t-bostoette&evidence=B"
        "&offer=t-vejledning&target_group=t-hjemloese"
    )
    assert names(response) == ["Critical Time Testing"]


def test_the_form_shows_the_chosen_filters(client, methods):
    text = client.get(
        "/metoder/?category=t-bostoette&offer=t-vejledning"
    ).content.decode()
    assert '<option value="t-bostoette" selected>Testbostøtte</option>' in text
    assert '<option value="t-vejledning" selected>' in text
    assert 'method="get"' in text


def test_draft_offers_are_not_offered_as_a_filter(client, methods):
    response = client.get("/metoder/?offer=t-kladde")
    assert response.status_code == 200
    assert "t-kladde" not in [
        value
        for value, _label in response.context["filter"].form.fields["offer"].choices
    ]
    assert "Marker en gyldig valgmulighed" in response.content.decode()


def test_nothing_found_says_so_with_a_way_back(client, methods):
    text = client.get("/metoder/?q=findes+ikke+nogen+steder").content.decode()
    assert "Ingen metoder passer til det, du har valgt." in text
    assert 'href="/metoder/"' in text
