"""Site-level pages: home, health check, robots.txt, sitemap, the accessibility
statement, and the 404 and 500 pages."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from config import urls as root_urls
from config.views import server_error
from core.models import Publication
from resources.models import Resource
from tests.factories import (
    GoalFactory,
    MethodFactory,
    OfferFactory,
    ResourceFactory,
    create_public_items,
)

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# Home


def test_home_offers_the_three_ways_in_and_a_search_box(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    for label, url in (
        ("Find et tilbud", reverse("services:index")),
        ("Metoder", reverse("methods:index")),
        ("Materialer", reverse("resources:index")),
    ):
        assert f'href="{url}">{label}</a>' in html
    assert f'action="{reverse("search")}"' in html
    assert 'name="q"' in html


def test_home_shows_what_is_new_and_public_only(client):
    OfferFactory(name="Nyt værested")
    MethodFactory(name="Ny metode")
    ResourceFactory(title="Ny vejledning")
    OfferFactory(name="Hemmeligt tilbud", status=Publication.DRAFT)
    MethodFactory(name="Hemmelig metode", status=Publication.DRAFT)
    ResourceFactory(title="Intern note", visibility=Resource.Visibility.STAFF)
    ResourceFactory(title="Materialekladde", visibility=Resource.Visibility.DRAFT)
    html = client.get("/").text
    for shown in ("Nyt værested", "Ny metode", "Ny vejledning"):
        assert shown in html
    for hidden in ("Hemmeligt", "Hemmelig metode", "Intern note", "Materialekladde"):
        assert hidden not in html


def test_home_lists_the_latest_change_first(client):
    old = OfferFactory(name="Gammelt tilbud")
    MethodFactory(name="Nyere metode")
    old.summary = "Rettet i dag."
    old.save()
    whats_new = client.get("/").context["whats_new"]
    assert whats_new[0].title == "Gammelt tilbud"


@pytest.mark.parametrize("count", [10, 500])
def test_home_costs_the_same_queries_at_any_size(
    client, django_assert_num_queries, count
):
    create_public_items(count)
    # The latest offers, methods and resources: one query each.
    with django_assert_num_queries(3):
        response = client.get("/")
    assert len(response.context["whats_new"]) == 6


@pytest.mark.parametrize(
    "query_string", ["q=" + "x" * 5000, "q=%00", "q=%ff%fe", "page=abc"]
)
def test_home_ignores_odd_query_strings(client, query_string):
    assert client.get(f"/?{query_string}").status_code == 200


def test_printed_pages_say_where_they_come_from(client, settings):
    html = client.get("/").text
    assert 'class="print-only print-source container"' in html
    assert f"Fra {settings.SITE_NAME}" in html
    assert "http://testserver/" in html


def test_home_has_no_breadcrumbs(client):
    assert 'class="breadcrumbs' not in client.get("/").text


# Health check, robots.txt, the accessibility statement


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@override_settings(ACCESSIBILITY_STATEMENT_URL="https://www.was.digst.dk/videnscenter")
def test_was_redirects_to_the_accessibility_statement(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/was")
    assert response.status_code == 302
    assert response["Location"] == "https://www.was.digst.dk/videnscenter"


@override_settings(ACCESSIBILITY_STATEMENT_URL="https://www.was.digst.dk/videnscenter")
def test_every_page_links_to_the_accessibility_statement(client):
    html = client.get("/").text
    assert (
        '<a href="https://www.was.digst.dk/videnscenter">Tilgængelighedserklæring</a>'
        in html
    )


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin(
    client, settings, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert f"Disallow: /{settings.ADMIN_URL_PATH}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# Sitemap: an index of one sitemap per section


def xml_locs(response, element):
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return [loc.text for loc in root.iterfind(f"sm:{element}/sm:loc", SITEMAP_NS)]


def sitemap_urls(client):
    """Every address in every section the index names."""
    urls = set()
    for section in xml_locs(client.get("/sitemap.xml"), "sitemap"):
        address = urlsplit(section)
        path = address.path + (f"?{address.query}" if address.query else "")
        urls.update(xml_locs(client.get(path), "url"))
    return urls


def test_sitemap_lists_public_pages(client):
    offer = OfferFactory()
    method = MethodFactory()
    resource = ResourceFactory()
    goal = GoalFactory()
    urls = sitemap_urls(client)
    for item in (offer, method, resource, goal.plan, goal):
        assert f"http://testserver{item.get_absolute_url()}" in urls


def test_sitemap_leaves_out_drafts_and_staff_material(client):
    hidden = [
        OfferFactory(status=Publication.DRAFT),
        MethodFactory(status=Publication.DRAFT),
        ResourceFactory(visibility=Resource.Visibility.STAFF),
        ResourceFactory(visibility=Resource.Visibility.DRAFT),
    ]
    urls = sitemap_urls(client)
    for item in hidden:
        assert f"http://testserver{item.get_absolute_url()}" not in urls


def test_sitemap_leaves_out_staff_material_even_for_staff(admin_client):
    resource = ResourceFactory(visibility=Resource.Visibility.STAFF)
    urls = sitemap_urls(admin_client)
    assert f"http://testserver{resource.get_absolute_url()}" not in urls


@pytest.mark.parametrize("count", [10, 500])
def test_sitemap_index_costs_the_same_queries_at_any_size(
    client, django_assert_num_queries, count
):
    create_public_items(count)
    # Per section (offers, methods, talks, resources, plans, goals): a count for its
    # pages and the date of its latest change.
    with django_assert_num_queries(12):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 500])
def test_sitemap_section_costs_the_same_queries_at_any_size(
    client, django_assert_num_queries, count
):
    create_public_items(count)
    # A count for the page and the page's items.
    with django_assert_num_queries(2):
        response = client.get("/sitemap-metoder.xml")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap-metoder.xml?p=abc",
        "/sitemap-metoder.xml?p=%ff%fe",
        "/sitemap-metoder.xml?p=999",
        "/sitemap-metoder.xml?p=%00",
        "/sitemap-findes-ikke.xml",
    ],
)
def test_sitemap_odd_pages_and_sections_get_a_404(client, path):
    assert client.get(path).status_code == 404


# Error pages


def test_unknown_address_gets_a_danish_404(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.text
    assert 'lang="da"' in response.text


@pytest.mark.parametrize(
    "path", ["/%ff%fe/", "/tilbud/%00/", "/" + "x" * 5000, "/soeg/%ff"]
)
def test_odd_addresses_get_a_404_not_an_error(client, path):
    assert client.get(path).status_code == 404


def test_500_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Der skete en fejl" in response.content.decode()


def test_500_page_is_the_handler():
    assert root_urls.handler500 == "config.views.server_error"


def test_500_page_survives_a_broken_template(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False},
    ]
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Der skete en fejl" in response.content.decode()
