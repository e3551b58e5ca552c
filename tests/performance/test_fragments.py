"""Fragments of pages shared by everyone at one visibility level, staff too
(core/templatetags/fragments.py): kept until the content changes, and a
staff-only item never reaches a visitor's fragment."""

import pytest
from django.test import Client
from django.urls import reverse

from core.actions import Change, Channel
from methods import actions as method_actions
from methods.models import Method
from resources.models import Resource
from services import actions as offer_actions
from services.models import Offer
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
