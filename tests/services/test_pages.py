"""The offers list and the offer page: the citizen's part first, then staff's.

The test database holds the seed content too, so names here are the tests' own."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from services.models import KeyFigure, OfferMethod, OpeningHours
from tests.factories import (
    LegalBasisFactory,
    LocationFactory,
    MethodFactory,
    OfferFactory,
    OfferKindFactory,
    OrganisationFactory,
    ResourceFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def perron(db):
    basis = LegalBasisFactory(
        code="TEST § 104",
        title="Aktivitets- og samværstilbud",
        explanation="Værested og aktiviteter, hvor du kan være sammen med andre.",
        url="https://example.org/sel-104",
    )
    municipality = OrganisationFactory(name="Testkommune", kind="municipality")
    centre = OrganisationFactory(
        name="Testcenter for Særlig Social Indsats", parent=municipality
    )
    offer = OfferFactory(
        name="Testperron",
        slug="t-perron",
        kind=OfferKindFactory(name="Testværested"),
        owner=centre,
        legal_basis=basis,
        summary="Et værested, hvor du bare kan komme.",
        target_group="Udsatte borgere.",
        access="walk_in",
        how_to_apply="Du kan bare komme.",
        phone="+45 89 15 17 00",
        email="perron4@example.org",
        capacity=15,
        capacity_unit="boliger",
        capacity_counted_on=datetime.date(2018, 10, 1),
        last_verified_on=datetime.date(2024, 3, 1),
        min_age=18,
    )
    offer.target_groups.add(TargetGroupFactory(name="Testhjemløse"))
    location = LocationFactory(
        offer=offer, name="Værestedet", street="Jernbanegade 4", postcode="8900"
    )
    for weekday in range(5):
        OpeningHours.objects.create(
            location=location,
            weekday=weekday,
            opens=datetime.time(8),
            closes=datetime.time(14, 30),
        )
    KeyFigure.objects.create(
        offer=offer, year=2019, budget=2331443, citizens_served=1250
    )
    return offer


def freeze(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_the_list_shows_published_offers_with_how_to_get_in(client, perron):
    OfferFactory(name="Testperron kladde", status="draft")
    text = client.get("/tilbud/?q=testperron").content.decode()
    assert "Testperron" in text
    assert "Du kan bare møde op" in text
    assert "Jernbanegade 4, 8900 Randers" in text
    assert "Testperron kladde" not in text


def test_a_draft_offer_has_no_page(client):
    OfferFactory(slug="kladde", status="draft")
    assert client.get("/tilbud/kladde/").status_code == 404


def test_the_citizen_finds_what_where_and_how(client, perron, monkeypatch):
    # A Wednesday at 10 in Copenhagen (09:00 UTC in winter).
    freeze(monkeypatch, datetime.datetime(2025, 1, 15, 9, 0, tzinfo=datetime.UTC))
    text = client.get("/tilbud/t-perron/").content.decode()
    assert "Et værested, hvor du bare kan komme." in text
    assert "Udsatte borgere." in text
    assert "Tilbuddet er for dig, der er 18 år eller ældre." in text
    assert "Du kan bare møde op" in text
    assert "Jernbanegade 4" in text
    assert "8900 Randers" in text
    assert "https://www.openstreetmap.org/search?query=Jernbanegade+4" in text
    assert "Mandag–fredag" in text and "8.00–14.30" in text
    assert 'class="open-now' in text
    assert "Åbent nu – lukker kl. 14.30" in text
    assert 'href="tel:+4589151700"' in text
    assert 'href="mailto:perron4@example.org"' in text
    assert "Oplysningerne er senest bekræftet 1. marts 2024." in text


def test_closed_now_says_when_it_opens(client, perron, monkeypatch):
    # Saturday noon in Copenhagen.
    freeze(monkeypatch, datetime.datetime(2025, 1, 18, 12, 0, tzinfo=COPENHAGEN))
    text = client.get("/tilbud/t-perron/").content.decode()
    assert 'class="closed-now' in text
    assert "Lukket nu – åbner mandag kl. 8.00" in text


def test_staff_find_the_legal_basis_capacity_methods_and_figures(client, perron):
    method = MethodFactory(name="Lær at teste")
    OfferMethod.objects.create(offer=perron, method=method, note="To gange om året.")
    sub_offer = OfferFactory(name="Sygeplejeklinikken", parent=perron)
    text = client.get("/tilbud/t-perron/").content.decode()
    staff_part = text[text.index("For fagpersoner") :]
    assert 'class="staff-section no-print"' in text
    assert "TEST § 104" in staff_part
    assert "Værested og aktiviteter, hvor du kan være sammen med andre." in staff_part
    assert "15&nbsp;boliger (opgjort 1. oktober 2018)" in staff_part
    assert "Testcenter for Særlig Social Indsats, Testkommune" in staff_part
    assert f'href="{method.get_absolute_url()}"' in staff_part
    assert "To gange om året." in staff_part
    assert f'href="{sub_offer.get_absolute_url()}"' in staff_part
    assert "2.331.443\xa0kr." in staff_part
    assert "1.250" in staff_part


def test_unknowns_are_said_plainly(client):
    offer = OfferFactory(access="referred")
    location = LocationFactory(offer=offer)
    assert not location.opening_hours.exists()
    text = client.get(offer.get_absolute_url()).content.decode()
    assert "Kræver visitation" in text
    assert "Åbningstider er ikke oplyst." in text
    # No phone or e-mail anywhere up the chain: said once, plainly.
    assert "Vi mangler kontaktoplysninger på tilbuddet" in text
    assert "Oplysningerne er ikke bekræftet." in text
    assert "Der er ingen nøgletal for tilbuddet." in text


def test_an_offer_without_an_address_says_so(client):
    offer = OfferFactory()
    text = client.get(offer.get_absolute_url()).content.decode()
    assert "Adressen er ikke oplyst." in text


def test_draft_methods_and_sub_offers_are_not_shown(client, perron):
    OfferMethod.objects.create(
        offer=perron, method=MethodFactory(name="Kladdemetode", status="draft")
    )
    OfferFactory(name="Kladdeunderafdeling", parent=perron, status="draft")
    text = client.get("/tilbud/t-perron/").content.decode()
    assert "Kladdemetode" not in text
    assert "Kladdeunderafdeling" not in text


def test_a_draft_parent_is_not_linked(client):
    parent = OfferFactory(name="Kladdeforælder", status="draft")
    child = OfferFactory(parent=parent)
    assert "Kladdeforælder" not in client.get(child.get_absolute_url()).content.decode()


def test_resources_follow_the_visibility_rule(client, django_user_model, perron):
    for title, visibility in (
        ("Ydelsesbeskrivelse for Testperron", "public"),
        ("Intern procedure", "staff"),
        ("Kladde", "draft"),
    ):
        ResourceFactory(title=title, visibility=visibility).offers.add(perron)
    visitor = client.get("/tilbud/t-perron/").content.decode()
    assert "Ydelsesbeskrivelse for Testperron" in visitor
    assert "Intern procedure" not in visitor
    assert ">Kladde<" not in visitor
    client.force_login(
        django_user_model.objects.create_user(
            "medarbejder", password="x", is_staff=True
        )
    )
    staff = client.get("/tilbud/t-perron/").content.decode()
    assert "Intern procedure" in staff
    assert "Kun for medarbejdere" in staff
    assert ">Kladde<" not in staff


def test_staff_sections_are_left_out_of_the_printed_card(client, perron):
    text = client.get("/tilbud/t-perron/").content.decode()
    assert 'class="staff-section no-print"' in text
    # The citizen's part carries no no-print class on its sections.
    citizen_part = text[: text.index("For fagpersoner")]
    assert 'aria-labelledby="where-heading"' in citizen_part
    assert '<section class="no-print" aria-labelledby="where-heading"' not in text
