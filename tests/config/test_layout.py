"""The site frame every page shares: landmarks, skip link, navigation, search
box, breadcrumbs, footer, and one small local stylesheet."""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "site.css"
OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates"


class Landmarks(HTMLParser):
    """Collects tags, ids and attributes a layout test needs to see."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(k) == v for k, v in attrs.items())
        ]


def parse(html):
    parser = Landmarks()
    parser.feed(html)
    return parser


def test_page_has_the_landmarks_and_a_skip_link_first(client):
    html = client.get(reverse("search")).text
    page = parse(html)
    names = [name for name, _ in page.tags]
    first_in_body = page.tags[names.index("body") + 1]
    assert first_in_body == ("a", {"class": "skipnav", "href": "#main-content"})
    assert page.find("main", id="main-content", tabindex="-1")
    assert page.find("header")
    assert page.find("footer")
    assert page.find("nav", **{"aria-label": "Hovedmenu"})
    assert "Gå til sidens indhold" in html


def test_page_is_in_danish_with_the_municipality_in_the_header(client, settings):
    html = client.get(reverse("search")).text
    assert '<html lang="da">' in html
    assert settings.SITE_OWNER in html
    assert settings.SITE_NAME in html


def test_main_navigation_names_the_ways_in(client):
    html = client.get(reverse("search")).text
    for label in ("Find et tilbud", "Metoder", "Materialer", "Planer og mål"):
        assert f">{label}</a>" in html


def test_header_has_the_search_box_and_a_login_link(client):
    html = client.get("/findes-ikke/").text
    page = parse(html)
    assert page.find("form", action=reverse("search"), role="search")
    assert page.find("a", href="/log-ind/?next=/findes-ikke/")


def test_logged_in_user_is_named_instead_of_the_login_link(admin_client):
    html = admin_client.get(reverse("search")).text
    assert "Logget ind som admin" in html
    assert 'href="/log-ind/' not in html
    assert parse(html).find("form", action="/log-ud/", method="post")


def test_breadcrumbs_start_at_home_when_a_page_has_them(client):
    html = client.get(reverse("search")).text
    page = parse(html)
    assert page.find("nav", **{"aria-label": "Brødkrummesti"})
    crumbs = re.search(r'<ol class="breadcrumbs__list">(.*?)</ol>', html, re.S)[1]
    assert crumbs.index("Forside") < crumbs.index("Søg")


def render_page(body):
    """A page extending base.html with the given blocks."""
    template = Template('{% extends "base.html" %}' + body)
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return template.render(Context({"request": request, "user": request.user}))


def test_breadcrumbs_are_left_out_when_the_block_is_empty():
    html = render_page("{% block breadcrumbs %} {% endblock %}")
    assert "Brødkrummesti" not in html


def test_blocks_for_the_pages_of_other_apps():
    html = render_page(
        "{% block title %}Tilbud{% endblock %}"
        "{% block meta_description %}Alle tilbud{% endblock %}"
        '{% block extra_head %}<link rel="canonical" href="/x/">{% endblock %}'
        '{% block breadcrumbs %}<li aria-current="page">Tilbud</li>{% endblock %}'
        "{% block content %}<h1>Tilbud</h1>{% endblock %}"
    )
    assert "<title>Tilbud – " in html
    assert '<meta name="description" content="Alle tilbud">' in html
    assert '<link rel="canonical" href="/x/">' in html
    assert '<li aria-current="page">Tilbud</li>' in html
    main = re.search(r"<main[^>]*>(.*)</main>", html, re.S)[1]
    assert "<h1>Tilbud</h1>" in main


def test_footer_has_contact_and_the_accessibility_statement(client, settings):
    settings.SITE_CONTACT_PHONE = "89 15 15 15"
    settings.SITE_CONTACT_EMAIL = "videnscenter@example.dk"
    html = client.get(reverse("search")).text
    footer = re.search(r"<footer.*</footer>", html, re.S)[0]
    assert 'href="tel:89151515"' in footer
    assert 'href="mailto:videnscenter@example.dk"' in footer
    assert "Tilgængelighedserklæring" in footer


# Loads nothing from elsewhere, no inline style or script (CSP comes later).


def test_page_loads_nothing_from_other_hosts(client):
    html = client.get("/").text
    for tag in parse(html).tags:
        name, attrs = tag
        if name in {"link", "script", "img", "iframe", "source"}:
            for attr in ("href", "src"):
                value = attrs.get(attr) or ""
                assert not re.match(r"^(https?:)?//", value), value


@pytest.mark.parametrize(
    "template",
    sorted(str(p.relative_to(OUR_TEMPLATES)) for p in OUR_TEMPLATES.rglob("*.html")),
)
def test_templates_have_no_inline_style_or_script(template):
    text = (OUR_TEMPLATES / template).read_text()
    # A script from a file (<script src=...>) is allowed; inline code is not.
    assert not re.search(
        r"<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=", text, re.I
    )


def test_stylesheet_is_served(client):
    html = client.get("/").text
    href = parse(html).find("link", rel="stylesheet")[0]["href"]
    assert href.startswith(settings.STATIC_URL)
    assert STYLESHEET.exists()


# The stylesheet: small, with what other pages use, focus and print.


def test_home_page_html_and_css_stay_under_the_budget(client):
    html = client.get("/").content
    size = len(gzip.compress(html)) + len(gzip.compress(STYLESHEET.read_bytes()))
    assert size < 60_000


def test_stylesheet_is_small():
    assert len(STYLESHEET.read_bytes()) < 30_000


@pytest.mark.parametrize(
    "selector",
    [
        ".card", ".card-title", ".card-text", ".card-meta", ".card-list",
        ".tag", ".tag-internal", ".tag-draft",
        ".alert", ".alert-info", ".alert-warning", ".alert-error", ".alert-success",
        ".button", ".button-primary", ".button-secondary",
        ".form-group", ".form-label", ".form-hint", ".form-input", ".form-select",
        ".form-error-message", ".filter-layout", ".filter-form", ".pagination",
        ".table", ".table--responsive", ".facts", ".rating-grid", ".rating",
        ".rating-a", ".rating-b", ".rating-c", ".rating-d", ".rating-none",
        ".open-now", ".closed-now", ".sr-only", ".lead", ".subheading",
        ".page-layout", ".print-only", ".no-print", ".breadcrumbs", ".skipnav",
    ],
)  # fmt: skip
def test_stylesheet_styles_the_shared_class_names(selector):
    css = STYLESHEET.read_text()
    assert re.search(re.escape(selector) + r"[\s,{:.>\[]", css), selector


def test_stylesheet_shows_focus_and_has_a_print_card():
    css = STYLESHEET.read_text()
    assert re.search(r":focus-visible\s*{\s*outline: 4px solid", css)
    print_rules = css[css.index("@media print") :]
    for hidden in (".header", ".navigation", ".footer", ".search", ".no-print"):
        assert hidden in print_rules.split("display: none")[0]
