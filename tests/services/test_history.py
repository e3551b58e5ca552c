"""Offers in the admin: every change is in the offer's history with who, when,
why and through which channel; an old version can be saved back; "Bekræft
oplysningerne" records who confirmed the information, and the list shows which
offers are due for it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from services.models import Location, Offer
from tests.admin_forms import admin_form_data
from tests.factories import LocationFactory, OfferFactory, TargetGroupFactory
from tests.security.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(django_user_model):
    return make_user(django_user_model, "curator")


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


def change_url(offer):
    return reverse("admin:services_offer_change", args=[offer.pk])


def edit(client, offer, **changes):
    page = client.get(change_url(offer))
    assert page.status_code == 200
    return client.post(change_url(offer), admin_form_data(page) | changes)


def test_an_edit_with_a_reason_shows_in_the_history_with_user_and_channel(
    curator_client, curator
):
    offer = OfferFactory(summary="Før.")

    response = edit(curator_client, offer, summary="Efter.", _change_reason="Ny leder")

    assert response.status_code == 302
    latest = offer.history.latest()
    assert (latest.summary, latest.history_user, latest.history_channel) == (
        "Efter.",
        curator,
        "admin",
    )
    assert latest.history_change_reason == "Ny leder"
    page = curator_client.get(
        reverse("admin:services_offer_history", args=[offer.pk])
    ).content.decode()
    assert "Ny leder" in page
    assert "Administration" in page
    assert curator.get_username() in page


def test_the_reason_field_is_on_the_change_form_not_for_those_who_only_view(
    curator_client, client, django_user_model
):
    offer = OfferFactory()
    page = curator_client.get(change_url(offer))
    assert "Årsag til ændringen" in page.content.decode()

    client.force_login(make_user(django_user_model, "manager"))
    page = client.get(change_url(offer))
    assert page.status_code == 200
    assert "Årsag til ændringen" not in page.content.decode()


def test_a_too_long_reason_is_a_form_error_and_nothing_is_saved(curator_client):
    offer = OfferFactory(summary="Før.")

    response = edit(curator_client, offer, summary="Efter.", _change_reason="x" * 101)

    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.summary == "Før."


def test_an_edit_of_an_address_inline_is_in_the_address_history(
    curator_client, curator
):
    location = LocationFactory(street="Gammel Vej 1")
    page = curator_client.get(change_url(location.offer))
    data = admin_form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-0-street"] = "Ny Vej 2"

    response = curator_client.post(
        change_url(location.offer), data | {"_change_reason": "Flyttet"}
    )

    assert response.status_code == 302
    latest = Location.history.filter(id=location.pk).latest()
    assert (latest.street, latest.history_user, latest.history_channel) == (
        "Ny Vej 2",
        curator,
        "admin",
    )
    assert latest.history_change_reason == "Flyttet"


def test_a_curator_restores_an_old_version_from_the_admin(curator_client, curator):
    offer = OfferFactory(summary="Den oprindelige tekst.", phone="11 11 11 11")
    original = offer.history.earliest()
    edit(curator_client, offer, summary="En fejlagtig rettelse.", phone="")
    offer.refresh_from_db()
    assert offer.summary == "En fejlagtig rettelse."

    version_url = reverse(
        "admin:services_offer_simple_history", args=[offer.pk, original.history_id]
    )
    page = curator_client.get(version_url)
    assert page.status_code == 200
    response = curator_client.post(version_url, admin_form_data(page))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.summary, offer.phone) == ("Den oprindelige tekst.", "11 11 11 11")
    restore = offer.history.latest()
    assert (restore.history_user, restore.history_channel) == (curator, "admin")
    assert restore.history_change_reason.startswith("Gendannet fra versionen af")
    assert offer.history.count() == 3


def test_a_manager_may_view_an_offers_history_but_not_restore_it(
    client, django_user_model
):
    offer = OfferFactory(summary="Den oprindelige tekst.")
    original = offer.history.earliest()
    Offer.objects.filter(pk=offer.pk).update(summary="Rettet.")
    client.force_login(make_user(django_user_model, "manager"))
    version_url = reverse(
        "admin:services_offer_simple_history", args=[offer.pk, original.history_id]
    )
    page = client.get(version_url)
    assert page.status_code == 200

    response = client.post(version_url, admin_form_data(page))

    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.summary == "Rettet."
    assert offer.history.count() == 1


def test_confirming_the_information_sets_date_and_user_and_is_in_the_history(
    curator_client, curator
):
    first, second, untouched = OfferFactory.create_batch(3, last_verified_on=None)
    updated_at = first.updated_at

    response = curator_client.post(
        reverse("admin:services_offer_changelist"),
        {"action": "verify", "_selected_action": [first.pk, second.pk]},
    )

    assert response.status_code == 302
    today = timezone.localdate()
    for offer in (first, second):
        offer.refresh_from_db()
        assert (offer.last_verified_on, offer.last_verified_by) == (today, curator)
        latest = offer.history.latest()
        assert latest.history_change_reason == "Oplysningerne er bekræftet"
        assert (latest.history_user, latest.history_channel) == (curator, "admin")
    assert first.updated_at == updated_at  # confirming is not changing
    untouched.refresh_from_db()
    assert untouched.last_verified_on is None


def test_a_manager_cannot_confirm_offers(client, django_user_model):
    offer = OfferFactory(last_verified_on=None)
    client.force_login(make_user(django_user_model, "manager"))

    client.post(
        reverse("admin:services_offer_changelist"),
        {"action": "verify", "_selected_action": [offer.pk]},
    )

    offer.refresh_from_db()
    assert offer.last_verified_on is None
    assert offer.history.count() == 1


def test_the_overdue_filter_lists_exactly_the_offers_due(curator_client, settings):
    settings.VERIFICATION_MAX_AGE_MONTHS = 12
    today = timezone.localdate()
    fresh = OfferFactory(name="Quokka frisk", last_verified_on=today)
    edge = OfferFactory(
        name="Quokka grænse", last_verified_on=today - datetime.timedelta(days=330)
    )
    old = OfferFactory(
        name="Quokka gammel", last_verified_on=today - datetime.timedelta(days=400)
    )
    never = OfferFactory(name="Quokka aldrig", last_verified_on=None)
    url = reverse("admin:services_offer_changelist")

    def listed(choice):
        page = curator_client.get(url, {"q": "Quokka", "skal_bekraeftes": choice})
        return set(page.context["cl"].result_list)

    assert listed("ja") == {old, never}
    assert listed("nej") == {fresh, edge}
    page = curator_client.get(url, {"q": "Quokka"}).content.decode()
    assert page.count("– skal bekræftes") == 2  # the column marks the two due

    settings.VERIFICATION_MAX_AGE_MONTHS = 24
    assert listed("ja") == {never}


def test_a_bulk_delete_is_recorded_per_offer(curator_client, curator):
    offers = OfferFactory.create_batch(2)

    response = curator_client.post(
        reverse("admin:services_offer_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [o.pk for o in offers],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    for offer in offers:
        deleted = Offer.history.filter(id=offer.pk).latest()
        assert (deleted.history_type, deleted.history_user) == ("-", curator)
        assert deleted.history_channel == "admin"


def test_linking_a_target_group_is_in_the_offers_history(curator_client, curator):
    offer = OfferFactory()
    group = TargetGroupFactory(name="Quokkamålgruppe")

    response = edit(
        curator_client,
        offer,
        target_groups=[str(group.pk)],
        _change_reason="Ny målgruppe",
    )

    assert response.status_code == 302
    latest = offer.history.latest()
    assert list(latest.target_groups.values_list("targetgroup", flat=True)) == [
        group.pk
    ]
    assert (latest.history_user, latest.history_channel) == (curator, "admin")
    assert latest.history_change_reason == "Ny målgruppe"
