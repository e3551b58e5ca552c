"""The open data behaves for machines (validators and 304, caching, CORS for
reading only) and has a page for people, linked in the footer."""

import pytest

from services.models import Offer

pytestmark = pytest.mark.usefixtures("seed")

LIST = "/api/hsds/services"


def test_a_repeated_request_with_the_etag_gets_304(client):
    first = client.get(LIST)

    again = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304
    assert again.content == b""


def test_if_modified_since_the_last_change_gets_304(client):
    first = client.get(LIST)

    again = client.get(LIST, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


def test_a_change_gives_a_new_etag(client):
    first = client.get(LIST)
    offer = Offer.objects.visible_to(None).order_by("name").first()
    offer.name = "Aaaa nyt navn"
    offer.save()

    again = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again.json()["contents"][0]["name"] == "Aaaa nyt navn"


def test_answers_are_public_cacheable_and_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    first = client.get(LIST)
    second = client.get(LIST)

    assert "public" in first["Cache-Control"] and "max-age" in first["Cache-Control"]
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.json() == first.json()


def test_the_page_cache_follows_a_change(client, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    client.get(LIST)
    offer = Offer.objects.visible_to(None).order_by("name").first()
    offer.name = "Aaaa nyt navn"
    offer.save()

    again = client.get(LIST)

    assert again.json()["contents"][0]["name"] == "Aaaa nyt navn"


def test_cors_allows_reading_from_anywhere_and_nothing_else(client):
    read = client.get(LIST, HTTP_ORIGIN="https://example.org")
    preflight = client.options(
        LIST,
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    write = client.post(LIST, {})

    assert read["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert write.status_code == 405
    assert "Access-Control-Allow-Origin" not in write


def test_the_html_pages_get_no_cors(client):
    response = client.get("/tilbud/", HTTP_ORIGIN="https://example.org")

    assert "Access-Control-Allow-Origin" not in response


def test_the_open_data_page_is_linked_in_the_footer_and_shows_examples(client):
    home = client.get("/")
    page = client.get("/aabne-data/")

    assert 'href="/aabne-data/"' in home.content.decode()
    text = page.content.decode()
    assert page.status_code == 200
    assert "CC BY 4.0" in text
    assert "/api/hsds/services?per_page=20" in text
