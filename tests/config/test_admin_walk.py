"""No dead ends: each role walks the admin by the links it shows, and no link
leads to a page the role may not open (403) or to a server error.

One page per kind of address is opened (``/admin/services/offer/<id>/change/``
once, whichever offer): a link a role may not follow looks the same on every
object of a kind."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import Group

from config.roles import CURATORS, MANAGERS

pytestmark = pytest.mark.usefixtures("seed")

ADMIN = "/admin/"
#: Enough to reach every list, form, history and related page from the index.
MAX_PAGES = 400


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def kind_of(path):
    """``/admin/goals/goal/12/change/`` → ``/admin/goals/goal/#/change/``."""
    return re.sub(r"/\d+/", "/#/", path)


def walk(client, limit=MAX_PAGES):
    """Every page reached from the index by the admin's own links; returns the
    pages that failed, each with the page whose link led there."""
    seen_kinds = {kind_of(ADMIN)}
    queue = [(ADMIN, "(start)")]
    failures = []
    opened = 0
    while queue and opened < limit:
        path, came_from = queue.pop(0)
        response = client.get(path)
        opened += 1
        if response.status_code in (403, 404) or response.status_code >= 500:
            failures.append((response.status_code, path, came_from))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            target = urlsplit(urljoin(path, href))
            if target.netloc or not target.path.startswith(ADMIN):
                continue
            if target.path.endswith("/logout/"):
                continue
            kind = kind_of(target.path)
            if kind in seen_kinds:
                continue
            seen_kinds.add(kind)
            queue.append((target.path, path))
    return opened, failures


@pytest.fixture
def staff(client, django_user_model):
    def login(groups=(), **fields):
        user = django_user_model.objects.create_user(
            username="walker", password="x", is_staff=True, **fields
        )
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        client.force_login(user)
        return client

    return login


@pytest.mark.parametrize(
    "groups, fields, least_pages",
    [
        pytest.param([CURATORS], {}, 40, id="videnscenter"),
        pytest.param([MANAGERS], {}, 30, id="ledere"),
        pytest.param([], {"is_superuser": True}, 60, id="superuser"),
        pytest.param([], {}, 1, id="staff-uden-gruppe"),
    ],
)
def test_no_link_the_admin_shows_leads_to_a_403(staff, groups, fields, least_pages):
    opened, failures = walk(staff(groups, **fields))
    assert failures == []
    assert opened >= least_pages


def test_the_walk_finds_a_dead_link(staff, monkeypatch):
    """The walk itself can fail: a link to a page the role may not open is found."""
    client = staff([MANAGERS])
    original = client.get

    def index_with_dead_link(path, *args, **kwargs):
        response = original(path, *args, **kwargs)
        if path == ADMIN:
            response.content = response.content.replace(
                b'<div id="container">',
                b'<a href="/admin/auth/user/">x</a><div id="container">',
                1,
            )
        return response

    monkeypatch.setattr(client, "get", index_with_dead_link)
    _opened, failures = walk(client, limit=2)
    assert (403, "/admin/auth/user/", ADMIN) in failures
