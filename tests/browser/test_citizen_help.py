"""Issue 13's journeys on a phone: a citizen can always reach help."""

import re

import pytest

from .checks import assert_accessible, assert_no_sideways_scroll, expect, shoot
from .conftest import DESKTOP, PHONE


@pytest.fixture
def site_contact():
    """The site's own way in, as curators set it in the admin (the seed holds
    no phone numbers: the documents give none)."""
    from core.models import SiteContact

    contact = SiteContact.objects.create(
        name="Videnscentret", phone="89 15 15 15", email="videnscenter@example.dk"
    )
    yield contact
    contact.delete()


def test_homeless_citizen_reaches_a_bed_tonight_in_two_taps(
    open_page, screenshot_dir, site_contact
):
    page = open_page("/", width=PHONE)
    urgent = page.locator(".urgent-help")
    expect(urgent).to_be_visible()
    # First on the phone: the urgent help starts within the first screen.
    assert urgent.bounding_box()["y"] < 900
    shoot(page, screenshot_dir, "citizen-home-urgent-help")

    # Tap 1: the night shelter.
    urgent.get_by_role("link", name="Hjørnestenen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjørnestenen")
    contact = page.locator(".offer-contact")
    expect(contact).to_contain_text("Kontakt via Videnscentret")
    # Tap 2 would be this link: a real phone link, on the page.
    phone = contact.get_by_role("link", name="89 15 15 15")
    expect(phone).to_be_visible()
    expect(phone).to_have_attribute("href", "tel:89151515")
    assert_no_sideways_scroll(page)
    shoot(page, screenshot_dir, "citizen-shelter-contact")
    assert page.problems == []


def test_every_offer_page_has_a_working_contact_link(open_page, site_contact):
    from services.models import Offer

    page = open_page(width=PHONE)
    offers = list(Offer.objects.visible_to(None).order_by("name"))
    assert offers
    for offer in offers:
        page.goto(offer.get_absolute_url())
        links = page.locator(
            ".offer-contact a[href^='tel:'], .offer-contact a[href^='mailto:']"
        )
        assert links.count() >= 1, offer.name
        href = links.first.get_attribute("href")
        assert re.fullmatch(r"tel:\+?\d{3,}|mailto:[^@\s]+@[^@\s]+\.\w+", href), href
    assert page.problems == []


def test_without_any_contact_the_gap_is_impossible_to_miss(open_page, screenshot_dir):
    page = open_page("/tilbud/hjoernestenen/", width=PHONE)
    message = page.locator(".contact-missing")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Vi mangler kontaktoplysninger")
    shoot(page, screenshot_dir, "citizen-contact-missing")


def test_the_language_switch_round_trips(open_page, screenshot_dir):
    page = open_page("/tilbud/slotsgaarden/", width=PHONE)
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/tilbud/slotsgaarden/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#contact-heading")).to_have_text("Contact")
    shoot(page, screenshot_dir, "citizen-language-english")
    # The choice sticks on the next page, whatever the browser says (da-DK).
    page.goto("/tilbud/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Dansk").click()
    expect(page).to_have_url(re.compile(r"/tilbud/$"))
    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert page.problems == []


def test_filtering_on_a_phone_lands_on_the_announced_results(open_page, screenshot_dir):
    page = open_page("/tilbud/", width=PHONE)
    form = page.locator("form.filter-form")
    expect(form).to_be_hidden()  # folded behind the button
    page.get_by_text("Filtre", exact=True).click()
    page.get_by_label("Målgruppe").select_option(label="Hjemløse")
    page.get_by_label("Adgang").select_option(label="Du kan bare møde op")
    page.get_by_role("button", name="Vis resultater").click()
    expect(page).to_have_url(re.compile(r"access=walk_in.*#resultater$"))
    status = page.get_by_role("status").filter(has_text="matcher")
    expect(status).to_have_text(re.compile(r"^\d+ tilbud matcher dit valg$"))
    expect(page.get_by_text("Filtre (2 valgt)")).to_be_visible()
    # The page opens at the results, not at the top.
    heading = page.locator("#results-heading")
    box = heading.bounding_box()
    assert 0 <= box["y"] < 300, box
    assert page.evaluate("window.scrollY") > 0
    # Walk-in includes offers open both ways: Rusmiddelcenter Randers is one.
    page.goto("/tilbud/?access=walk_in")
    expect(page.get_by_role("link", name="Rusmiddelcenter Randers")).to_be_visible()
    assert_no_sideways_scroll(page)
    shoot(page, screenshot_dir, "citizen-filter-results")
    assert page.problems == []


def test_filters_are_open_beside_the_results_on_a_desktop(open_page):
    page = open_page("/tilbud/", width=DESKTOP)
    expect(page.locator("form.filter-form")).to_be_visible()
    expect(page.locator(".filter-toggle__button")).to_be_hidden()
    assert_accessible(page)


def test_the_phone_header_is_compact_and_the_menu_one_line(open_page):
    page = open_page("/", width=PHONE)
    header = page.locator("header").bounding_box()
    assert header["height"] < 667 / 4, header
    tops = {
        round(link.bounding_box()["y"])
        for link in page.locator(".mainmenu__link").all()
    }
    assert len(tops) == 1, tops
    assert_no_sideways_scroll(page)


def test_the_plans_initiatives_fit_a_phone(open_page):
    from goals.models import Plan

    plan = Plan.objects.filter(initiatives__isnull=False).distinct().first()
    page = open_page(plan.get_absolute_url(), width=PHONE)
    region = page.locator(".initiative-table").first
    overflow = region.evaluate(
        "el => el.parentElement.scrollWidth - el.parentElement.clientWidth"
    )
    assert overflow <= 0
    expect(page.get_by_role("button", name="Udskriv siden")).to_be_visible()
