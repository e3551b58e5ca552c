"""Staff-only material and drafts never reach a visitor by any path; staff see the
staff-only material everywhere it belongs, marked as internal, and drafts on no
public page either.

The ``internal`` fixture holds a staff-only and a draft resource (both with a
file, both linked to a public method and offer), and a draft method and offer
linked to the public ones; ``house`` adds hidden items in every other place one
could show up. Their titles carry SECRET, so any page that leaks them shows it.
The walk opens every public address (tests/security/walk.py) of the ``house``,
a site of its own with no seed content, so "every object" stays a few dozen.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from methods.models import Method
from services.models import Offer
from tests.factories import (
    GoalFactory,
    KnowledgeSourceFactory,
    MethodFactory,
    OfferFactory,
    ResourceFactory,
)

from .conftest import SECRET, make_internal, make_user
from .walk import clear_content, public_addresses, text_of

pytestmark = pytest.mark.django_db

INTERNAL_MARK = "Kun for medarbejdere"

#: The plan files are what the admin's import reads. Staff get the curators'
#: file, which names the draft offers a goal has, so importing it back keeps them.
CURATOR_FILES = {"goals:export"}

#: Routes that answer other than 200 by design: logging out takes a POST, a
#: signed-in user is sent on from login, the language switch returns the reader
#: to the page, the completeness report (an admin page) asks for a login.
OTHER_ANSWERS = {
    "accessibility_statement": {200},
    "set_language": {302},
    "completeness_report": {200, 302, 403},
    "logout": {405},
    "login": {302},
    # The second login step: a visitor is sent to the login first.
    "two_factor_verify": {200, 302},
    "two_factor_setup": {200, 302},
}


@pytest.fixture
def house(db):
    """A site of its own (no seed content): ``internal``, plus hidden items as a
    knowledge source's material, as a public offer's sub-offer and a public
    method's child, as the draft parent of a public offer and of a public
    method, and as a goal's responsible offer."""
    clear_content()
    internal = make_internal()
    source = KnowledgeSourceFactory(name="Videnskilde med intern viden")
    for key in ("staff_only", "draft", "public"):
        internal[key].source = source
        internal[key].save()
    internal["draft_offer"].parent = internal["offer"]
    internal["draft_offer"].save()
    internal["draft_method"].parent = internal["method"]
    internal["draft_method"].save()
    parent_offer = OfferFactory(name=f"{SECRET} hovedtilbud", status="draft")
    OfferFactory(name="Deltilbud under kladde", parent=parent_offer)
    parent_method = MethodFactory(name=f"{SECRET} overmetode", status="draft")
    MethodFactory(name="Undermetode under kladde", parent=parent_method)
    goal = GoalFactory(title="Mål med ansvarlige tilbud")
    goal.responsible_offers.add(internal["offer"], internal["draft_offer"])
    return {
        **internal,
        "goal": goal,
        "drafts": [
            internal["draft"],
            internal["draft_method"],
            internal["draft_offer"],
            parent_offer,
            parent_method,
        ],
        "staff_only_items": [internal["staff_only"]],
    }


def own_addresses(item):
    """An item's own page, its file if it has one, and its open-data items."""
    addresses = [item.get_absolute_url()]
    if getattr(item, "file", None):
        addresses.append(reverse("resources:download", kwargs={"slug": item.slug}))
    if isinstance(item, Offer):
        addresses.append(reverse("api:hsds_service", kwargs={"id": item.uuid}))
        addresses += [
            reverse("api:hsds_service_at_location", kwargs={"id": place.uuid})
            for place in item.locations.all()
        ]
    if isinstance(item, Method):
        addresses.append(reverse("api:v1_method", kwargs={"slug": item.slug}))
    return addresses


def leaks(text, url, items):
    """What of ``items`` a response at ``url`` shows: a title, an address or a
    slug, unless it is part of ``url`` itself (the visitor typed it: a 404
    page or a login link may repeat the address)."""
    return [
        piece
        for item in items
        for piece in (str(item), item.slug, *own_addresses(item))
        if piece in text and piece not in url
    ]


