"""Numbers, amounts and dates as a reader sees them on the pages, the charts, the
admin lists and the exports: one rule everywhere (core/formats.py), in Danish on
Danish pages and in English on English ones."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from goals.models import Goal
from services.models import KeyFigure
from tests.factories import OfferFactory, PlanFactory
from tests.goals.conftest import add_goal

pytestmark = pytest.mark.django_db

DANISH_AMOUNT = "1.234,50\xa0kr."
ENGLISH_AMOUNT = "DKK\xa01,234.50"
# What the hand-written formatters used to write for the same amount.
WRONG_AMOUNTS = ["1.234,5\xa0kr.", "1.234,5 kr.", "1234,50", "1234.50", "1234,5\xa0"]


@pytest.fixture(autouse=True)
def language_restored():
    """A request in English leaves English active in this thread (the locale
    middleware sets it and nothing unsets it); the next test starts as before."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def offer(db):
    offer = OfferFactory(
        name="Kronerne",
        slug="kronerne",
        capacity=1250,
        capacity_unit="pladser",
        last_verified_on=datetime.date(2024, 3, 1),
    )
    KeyFigure.objects.create(
        offer=offer, year=2023, citizens_served=1250, budget=Decimal("1234.50")
    )
    return offer


@pytest.fixture
def budget_goal(db):
    """An amount: 1.000 kr. in 2017, 1.234,50 kr. by 2020 and in 2019."""
    plan = PlanFactory(title="Plan i kroner", period_start=2019, period_end=2020)
    return add_goal(
        plan,
        "udgift",
        title="Udgiften pr. borger",
        unit=Goal.Unit.AMOUNT,
        baseline=("1000", "2017"),
        targets=[(2020, "1234.50")],
        measurements=[("2019", "1234.50")],
    )


@pytest.fixture
def share_goal(db):
    plan = PlanFactory(title="Plan i procent", period_start=2019, period_end=2020)
    return add_goal(
        plan,
        "andel",
        baseline=("40", "2017"),
        targets=[(2020, "50")],
        measurements=[("2019", "47.5")],
    )


def page(client, url, language="da"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_one_amount(text, expected):
    assert expected in text
    for wrong in WRONG_AMOUNTS:
        assert wrong not in text, wrong


# The amount 1234.50, everywhere it shows ------------------------------------------


def test_an_amount_reads_the_same_on_every_page_and_admin_list(
    client, admin_client, offer, budget_goal
):
    pages = {
        "offer page": offer.get_absolute_url(),
        "plan page": budget_goal.plan.get_absolute_url(),
        "goal page": budget_goal.get_absolute_url(),
    }
    for url in pages.values():
        text = page(client, url)
        assert_one_amount(text, DANISH_AMOUNT)
    admin_lists = [
        reverse("admin:services_keyfigure_changelist"),
        reverse("admin:goals_goal_changelist"),
        reverse("admin:goals_target_changelist"),
        reverse("admin:goals_measurement_changelist"),
    ]
    for url in admin_lists:
        assert_one_amount(page(admin_client, url), DANISH_AMOUNT)


def test_the_goal_chart_labels_its_amounts_as_the_table_does(client, budget_goal):
    text = page(client, budget_goal.get_absolute_url())
    start = text.index('<svg class="goal-chart__svg"')
    chart = text[start : text.index("</svg>", start)]
    assert f">{DANISH_AMOUNT}<" in chart
    assert f">mål {DANISH_AMOUNT}<" in chart
    assert "1.000\xa0kr." in chart


def test_an_amount_on_english_pages(client, offer, budget_goal):
    for url in (offer.get_absolute_url(), budget_goal.get_absolute_url()):
        text = page(client, url, "en")
        assert ENGLISH_AMOUNT in text
        assert DANISH_AMOUNT not in text


def test_the_export_writes_the_amount_as_a_danish_cell_whatever_the_language(
    client, budget_goal
):
    url = reverse(
        "goals:export",
        kwargs={"slug": budget_goal.plan.slug, "kind": "maalinger", "fmt": "csv"},
    )
    for language in ("da", "en"):
        rows = page(client, url, language).splitlines()
        assert any(";1234,5;" in row for row in rows), rows


# Counts, percentages, dates and file sizes, in both languages ----------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", ["1.250&nbsp;pladser", "1.250</td>", "1. marts 2024"]),
        ("en", ["1,250&nbsp;pladser", "1,250</td>", "March 1, 2024"]),
    ],
)
def test_offer_page_counts_and_dates(client, offer, language, expected):
    text = page(client, offer.get_absolute_url(), language)
    for fragment in expected:
        assert fragment in text


@pytest.mark.parametrize(
    ("language", "latest", "change"),
    [
        ("da", "47,5\xa0%", "+7,5\xa0procentpoint"),
        # "procentpoint" has no English translation yet; the number is English.
        ("en", "47.5%", "+7.5\xa0procentpoint"),
    ],
)
def test_goal_page_percentages(client, share_goal, language, latest, change):
    text = page(client, share_goal.get_absolute_url(), language)
    assert latest in text
    assert change in text


def test_plan_page_dates_in_both_languages(client, budget_goal):
    plan = budget_goal.plan
    plan.approved_on = datetime.date(2019, 1, 15)
    plan.save()
    assert "15. januar 2019" in page(client, plan.get_absolute_url())
    assert "January 15, 2019" in page(client, plan.get_absolute_url(), "en")


def test_resource_page_file_size_in_both_languages(client):
    from django.core.files.base import ContentFile

    from tests.factories import ResourceFactory

    resource = ResourceFactory(visibility="public", slug="stor-rapport")
    resource.file.save("rapport.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 1_500_000))
    resource.file.close()
    assert "PDF, 1,5\xa0MB" in page(client, resource.get_absolute_url())
    assert "PDF, 1.5\xa0MB" in page(client, resource.get_absolute_url(), "en")


def test_english_pages_show_no_danish_number_separators(client, offer):
    text = page(client, offer.get_absolute_url(), "en")
    assert not re.search(r"\d\.\d{3}\b(?!\.)", text.split("<footer", 1)[0])
