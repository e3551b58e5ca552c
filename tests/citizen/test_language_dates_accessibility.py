"""Issue 13, items 5–7 and 9: the language switch, the accessibility
statement, honest dates and valid date-times."""

import re

import pytest
from django.urls import reverse

from core.models import SiteContact
from services.models import Offer
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


# Language


def test_the_header_has_a_switch_to_the_other_language(client):
    html = client.get("/tilbud/?page=1").text
    header = re.search(r"<header.*?</header>", html, re.S)[0]
    assert f'action="{reverse("set_language")}"' in header
    assert '<input type="hidden" name="next" value="/tilbud/?page=1">' in header
    assert 'name="language" value="en" lang="en">English</button>' in header


def test_switching_keeps_the_reader_on_the_page_and_beats_the_browser(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/tilbud/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/tilbud/"
    html = client.get("/tilbud/", HTTP_ACCEPT_LANGUAGE="da").text
    assert '<html lang="en">' in html
    assert 'value="da" lang="da">Dansk</button>' in html
    # And back: a Danish reader with an English phone.
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
    assert '<html lang="da">' in html


def test_the_switch_refuses_to_send_the_reader_elsewhere(client):
    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": "https://evil.example/"},
    )
    assert "evil.example" not in response.get("Location", "")


def test_pages_with_the_switch_stay_in_the_page_cache(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    client.get("/tilbud/")
    assert client.get("/tilbud/")["X-Page-Cache"] == "hit"


# The accessibility statement


def test_the_footer_links_to_the_sites_own_accessibility_page(client):
    footer = re.search(r"<footer.*</footer>", client.get("/").text, re.S)[0]
    assert f'href="{reverse("accessibility_statement")}"' in footer
    assert "was.digst.dk" not in footer


def test_the_page_links_to_the_statement_set_in_the_admin(client):
    SiteContact.objects.create(
        accessibility_statement_url="https://www.was.digst.dk/app-videnscenter"
    )
    html = client.get(reverse("accessibility_statement")).text
    assert 'href="https://www.was.digst.dk/app-videnscenter"' in html


def test_without_a_statement_the_page_says_so_instead_of_linking_the_tool(
    client, settings
):
    settings.ACCESSIBILITY_STATEMENT_URL = ""
    html = client.get(reverse("accessibility_statement")).text
    assert "Tilgængelighedserklæringen er ikke offentliggjort endnu." in html
    assert "was.digst.dk" not in html


def test_the_old_address_leads_to_the_page(client):
    response = client.get("/was")
    assert response.status_code in (301, 302)
    assert response["Location"] == reverse("accessibility_statement")


# Honest dates


@pytest.mark.usefixtures("seed")
def test_content_only_the_seed_wrote_is_not_news(client):
    response = client.get("/")
    seeded = {offer.name for offer in Offer.objects.all()}
    assert not seeded & {item.title for item in response.context["whats_new"]}


@pytest.mark.usefixtures("seed")
def test_a_curators_verification_puts_an_offer_on_the_home_page_with_its_date(
    admin_client,
):
    from django.utils import timezone

    offer = Offer.objects.get(slug="slotsgaarden")
    admin_client.post(
        reverse("admin:services_offer_changelist"),
        {"action": "verify", "_selected_action": [offer.pk]},
    )
    html = admin_client.get("/").text
    item = re.search(r'<li class="update-item">.*?</li>', html, re.S)[0]
    assert "Slotsgården" in item
    today = timezone.localdate().isoformat()
    assert f'<time datetime="{today}">' in item


@pytest.mark.usefixtures("seed")
def test_a_seeded_offer_shows_the_year_of_its_source_document(client):
    html = client.get("/tilbud/hjoernestenen/").text
    assert "stammer fra kommunens dokumenter fra 2019" in html
    html = client.get("/tilbud/krisecenter-viborg/").text
    assert "stammer fra kommunens dokumenter fra 2017" in html


def test_an_offer_a_curator_made_shows_its_date_not_a_source_year(client):
    offer = OfferFactory()
    html = client.get(offer.get_absolute_url()).text
    assert "Senest ændret" in html
    assert "stammer fra" not in html


@pytest.mark.usefixtures("seed")
def test_every_time_element_has_a_valid_datetime(client):
    from tests.factories import MethodFactory, ResourceFactory

    OfferFactory(name="Nyt tilbud")
    MethodFactory(name="Ny metode")
    ResourceFactory(title="Nyt materiale")
    plan = __import__("goals.models", fromlist=["Plan"]).Plan.objects.first()
    for path in ["/", "/tilbud/hjoernestenen/", plan.get_absolute_url()]:
        html = client.get(path).text
        values = re.findall(r'<time datetime="([^"]*)"', html)
        for value in values:
            assert DATETIME.match(value), (path, value)
    assert re.findall(r'<time datetime="([^"]*)"', client.get("/").text)
