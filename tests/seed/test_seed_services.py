"""The services seed (services/seed/*.yaml) carries the documents' facts exactly."""

import datetime
from decimal import Decimal

import pytest

from services.models import KeyFigure, Offer, OpeningHours, Organisation

# The seed content is loaded once per test session (tests/conftest.py); these
# tests only read it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def offer(slug):
    return Offer.objects.get(slug=slug)


def codes(related):
    return set(related.values_list("code", flat=True))


def slugs(related):
    return set(related.values_list("slug", flat=True))


def test_perron_4_is_an_unreferred_drop_in_under_sel_104():
    perron = offer("perron-4")
    assert perron.access == Offer.Access.WALK_IN
    assert perron.is_walk_in
    assert perron.legal_basis.code == "SEL § 104"
    assert codes(perron.other_legal_bases) == {"ABL § 105"}
    assert perron.capacity == 15
    assert perron.capacity_unit == "almennyttige boliger (ABL § 105)"


def test_hjoernestenen_has_18_places_at_soeren_moellers_gade_5_b():
    hjoernestenen = offer("hjoernestenen")
    assert hjoernestenen.capacity == 18
    assert hjoernestenen.capacity_unit == "pladser"
    assert hjoernestenen.operator == Offer.Operator.SELF_GOVERNING
    assert hjoernestenen.owner.slug == "kirkens-korshaers-institutionstilbud"
    [location] = hjoernestenen.locations.all()
    assert (location.street, location.city) == ("Søren Møllers Gade 5 B", "Randers")


def test_slotsgaarden_is_open_weekdays_8_to_14_30_and_closed_at_weekends():
    location = offer("slotsgaarden").locations.get(street="Slotsgården 5")
    hours = OpeningHours.objects.filter(location=location)
    monday = hours.get(weekday=OpeningHours.Weekday.MONDAY)
    assert (monday.opens, monday.closes) == (datetime.time(8, 0), datetime.time(14, 30))
    assert sorted(hours.values_list("weekday", flat=True)) == [0, 1, 2, 3, 4]
    assert not hours.filter(weekday=OpeningHours.Weekday.SATURDAY).exists()
    assert monday.is_open_at(datetime.datetime(2019, 3, 4, 14, 29))  # a Monday
    assert not monday.is_open_at(datetime.datetime(2019, 3, 4, 14, 30))


def test_ladegaarden_and_ladebo_are_self_governing_sel_85_homes():
    ladegaarden = offer("ladegaarden")
    assert ladegaarden.name == "Ladegården"
    assert ladegaarden.capacity == 19
    assert ladegaarden.legal_basis.code == "SEL § 85"
    assert codes(ladegaarden.other_legal_bases) == {"SEL § 107"}
    ladebo = offer("ladebo")
    assert ladebo.capacity == 6
    assert ladegaarden.owner == ladebo.owner
    assert {ladegaarden.operator, ladebo.operator} == {Offer.Operator.SELF_GOVERNING}


@pytest.mark.parametrize(
    ("slug", "budget"),
    [
        ("rusmiddelcenter-randers", 15205454),
        ("perron-4", 2331443),
        ("aabo", 3336896),
        ("blommevej", 2630491),
        ("mestringsvejledning", 2089375),
        ("opsoegende-indsats", 623111),
        ("hjoernestenen", 11964169),
        ("ladegaarden", 9051980),
    ],
)
def test_2019_budget_per_offer(slug, budget):
    figure = KeyFigure.objects.get(offer__slug=slug, year=2019)
    assert figure.budget == Decimal(budget)
    assert figure.source == "Aftale 2019-2020 for Center for Særlig Social Indsats"


def test_rusmiddelcenter_randers_has_its_treatment_parts():
    centre = offer("rusmiddelcenter-randers")
    parts = slugs(centre.sub_offers)
    assert {
        "individuel-behandling",
        "gruppebehandling",
        "ungeteamet",
        "medicinsk-behandling-rcr",
    } <= parts
    courses = slugs(offer("gruppebehandling").sub_offers)
    assert courses == {
        "basisforloebet",
        "motivationsgruppe",
        "kat-gruppe",
        "mindfulnessgruppe",
    }
    assert centre.access == Offer.Access.BOTH
    assert centre.legal_basis.code == "SL § 141"
    assert codes(centre.other_legal_bases) == {
        "SEL § 101",
        "SEL § 101a",
        "SEL § 107",
        "SEL § 110",
        "SL § 142",
    }


def test_ungeteamet_is_for_15_to_25_year_olds():
    ungeteamet = offer("ungeteamet")
    assert ungeteamet.parent.slug == "rusmiddelcenter-randers"
    assert (ungeteamet.min_age, ungeteamet.max_age) == (15, 25)


def test_haandholdt_indsats_is_for_15_to_21_and_reached_41_in_2018():
    unge = offer("haandholdt-indsats-til-saarbare-unge")
    assert (unge.min_age, unge.max_age) == (15, 21)
    assert unge.key_figures.get(year=2018).citizens_served == 41


def test_myndighed_sits_at_gammel_hadsundvej_1_and_uses_vum_smart_goals_and_mi():
    myndighed = offer("myndighed")
    [location] = myndighed.locations.all()
    # One spelling for the street the documents also write "Gl. Hadsundvej".
    assert str(location) == "Gammel Hadsundvej 1, 8900 Randers"
    assert slugs(myndighed.methods) == {"vum", "smart-maal", "mi"}


def test_methods_used_by_mestringsvejledning_and_perron_4():
    assert {"icm", "cti"} <= slugs(offer("mestringsvejledning").methods)
    assert slugs(offer("perron-4").methods) == {
        "laer-at-tackle",
        "de-smaa-skridts-metode",
    }


def test_offers_belong_to_the_right_municipality():
    viborg = ["krisecenter-viborg", "forsorgscenter-vibohoej", "rusmiddelcenter-viborg"]
    for slug in viborg:
        assert offer(slug).owner.municipality().slug == "viborg-kommune"
    assert offer("krisecenter-viborg").legal_basis.code == "SEL § 109"
    assert offer("forsorgscenter-vibohoej").legal_basis.code == "SEL § 110"
    for other in Offer.objects.exclude(owner__slug__startswith="viborg-"):
        assert other.owner.municipality().slug == "randers-kommune", other.slug
    centre = Organisation.objects.get(slug="center-for-saerlig-social-indsats")
    assert (centre.short_name, centre.parent.slug) == ("CSI", "randers-kommune")


def test_every_offer_has_a_summary():
    assert not Offer.objects.filter(summary="").exists()