def search_words(house):
    """What would find a hidden item if it leaked: the word they all carry,
    and the longest other word of each one's title."""
    hidden = house["drafts"] + house["staff_only_items"]
    words = {SECRET}
    for item in hidden:
        words.add(max(str(item).replace(SECRET, "").split(), key=len))
    return sorted(words)


@pytest.mark.parametrize("role", ["anonymous", "user", "staff"])
def test_a_walk_through_every_public_address(as_role, house, role):
    """Visitors never see a hidden item's title, address or slug on any page,
    file or sitemap, and get 404 at its own addresses; staff open staff-only
    items and still see no draft on a public page."""
    client = as_role(role)
    staff = role == "staff"
    forbidden = house["drafts"] + ([] if staff else house["staff_only_items"])
    allowed = house["staff_only_items"] if staff else []
    not_found = {url for item in forbidden for url in own_addresses(item)}
    opened = {url for item in allowed for url in own_addresses(item)}
    shown, statuses, visited = {}, {}, set()
    for route, url in public_addresses(search_words(house)):
        response = client.get(url)
        visited.add(url)
        expected = {404} if url in not_found else {200, *OTHER_ANSWERS.get(route, ())}
        if response.status_code not in expected:
            statuses[url] = response.status_code
        text = text_of(response)
        items = forbidden
        if staff and route in CURATOR_FILES:
            items = [item for item in forbidden if not isinstance(item, Offer)]
        found_here = leaks(text, url, items)
        if not staff and SECRET.lower() not in url.lower():
            # Nothing else may carry the word either: a summary, a snippet.
            found_here += [SECRET] if SECRET.lower() in text.lower() else []
        if found_here:
            shown[url] = found_here
    assert statuses == {}
    assert shown == {}
    # The walk reached every hidden item's own addresses.
    assert not_found | opened <= visited


@pytest.mark.parametrize("role", ["anonymous", "staff", "curator", "manager"])
def test_plan_files_name_draft_offers_to_goal_editors_only(as_role, house, role):
    # Issue #16, finding 9: staff in no group got the curators' file.
    client = as_role(role)
    goal = house["goal"]
    draft, public = house["draft_offer"].slug, house["offer"].slug
    for fmt in ("csv", "xlsx"):
        url = reverse(
            "goals:export", kwargs={"slug": goal.plan.slug, "kind": "maal", "fmt": fmt}
        )
        text = text_of(client.get(url))
        assert public in text, url
        assert (draft in text) == (role == "manager"), url


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "staff", "superuser"])
@pytest.mark.parametrize("kind", ["draft_method", "draft_offer"])
def test_draft_methods_and_offers_are_not_found_by_anyone(
    as_role, internal, role, kind
):
    client = as_role(role)
    assert client.get(internal[kind].get_absolute_url()).status_code == 404


def test_staff_see_internal_material_in_the_library_marked_internal(
    staff_client, internal
):
    html = page(staff_client, reverse("resources:index") + f"?q={SECRET}")
    assert f"{SECRET} om vold og trusler" in html
    assert INTERNAL_MARK in html


def test_staff_open_the_internal_resource_page_marked_internal(staff_client, internal):
    html = page(staff_client, internal["staff_only"].get_absolute_url())
    assert f"{SECRET} om vold og trusler" in html
    assert INTERNAL_MARK in html
    download = reverse(
        "resources:download", kwargs={"slug": internal["staff_only"].slug}
    )
    assert download in html


@pytest.mark.parametrize("owner", ["method", "offer"])
def test_staff_see_internal_material_on_related_pages(staff_client, internal, owner):
    html = page(staff_client, internal[owner].get_absolute_url())
    assert f"{SECRET} om vold og trusler" in html
    assert INTERNAL_MARK in html


def test_staff_find_internal_material_in_search(staff_client, internal):
    html = page(staff_client, reverse("search") + f"?q={SECRET}")
    assert f"{SECRET} om vold og trusler" in html
    assert f"{SECRET} kladde" not in html


