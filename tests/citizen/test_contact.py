"""Issue 13, item 1: every offer page shows the nearest known way in."""

import re

import pytest
from django.urls import reverse

from core.models import SiteContact
from services.models import Offer, Organisation
from tests.factories import OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def contact_section(html):
    return re.search(r'<section class="offer-contact".*?</section>', html, re.S)[0]


def test_an_offers_own_phone_and_email_come_first(client):
    owner = OrganisationFactory(phone="11 11 11 11")
    offer = OfferFactory(owner=owner, phone="+45 89 15 55 00", email="a@b.dk")
    section = contact_section(client.get(offer.get_absolute_url()).text)
    assert 'href="tel:+4589155500"' in section
    assert 'href="mailto:a@b.dk"' in section
    assert "Kontakt via" not in section
    assert "11 11 11 11" not in section


def test_without_its_own_the_nearest_organisation_up_the_tree_is_named(client):
    municipality = OrganisationFactory(
        name="Testkommune", kind=Organisation.Kind.MUNICIPALITY, phone="70 70 70 70"
    )
    centre = OrganisationFactory(
        name="Testcentret", parent=municipality, email="center@test.dk"
    )
    department = OrganisationFactory(
        name="Afdelingen", parent=centre, kind=Organisation.Kind.DEPARTMENT
    )
    offer = OfferFactory(owner=department)
    section = contact_section(client.get(offer.get_absolute_url()).text)
    assert "Kontakt via Testcentret" in section
    assert 'href="mailto:center@test.dk"' in section
    assert "70 70 70 70" not in section


def test_a_sub_offer_borrows_its_parents_phone(client):
    parent = OfferFactory(name="Hovedtilbuddet", phone="86 86 86 86")
    offer = OfferFactory(parent=parent)
    section = contact_section(client.get(offer.get_absolute_url()).text)
    assert "Kontakt via Hovedtilbuddet" in section
    assert 'href="tel:86868686"' in section


def test_the_site_contact_set_in_the_admin_is_the_last_resort(client):
    SiteContact.objects.create(
        name="Videnscentret", phone="89 15 15 15", hours="Hverdage kl. 9–15"
    )
    offer = OfferFactory()
    html = client.get(offer.get_absolute_url()).text
    section = contact_section(html)
    assert "Kontakt via Videnscentret" in section
    assert 'href="tel:89151515"' in section
    assert "Hverdage kl. 9–15" in section
    # The footer reads the same place.
    footer = re.search(r"<footer.*</footer>", html, re.S)[0]
    assert 'href="tel:89151515"' in footer


def test_settings_are_the_fallback_until_curators_fill_in_the_site_contact(
    client, settings
):
    settings.SITE_CONTACT_EMAIL = "post@example.dk"
    section = contact_section(client.get(OfferFactory().get_absolute_url()).text)
    assert 'href="mailto:post@example.dk"' in section


def test_when_nothing_is_known_the_page_says_so_plainly(client, settings):
    settings.SITE_CONTACT_EMAIL = ""
    settings.SITE_CONTACT_PHONE = ""
    html = client.get(OfferFactory().get_absolute_url()).text
    section = contact_section(html)
    assert "Vi mangler kontaktoplysninger på tilbuddet" in section
    assert "tel:" not in section
    # The old dead ends are gone.
    assert "Telefonnummer er ikke oplyst" not in html


def test_every_seeded_offer_page_has_a_working_contact_link(client, seed):
    SiteContact.objects.create(name="Videnscentret", email="videnscenter@example.dk")
    offers = list(Offer.objects.visible_to(None))
    assert len(offers) > 40
    for offer in offers:
        section = contact_section(client.get(offer.get_absolute_url()).text)
        assert re.search(r'href="(tel:\+?\d+|mailto:[^"]+@[^"]+)"', section), offer


def test_the_site_contact_is_read_once_and_a_save_shows_at_once(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    contact = SiteContact.objects.create(name="Videnscentret", phone="11 22 33 44")
    assert "tel:11223344" in client.get("/").text
    assert client.get("/")["X-Page-Cache"] == "hit"
    contact.phone = "55 66 77 88"
    contact.save()
    assert "tel:55667788" in client.get("/").text


def test_curators_may_edit_the_site_contact_but_not_add_a_second(
    client, django_user_model
):
    from django.contrib.auth.models import Group

    from config.roles import CURATORS

    curator = django_user_model.objects.create_user(
        "kurator", password="x", is_staff=True
    )
    curator.groups.add(Group.objects.get(name=CURATORS))
    client.force_login(curator)
    url = reverse("admin:core_sitecontact_add")
    response = client.post(
        url,
        {
            "name": "Videnscentret",
            "phone": "89 15 15 15",
            "email": "vc@example.dk",
            "address": "",
            "hours": "",
            "accessibility_statement_url": "https://www.was.digst.dk/videnscenter",
        },
    )
    assert response.status_code == 302
    assert SiteContact.current().phone == "89 15 15 15"
    assert client.get(url).status_code == 403
    history = SiteContact.history.get()
    assert history.history_channel == "admin"
