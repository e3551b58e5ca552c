"""Issue 13, item 2: the completeness report lists what a citizen cannot see,
and today's seed gaps accurately (counted here from the data files)."""

import re
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

from config import completeness
from services.models import Offer
from tests.factories import OfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

ROOT = Path(__file__).resolve().parents[2]


def seed_records(folder, key):
    records = []
    for path in sorted((ROOT / folder).glob("*.yaml")):
        records.extend(yaml.safe_load(path.read_text(encoding="utf-8")).get(key, []))
    return records


def public_offers():
    return [
        record
        for record in seed_records("services/seed", "offers")
        if record.get("status", "published") == "published"
    ]


def test_the_report_counts_the_seeds_offer_gaps():
    offers = public_offers()
    counts = completeness.counts()
    offer = completeness.Kind.OFFER
    gap = completeness.Gap
    assert counts[(offer, gap.PHONE)] == sum(1 for r in offers if not r.get("phone"))
    assert counts[(offer, gap.EMAIL)] == sum(1 for r in offers if not r.get("email"))
    assert counts[(offer, gap.ADDRESS)] == sum(
        1 for r in offers if not r.get("locations")
    )
    with_hours = sum(
        1
        for r in offers
        if any(location.get("opening_hours") for location in r.get("locations", []))
    )
    assert counts[(offer, gap.HOURS)] == len(offers) - with_hours
    assert counts[(offer, gap.VERIFIED)] == len(offers)  # none is verified yet


def test_the_report_counts_the_seeds_organisation_and_material_gaps():
    counts = completeness.counts()
    organisations = seed_records("services/seed", "organisations")
    assert counts[(completeness.Kind.ORGANISATION, completeness.Gap.PHONE)] == sum(
        1 for r in organisations if not r.get("phone")
    )
    resources = [
        r
        for r in seed_records("resources/seed", "resources")
        if r.get("visibility", "public") != "draft"
    ]
    assert counts[(completeness.Kind.RESOURCE, completeness.Gap.COPY)] == sum(
        1 for r in resources if not r.get("url") and not r.get("file")
    )


def test_a_gap_closed_by_a_curator_leaves_the_report():
    before = completeness.counts()
    key = (completeness.Kind.OFFER, completeness.Gap.PHONE)
    Offer.objects.filter(slug="hjoernestenen").update(phone="89 15 55 00")
    assert completeness.counts()[key] == before[key] - 1


def test_the_admin_page_filters_and_sorts(admin_client):
    url = reverse("completeness_report")
    html = admin_client.get(url, {"type": "tilbud", "mangler": "aabningstider"}).text
    rows = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)
    assert len(rows) == completeness.counts()[("tilbud", "aabningstider")]
    assert "Slotsgården" not in rows  # it has opening hours
    assert rows == sorted(rows, key=str.casefold)
    html = admin_client.get(url, {"sort": "-antal"}).text
    numbers = [int(n) for n in re.findall(r"<td>(\d+)</td>\s*</tr>", html)]
    assert numbers == sorted(numbers, reverse=True)
    assert numbers


def test_odd_parameters_fall_back_to_the_whole_report(admin_client):
    response = admin_client.get(
        reverse("completeness_report"), {"type": "x", "mangler": "?", "sort": "1"}
    )
    assert response.status_code == 200
    assert len(response.context["rows"]) == len(completeness.report())
    # A NUL byte is refused (400) or read as an unknown type: never a 5xx.
    hostile = admin_client.get(reverse("completeness_report"), {"type": "x\x00"})
    assert hostile.status_code in {200, 400}


def test_only_staff_who_may_see_offers_open_it(client, django_user_model):
    url = reverse("completeness_report")
    assert client.get(url).status_code == 302  # to the login
    client.force_login(
        django_user_model.objects.create_user("s", password="x", is_staff=True)
    )
    assert client.get(url).status_code == 403


def test_the_admin_index_shows_the_counts(admin_client):
    html = admin_client.get(reverse("admin:index")).text
    summary = re.search(r'id="completeness-summary".*?</div>', html, re.S)[0]
    phone = completeness.counts()[("tilbud", "telefon")]
    assert f"Tilbud: Intet telefonnummer</a>: {phone}" in summary
    assert "?type=tilbud&amp;mangler=telefon" in summary


def test_offers_list_filter_missing_contact(admin_client):
    OfferFactory(name="Har telefon", phone="12 34 56 78")
    url = reverse("admin:services_offer_changelist")
    missing = admin_client.get(url, {"mangler_kontakt": "ja"}).context["cl"]
    names = {offer.name for offer in missing.queryset}
    assert "Har telefon" not in names
    assert "Hjørnestenen" in names
    found = admin_client.get(url, {"mangler_kontakt": "nej"}).context["cl"]
    assert {offer.name for offer in found.queryset} == {"Har telefon"}
    assert "mangler kontaktoplysninger" in admin_client.get(url).text