def test_search_counts_only_what_the_visitor_may_see(staff_client, db):
    client = Client()
    for visibility in ("public", "staff", "draft"):
        ResourceFactory(title=f"Tælleord {visibility}", visibility=visibility)
    url = reverse("search") + "?q=Tælleord"

    def resource_count(response):
        types = {t.key: t.count for t in response.context["result"].types}
        return types["materialer"], response.context["total"]

    assert resource_count(client.get(url)) == (1, 1)
    assert resource_count(staff_client.get(url)) == (2, 2)


def test_the_resource_list_counts_only_what_the_visitor_may_see(client, db):
    for visibility in ("public", "staff", "draft"):
        ResourceFactory(title=f"Listeord {visibility}", visibility=visibility)
    response = client.get(reverse("resources:index") + "?q=Listeord")
    assert response.context["paginator"].count == 1


def test_knowledge_source_pages_count_only_visible_material(staff_client, db):
    client = Client()
    source = KnowledgeSourceFactory(name="Socialstyrelsen test")
    for visibility in ("public", "staff", "draft"):
        ResourceFactory(
            title=f"{SECRET} {visibility}"
            if visibility != "public"
            else "Åben rapport",
            visibility=visibility,
            source=source,
        )
    index = client.get(reverse("knowledge_sources:index"))
    counts = {s.slug: s.resource_count for s in index.context["sources"]}
    assert counts[source.slug] == 1
    detail = page(client, reverse("knowledge_sources:detail", args=[source.slug]))
    assert SECRET not in detail
    staff_index = staff_client.get(reverse("knowledge_sources:index"))
    staff_counts = {s.slug: s.resource_count for s in staff_index.context["sources"]}
    assert staff_counts[source.slug] == 2


def test_the_sitemap_lists_public_items_only(client, internal):
    sections = ("tilbud", "metoder", "materialer", "planer", "maal")
    xml = "".join(page(client, f"/sitemap-{section}.xml") for section in sections)
    assert internal["public"].slug in xml
    assert internal["method"].slug in xml
    for kind in ("staff_only", "draft", "draft_method", "draft_offer"):
        assert internal[kind].slug not in xml, kind


def test_a_resource_made_internal_disappears_from_cached_public_pages(
    admin_client, internal, settings
):
    settings.PAGE_CACHE_TIMEOUT = 600  # off in the test settings
    visitor = Client()
    resource = internal["public"]
    listing = reverse("resources:index") + "?q=Offentlig+vejledning"
    for url in [resource.get_absolute_url(), listing, "/sitemap-materialer.xml"]:
        visitor.get(url)
        cached = visitor.get(url)
        assert cached["X-Page-Cache"] == "hit"
        assert resource.slug in cached.content.decode()
    change = reverse("admin:resources_resource_change", args=[resource.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"file", "methods", "offers"}
    }
    data |= {"visibility": "staff", "last_reviewed_on": ""}
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert visitor.get(resource.get_absolute_url()).status_code == 404
    assert (
        resource.title not in visitor.get(reverse("resources:index")).content.decode()
    )
    sitemap = visitor.get("/sitemap-materialer.xml").content.decode()
    assert resource.slug not in sitemap


def test_an_item_answers_as_its_list_does(django_user_model):
    """``is_visible_to``, ``is_public`` and ``is_staff_only`` agree with
    ``visible_to`` for every value and every kind of visitor."""
    visitors = {
        "nobody": None,
        "anonymous": AnonymousUser(),
        "user": make_user(django_user_model, "user"),
        "staff": make_user(django_user_model, "staff"),
    }
    items = [
        *(ResourceFactory(visibility=value) for value in ("public", "staff", "draft")),
        *(OfferFactory(status=value) for value in ("published", "draft")),
        *(MethodFactory(status=value) for value in ("published", "draft")),
    ]
    for item in items:
        listed = {
            name
            for name, user in visitors.items()
            if type(item).objects.visible_to(user).filter(pk=item.pk).exists()
        }
        asked = {name for name, user in visitors.items() if item.is_visible_to(user)}
        assert asked == listed, item
        assert item.is_public == (listed == set(visitors)), item
        assert item.is_staff_only == (listed == {"staff"}), item
