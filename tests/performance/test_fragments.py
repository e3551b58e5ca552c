"""Fragments of pages shared by everyone at one visibility level, staff too
(core/templatetags/fragments.py): kept until the content changes, and a
staff-only item never reaches a visitor's fragment."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from core.actions import Change, Channel
from methods import actions as method_actions
from methods.models import Method
from resources.models import Resource
from services import actions as offer_actions
from services.models import Location, Offer, OfferKind
from tests.factories import MethodFactory, OfferFactory, ResourceFactory


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.FRAGMENT_CACHE_TIMEOUT = 600


@pytest.fixture
def staff_client(django_user_model):
    staff = django_user_model.objects.create_user(
        username="medarbejder", password="pw-for-tests-only", is_staff=True
    )
    client = Client()
    client.force_login(staff)
    return client


def change():
    return Change(channel=Channel.ADMIN)


def test_a_staff_page_reuses_its_fragment_until_a_save(staff_client):
    offer = OfferFactory(status="published", description="Første udgave.")
    assert "Første udgave." in staff_client.get(offer.get_absolute_url()).text
    # Written behind the portal's back (no signal, no version): the stored
    # fragment is served, so the page was not rendered again.
    Offer.objects.filter(pk=offer.pk).update(description="Skjult ændring.")
    page = staff_client.get(offer.get_absolute_url()).text
    assert "Første udgave." in page and "Skjult ændring." not in page

    offer.refresh_from_db()
    offer.description = "Anden udgave."
    offer_actions.save(change(), offer)
    page = staff_client.get(offer.get_absolute_url()).text
    assert "Anden udgave." in page and "Første udgave." not in page


def test_a_method_save_shows_at_once_for_visitors_and_staff(staff_client, client):
    method = MethodFactory(status="published", core_elements="Kerne A.")
    assert "Kerne A." in client.get(method.get_absolute_url()).text
    assert "Kerne A." in staff_client.get(method.get_absolute_url()).text
    method.core_elements = "Kerne B."
    method_actions.save(change(), method)
    for reader in (client, staff_client):
        page = reader.get(method.get_absolute_url()).text
        assert "Kerne B." in page and "Kerne A." not in page


def test_a_staff_only_item_never_reaches_a_visitors_fragment(staff_client, client):
    method = MethodFactory(status="published")
    internal = ResourceFactory(
        title="Intern vejledning", visibility=Resource.Visibility.STAFF
    )
    internal.methods.add(method)
    # Staff first: their fragment holds the internal item.
    assert "Intern vejledning" in staff_client.get(method.get_absolute_url()).text
    assert "Intern vejledning" not in client.get(method.get_absolute_url()).text
    # And the other way round, on a page whose public fragment was made first.
    other = MethodFactory(status="published")
    internal.methods.add(other)
    Method.objects.filter(pk=other.pk).update(summary="Ingen signal her.")
    assert "Intern vejledning" not in client.get(other.get_absolute_url()).text
    assert "Intern vejledning" in staff_client.get(other.get_absolute_url()).text


def test_the_fragment_key_holds_level_language_and_version(rf, django_user_model):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from core.content_versions import bump_content_version
    from core.templatetags.fragments import fragment_key

    method = MethodFactory()
    staff = django_user_model(username="s", is_staff=True)

    def key(user, language="da"):
        request = rf.get("/")
        request.user = user
        with translation.override(language):
            return fragment_key(request, ["method", method])

    anonymous = key(AnonymousUser())
    assert anonymous != key(staff)
    assert anonymous != key(AnonymousUser(), "en")
    bump_content_version("methods")
    assert anonymous != key(AnonymousUser())
    assert reverse("methods:detail", kwargs={"slug": method.slug})


def test_a_staff_list_is_served_from_its_part_until_a_save(staff_client):
    from django.db.models.signals import post_init

    offer = OfferFactory(status="published", name="Varmestuen")
    # The offer's own kind narrows the list to it (the seed fills the first
    # page); each request has a new, ignored parameter, as a cache buster
    # would add: the same filters and page name the same stored results.
    address = f"/tilbud/?kind={offer.kind.slug}&utm="
    assert "Varmestuen" in staff_client.get(f"{address}1").text
    Offer.objects.filter(pk=offer.pk).update(name="Skjult navn")
    loaded = []

    def count(sender, **kwargs):
        loaded.append(sender)

    post_init.connect(count, weak=False, dispatch_uid="test-list-part")
    try:
        page = staff_client.get(f"{address}2").text
    finally:
        post_init.disconnect(dispatch_uid="test-list-part")
    assert "Varmestuen" in page and "Skjult navn" not in page
    # The cards' kinds and addresses (and the filter's kinds) were not read.
    assert OfferKind not in loaded and Location not in loaded, "not from the part"

    offer.refresh_from_db()
    offer.name = "Natcaféen"
    offer_actions.save(change(), offer)
    page = staff_client.get(f"{address}3").text
    assert "Natcaféen" in page and "Varmestuen" not in page


def test_a_list_part_is_kept_per_filter_and_page(staff_client):
    first = OfferFactory(status="published", name="Varmestuen")
    OfferFactory.create_batch(24, status="published", kind=first.kind)
    narrowed = staff_client.get(f"/tilbud/?kind={first.kind.slug}").text
    second = staff_client.get(f"/tilbud/?kind={first.kind.slug}&page=2").text
    whole = staff_client.get("/tilbud/").text
    assert "25 tilbud matcher dit valg" in narrowed and "Side 1 af 2" in narrowed
    assert "Side 2 af 2" in second
    assert "25 tilbud matcher" not in whole and "Side 1 af 2" not in whole


def test_a_staff_only_item_never_reaches_a_visitors_list(staff_client, client):
    # A year of their own narrows the list to these (the seed fills a page).
    ResourceFactory(
        title="Intern vejledning", year=1990, visibility=Resource.Visibility.STAFF
    )
    ResourceFactory(title="Offentlig vejledning", year=1990)
    # Staff first: their part of the list holds the internal item.
    assert "Intern vejledning" in staff_client.get("/materialer/?year=1990&x=1").text
    page = client.get("/materialer/?year=1990&x=2").text
    assert "Offentlig vejledning" in page and "Intern vejledning" not in page
    # And the other way round: the visitors' part is made first.
    ResourceFactory(
        title="Anden intern", year=1991, visibility=Resource.Visibility.STAFF
    )
    ResourceFactory(title="Anden offentlig", year=1991)
    assert "Anden intern" not in client.get("/materialer/?year=1991&x=3").text
    assert "Anden intern" in staff_client.get("/materialer/?year=1991&x=4").text


def test_list_links_carry_only_the_lists_own_parameters(client, db):
    kind = OfferFactory(status="published").kind
    OfferFactory.create_batch(24, status="published", kind=kind)
    page = client.get(f"/tilbud/?utm_source=nyhedsbrev&q=&kind={kind.slug}").text
    pagination = page[page.index('<nav class="pagination') :]
    pagination = pagination[: pagination.index("</nav>")]
    assert f'href="?kind={kind.slug}&amp;page=2"' in pagination
    assert "utm_source" not in pagination
    # Only the list's own filters and page make "Nulstil" appear.
    assert ">Nulstil<" not in client.get("/tilbud/?utm_source=nyhedsbrev").text
    assert ">Nulstil<" in client.get("/tilbud/?access=walk_in").text


def test_a_goal_page_is_kept_until_a_figure_is_saved(staff_client, client):
    from goals import actions as goal_actions
    from goals.models import Measurement
    from tests.factories import MeasurementFactory

    measurement = MeasurementFactory(value=Decimal("41.7"))
    goal = measurement.goal
    for reader in (staff_client, client):
        assert "41,7" in reader.get(goal.get_absolute_url()).text
    Measurement.objects.filter(pk=measurement.pk).update(value=Decimal("43.9"))
    assert "43,9" not in staff_client.get(goal.get_absolute_url()).text
    measurement.refresh_from_db()
    measurement.value = Decimal("47.3")
    goal_actions.save(change(), measurement)
    for reader in (staff_client, client):
        page = reader.get(goal.get_absolute_url()).text
        assert "47,3" in page and "41,7" not in page


def test_a_resource_page_is_kept_until_a_save_and_per_level(staff_client, client):
    from resources import actions as resource_actions

    resource = ResourceFactory(title="Vejledning om bostøtte")
    resource.methods.add(MethodFactory(status="published", name="Offentlig metode"))
    resource.methods.add(MethodFactory(status="draft", name="Kladdemetode"))
    for reader in (staff_client, client):
        page = reader.get(resource.get_absolute_url()).text
        assert "Offentlig metode" in page and "Kladdemetode" not in page
    Resource.objects.filter(pk=resource.pk).update(publisher="Skjult forlag")
    assert "Skjult forlag" not in staff_client.get(resource.get_absolute_url()).text
    resource.refresh_from_db()
    resource.publisher = "Nyt forlag"
    resource_actions.save(change(), resource)
    for reader in (staff_client, client):
        assert "Nyt forlag" in reader.get(resource.get_absolute_url()).text
