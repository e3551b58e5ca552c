"""Writes through actions (core/actions.py and each app's actions.py): all or
nothing, in the change history with their channel, and announced as changed
content only once committed, which is what the page cache listens to."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from config.cache import content_version
from core.actions import Change, Channel
from core.signals import content_changed
from services import actions
from services.admin import OfferAdmin
from services.models import Offer
from tests.admin_forms import admin_form_data
from tests.factories import OfferFactory
from tests.security.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    """The content_changed signals sent, as (sender, change)."""
    sent = []

    def receive(sender, change, **kwargs):
        sent.append((sender, change))

    content_changed.connect(receive)
    yield sent
    content_changed.disconnect(receive)


@pytest.fixture
def curator(django_user_model):
    return make_user(django_user_model, "curator")


def test_an_admin_edit_is_announced_only_after_it_commits(
    client, curator, announced, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    offer = OfferFactory(summary="Før.")
    url = reverse("admin:services_offer_change", args=[offer.pk])
    data = admin_form_data(client.get(url)) | {
        "summary": "Efter.",
        "_change_reason": "Rettet",
    }

    with django_capture_on_commit_callbacks() as callbacks:
        assert client.post(url, data).status_code == 302
        assert announced == []  # saved, but not committed yet

    for callback in callbacks:
        callback()
    assert [sender for sender, _change in announced] == ["services"]
    change = announced[0][1]
    assert (change.user, change.channel, change.reason) == (curator, "admin", "Rettet")


def test_a_failing_admin_save_leaves_nothing_behind_and_announces_nothing(
    client, curator, announced, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    offer = OfferFactory(summary="Før.")
    url = reverse("admin:services_offer_change", args=[offer.pk])
    data = admin_form_data(client.get(url)) | {"summary": "Efter."}

    def fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    # The offer itself is saved first; then saving its addresses fails.
    monkeypatch.setattr(OfferAdmin, "save_related", fail)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            client.post(url, data)

    offer.refresh_from_db()
    assert offer.summary == "Før."
    assert offer.history.count() == 1
    assert announced == []


def test_an_action_outside_the_admin_is_stamped_with_its_channel(
    curator, announced, django_capture_on_commit_callbacks
):
    offer = OfferFactory()
    offer.summary = "Fra en kommando."
    change = Change(Channel.COMMAND, user=curator, reason="Oprydning")

    with django_capture_on_commit_callbacks(execute=True):
        actions.save(change, offer)

    latest = offer.history.latest()
    assert (latest.history_channel, latest.history_user) == ("command", curator)
    assert latest.history_change_reason == "Oprydning"
    assert announced == [("services", change)]


def test_loading_the_seed_content_is_recorded_with_the_channel_seed(seed):
    offer = Offer.objects.order_by("pk").first()
    seeded_summary = offer.summary
    Offer.objects.filter(pk=offer.pk).update(summary="Rettet uden om admin.")

    call_command("load_seed_content", "--update", verbosity=0)

    offer.refresh_from_db()
    assert offer.summary == seeded_summary
    latest = offer.history.latest()
    assert latest.history_channel == "seed"
    assert "services/seed" in latest.history_source
    assert latest.history_user is None


def test_the_page_cache_moves_on_when_an_action_announces_changed_content():
    before = content_version(("methods",))
    untouched = content_version(("goals",))

    content_changed.send(sender="methods", change=Change(Channel.ADMIN))

    assert content_version(("methods",)) != before
    assert content_version(("goals",)) == untouched
