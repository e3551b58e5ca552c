"""Issue 13, items 3 and 4: “Akut hjælp” first, filters that mean what they
say, cards that can be told apart."""

import re

import pytest
from django.urls import reverse

from core.models import Publication
from services.models import Offer, UrgentHelp
from tests.factories import OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def main(html):
    return re.search(r"<main.*</main>", html, re.S)[0]


@pytest.mark.usefixtures("seed")
def test_home_shows_urgent_help_before_anything_else(client):
    html = main(client.get("/").text)
    urgent = html.index('class="urgent-help')
    assert urgent < html.index('class="hero-search')
    assert urgent < html.index('class="ways-in')
    for name in ("Hjørnestenen", "Ungeherberget", "Viborg Krisecenter"):
        assert name in html
    assert 'href="tel:112"' in html
    hjoernestenen = Offer.objects.get(slug="hjoernestenen")
    assert f'href="{hjoernestenen.get_absolute_url()}"' in html


@pytest.mark.usefixtures("seed")
def test_the_offer_list_shows_urgent_help_above_the_filters(client):
    html = main(client.get(reverse("services:index")).text)
    assert html.index('class="urgent-help') < html.index('class="filter-toggle')


def test_curators_order_and_hide_entries(client):
    UrgentHelp.objects.all().delete()
    UrgentHelp.objects.create(title="Anden", applies_when="b", order=2)
    UrgentHelp.objects.create(title="Første", applies_when="a", order=1)
    UrgentHelp.objects.create(
        title="Skjult kladde", applies_when="c", status=Publication.DRAFT
    )
    html = client.get("/").text
    assert html.index("Første") < html.index("Anden")
    assert "Skjult kladde" not in html


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("word", ["sove", "overnatning", "nat", "akut", "vold"])
def test_search_finds_urgent_help_for_the_words_people_type(client, word):
    response = client.get(reverse("search"), {"q": word})
    entries = response.context["urgent_help"]
    assert entries
    assert 'class="urgent-help__item"' in response.text


@pytest.mark.usefixtures("seed")
def test_search_for_violence_finds_the_crisis_centre_and_112(client):
    response = client.get(reverse("search"), {"q": "vold"})
    titles = {entry.title for entry in response.context["urgent_help"]}
    assert {"Viborg Krisecenter", "Ring 112"} <= titles


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("query", ["hvor kan jeg sove i nat", "herberg", "volden"])
def test_urgent_help_is_found_in_a_sentence_and_by_synonym_or_inflection(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.context["urgent_help"], query


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize("query", ["metadon", "tandlæge"])
def test_urgent_help_stays_away_from_unrelated_searches(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.context["urgent_help"] == []


@pytest.mark.usefixtures("seed")
def test_the_urgent_help_page_lists_every_entry(client):
    html = client.get(reverse("services:urgent_help")).text
    assert html.count('class="urgent-help__item"') == UrgentHelp.objects.count()


# Filters


@pytest.mark.usefixtures("seed")
def test_walk_in_includes_offers_open_both_ways(client):
    names = _names(client, {"access": "walk_in"})
    assert "Rusmiddelcenter Randers" in names
    both = Offer.objects.visible_to(None).filter(access=Offer.Access.BOTH)
    walk_in = Offer.objects.visible_to(None).filter(access=Offer.Access.WALK_IN)
    assert len(names) == both.count() + walk_in.count()


def test_referred_includes_offers_open_both_ways_but_not_walk_in_only(client):
    OfferFactory(name="Begge veje", access=Offer.Access.BOTH)
    OfferFactory(name="Kun møde op", access=Offer.Access.WALK_IN)
    OfferFactory(name="Kun visitation", access=Offer.Access.REFERRED)
    names = _names(client, {"access": "referred"})
    assert {"Begge veje", "Kun visitation"} <= names
    assert "Kun møde op" not in names


def _names(client, params):
    params = {**params, "page": 1}
    response = client.get(reverse("services:index"), params)
    return {offer.name for offer in response.context["paginator"].object_list}


def test_the_filters_fold_behind_a_button_that_counts_them(client):
    html = client.get(reverse("services:index"), {"access": "walk_in"}).text
    assert '<details class="filter-toggle' in html
    assert "Filtre (1 valgt)" in html
    html = client.get(
        reverse("services:index"), {"access": "walk_in", "q": "", "kind": ""}
    ).text
    assert "Filtre (1 valgt)" in html
    assert ">Filtre</summary>" in client.get(reverse("services:index")).text


@pytest.mark.usefixtures("seed")
def test_filtering_lands_on_the_results_and_announces_them(client):
    html = client.get("/tilbud/", {"target_group": "hjemloese"}).text
    assert 'action="/tilbud/#resultater"' in html
    assert 'id="resultater"' in html
    status = re.search(r'<p class="sr-only" role="status"[^>]*>([^<]*)</p>', html)
    count = Offer.objects.visible_to(None).filter(target_groups__slug="hjemloese")
    assert status[1] == f"{count.count()} tilbud matcher dit valg"
    # Without a filter there is nothing to announce.
    html = client.get("/tilbud/").text
    assert re.search(r'role="status"[^>]*></p>', html)


@pytest.mark.usefixtures("seed")
def test_cards_name_the_municipality_and_the_centre(client):
    html = client.get("/tilbud/", {"q": "Medicinsk behandling", "page": 1}).text
    places = re.findall(r'class="card-meta offer-card__place">(.*?)</p>', html, re.S)
    places = [re.sub(r"<[^>]+>|Hvor:", "", place).strip() for place in places]
    assert "Randers Kommune · Center for Særlig Social Indsats" in places
    assert any(place.startswith("Viborg Kommune · ") for place in places)


def test_a_card_under_an_organisation_without_centre_names_the_municipality(client):
    top = OrganisationFactory(name="Egekommune", kind="municipality")
    OfferFactory(
        name="Eget tilbud",
        owner=OrganisationFactory(name="Afdeling", kind="department", parent=top),
    )
    html = client.get("/tilbud/", {"q": "Eget tilbud"}).text
    assert re.search(r'offer-card__place">.*Egekommune</p>', html)


# The offer page


@pytest.mark.usefixtures("seed")
def test_walk_in_text_is_said_once(client):
    for offer in Offer.objects.visible_to(None).exclude(how_to_apply=""):
        html = main(client.get(offer.get_absolute_url()).text)
        assert html.count("Du skal ikke visiteres") <= 1, offer.name


@pytest.mark.usefixtures("seed")
def test_a_referred_offer_says_how_to_ask(client):
    html = client.get("/tilbud/hjoernestenen/").text
    assert "Kræver visitation" in html
    assert 'href="#contact-heading"' in html


@pytest.mark.usefixtures("seed")
def test_an_offers_printout_keeps_its_description_and_contact(client):
    html = client.get("/tilbud/hjoernestenen/").text
    about = re.search(r'<section[^>]*aria-labelledby="about-heading"', html)[0]
    assert "no-print" not in about
    contact = re.search(r'<section[^>]*aria-labelledby="contact-heading"', html)[0]
    assert "no-print" not in contact


@pytest.mark.usefixtures("seed")
def test_the_plan_page_has_a_print_button(client):
    from goals.models import Plan

    plan = Plan.objects.first()
    html = client.get(plan.get_absolute_url()).text
    assert 'class="button button-secondary print-button" type="button"' in html
    assert "js/print.js" in html
