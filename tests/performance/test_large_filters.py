"""A filter with more choices than a select can help with (offers and methods
at a hundred times today's content) is shown only while it is in use."""

import re

import pytest

from core import filters
from methods.models import MethodCategory
from services.models import Offer


@pytest.fixture
def few_choices(monkeypatch):
    monkeypatch.setattr(filters, "MAX_CHOICES", 10)


def options(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    return None if select is None else re.findall(r"<option[^>]*>", select.group(0))


def test_a_filter_with_too_many_choices_is_left_out(seed, client, few_choices):
    html = client.get("/metoder/").content.decode()

    assert options(html, "offer") is None
    assert len(options(html, "category")) == MethodCategory.objects.count() + 1


def test_a_filter_in_use_shows_its_one_choice(seed, client, few_choices):
    offer = Offer.objects.filter(status="published", method_uses__isnull=False)[0]

    response = client.get(f"/materialer/?offer={offer.slug}")

    chosen = options(response.content.decode(), "offer")
    assert len(chosen) == 2  # "Alle" and the offer
    assert f'value="{offer.slug}" selected' in chosen[1]


def test_a_filter_with_few_choices_offers_them_all(seed, client):
    published = Offer.objects.filter(status="published").count()

    html = client.get("/metoder/").content.decode()

    assert len(options(html, "offer")) == published + 1
