"""Staff-only material and drafts never reach a visitor by any path; staff see the
staff-only material everywhere it belongs, marked as internal.

The ``internal`` fixture holds a staff-only and a draft resource (both with a
file, both linked to a public method and offer), and a draft method and offer
linked to the public ones. Their titles carry SECRET, so any page that leaks
them shows it.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    KnowledgeSourceFactory,
    MethodFactory,
    OfferFactory,
    ResourceFactory,
)

from .conftest import SECRET

pytestmark = pytest.mark.django_db

INTERNAL_MARK = "Kun for medarbejdere"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def public_pages(objects):
    # Searches use words from the hidden items, not SECRET itself: a search page
    # repeats what was searched for.
    search = reverse("search")
    return {
        "home": "/",
        "resource list": reverse("resources:index"),
        "offer list": reverse("services:index"),
        "method list": reverse("methods:index"),
        "method page": objects["method"].get_absolute_url(),
        "offer page": objects["offer"].get_absolute_url(),
        "public resource page": objects["public"].get_absolute_url(),
        "search: trusler": search + "?q=trusler",
        "search: kladde": search + "?q=kladde",
        "search: metode": search + "?q=metode",
        "search: tilbud": search + "?q=tilbud",
        "search: retningslinje": search + "?q=intern+retningslinje",
        "resource list search": reverse("resources:index") + "?q=trusler",
        "method list search": reverse("methods:index") + "?q=metode",
        "offer list search": reverse("services:index") + "?q=tilbud",
        "knowledge sources": reverse("knowledge_sources:index"),
        "sitemap": "/sitemap.xml",
        "sitemap: offers": "/sitemap-tilbud.xml",
        "sitemap: methods": "/sitemap-metoder.xml",
        "sitemap: resources": "/sitemap-materialer.xml",
    }


@pytest.mark.parametrize("role", ["anonymous", "user"])
def test_no_public_page_shows_internal_material_or_drafts(as_role, internal, role):
    client = as_role(role)
    leaks = {
        name: url
        for name, url in public_pages(internal).items()
        if SECRET in page(client, url)
    }
    assert leaks == {}


@pytest.mark.parametrize("role", ["anonymous", "user"])
@pytest.mark.parametrize("kind", ["staff_only", "draft"])
def test_internal_and_draft_resource_pages_are_not_found(as_role, internal, role, kind):
    client = as_role(role)
    resource = internal[kind]
    assert client.get(resource.get_absolute_url()).status_code == 404
    download = reverse("resources:download", kwargs={"slug": resource.slug})
    assert client.get(download).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "staff", "superuser"])
@pytest.mark.parametrize("kind", ["draft_method", "draft_offer"])
def test_draft_methods_and_offers_are_not_found_by_anyone(
    as_role, internal, role, kind
):
    client = as_role(role)
    assert client.get(internal[kind].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["staff", "curator", "manager", "superuser"])
def test_staff_never_see_drafts_on_public_pages(as_role, internal, role):
    client = as_role(role)
    for name, url in public_pages(internal).items():
        html = page(client, url)
        assert f"{SECRET} kladde" not in html, name
        assert f"{SECRET} metode" not in html, name
        assert f"{SECRET} tilbud" not in html, name


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
        groups = {group.key: group.count for group in response.context["groups"]}
        return groups["materialer"], response.context["total"]

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


def test_filters_do_not_offer_draft_methods_or_offers_as_choices(client, internal):
    for url in (
        reverse("resources:index"),
        reverse("methods:index"),
        reverse("services:index"),
    ):
        html = page(client, url)
        assert f"{SECRET} metode" not in html, url
        assert f"{SECRET} tilbud" not in html, url


def test_a_draft_parent_method_is_not_named_on_its_childs_page(client, db):
    parent = MethodFactory(name=f"{SECRET} overordnet", status="draft")
    child = MethodFactory(name="Barnemetode", parent=parent)
    assert SECRET not in page(client, child.get_absolute_url())


def test_a_draft_parent_offer_is_not_named_on_its_sub_offers_page(client, db):
    parent = OfferFactory(name=f"{SECRET} hovedtilbud", status="draft")
    child = OfferFactory(name="Deltilbud", parent=parent)
    assert SECRET not in page(client, child.get_absolute_url())


def test_a_draft_offer_is_not_named_on_a_goal_page(client, db):
    from tests.factories import GoalFactory

    offer = OfferFactory(name=f"{SECRET} ansvarligt tilbud", status="draft")
    goal = GoalFactory()
    responsible = [
        f.name
        for f in goal._meta.get_fields()
        if f.many_to_many and f.related_model is type(offer)
    ]
    if not responsible:
        pytest.skip("goals name no offers")
    getattr(goal, responsible[0]).add(offer)
    assert SECRET not in page(client, goal.get_absolute_url())
    assert SECRET not in page(client, goal.plan.get_absolute_url())


def test_the_sitemap_lists_public_items_only(client, internal):
    sections = ("tilbud", "metoder", "materialer", "planer", "maal")
    xml = "".join(page(client, f"/sitemap-{section}.xml") for section in sections)
    assert internal["public"].slug in xml
    assert internal["method"].slug in xml
    for kind in ("staff_only", "draft", "draft_method", "draft_offer"):
        assert internal[kind].slug not in xml, kind


def test_public_goal_exports_leave_out_draft_offers(client, db):
    from goals.views import EXPORT_FORMATS, EXPORTS
    from tests.factories import GoalFactory

    draft = OfferFactory(name=f"{SECRET} ansvarligt", status="draft")
    public = OfferFactory(name="Ansvarligt tilbud")
    goal = GoalFactory()
    goal.responsible_offers.add(draft, public)
    exported = ""
    for kind in EXPORTS:
        for fmt in EXPORT_FORMATS:
            url = reverse(
                "goals:export",
                kwargs={"slug": goal.plan.slug, "kind": kind, "fmt": fmt},
            )
            response = client.get(url)
            assert response.status_code == 200, url
            body = b"".join(getattr(response, "streaming_content", [response.content]))
            if fmt == "csv":
                exported += body.decode("utf-8-sig")
            assert draft.slug.encode() not in body, url
    assert public.slug in exported
    assert draft.slug not in exported


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
