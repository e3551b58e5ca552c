"""The page cache (config/cache.py): anonymous renders are kept, an editor's save
shows at once, and nothing staff-only reaches an anonymous visitor."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from resources.models import Resource
from services.models import Offer
from tests.admin_forms import admin_form_data
from tests.factories import ResourceFactory

CACHE_HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_TIMEOUT = 600


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user(
        username="medarbejder", password="pw-for-tests-only", is_staff=True
    )
    client = Client()
    client.force_login(user)
    return client


def test_an_anonymous_page_is_served_from_the_cache_without_queries(
    seed, visitor, django_assert_num_queries
):
    assert visitor.get("/tilbud/")[CACHE_HEADER] == "miss"

    with django_assert_num_queries(0):
        response = visitor.get("/tilbud/")

    assert response.status_code == 200
    assert response[CACHE_HEADER] == "hit"


def test_an_editor_sees_the_change_saved_in_the_admin_at_once(
    seed, visitor, admin_client
):
    resource = Resource.objects.visible_to(None).order_by("pk").first()
    detail = resource.get_absolute_url()
    visitor.get(detail)
    visitor.get("/materialer/")
    assert visitor.get(detail)[CACHE_HEADER] == "hit"

    change = reverse("admin:resources_resource_change", args=[resource.pk])
    data = admin_form_data(admin_client.get(change))
    data["title"] = "Ny titel fra redaktøren"
    saved = admin_client.post(change, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors

    for address in (detail, "/materialer/"):
        response = visitor.get(address)
        assert response[CACHE_HEADER] == "miss"
        assert "Ny titel fra redaktøren" in response.content.decode()
    # The editor's own view is never cached either.
    assert CACHE_HEADER not in admin_client.get(detail)


def test_a_new_link_between_pages_shows_at_once(seed, visitor):
    offer = Offer.objects.filter(status="published").order_by("pk").first()
    resource = ResourceFactory(title="Et helt nyt materiale", visibility="public")
    page = offer.get_absolute_url()
    assert "Et helt nyt materiale" not in visitor.get(page).content.decode()

    resource.offers.add(offer)  # many-to-many: m2m_changed moves the version on

    assert "Et helt nyt materiale" in visitor.get(page).content.decode()


def test_a_deleted_offer_leaves_the_cached_list_at_once(seed, visitor):
    offer = Offer.objects.filter(status="published", parent=None).order_by("pk")[0]
    address, listing = offer.get_absolute_url(), "/tilbud/?q=" + offer.name
    assert address in visitor.get(listing).content.decode()

    offer.delete()

    assert address not in visitor.get(listing).content.decode()


def test_staff_only_material_never_reaches_an_anonymous_visitor_through_the_cache(
    seed, visitor, staff_client
):
    ResourceFactory(title="Intern procedure for nattevagter", visibility="staff")
    search = "/soeg/?q=nattevagter"

    # Staff first: what staff sees is not stored for anyone.
    staff_page = staff_client.get(search)
    assert "Intern procedure for nattevagter" in staff_page.content.decode()
    assert CACHE_HEADER not in staff_page
    anonymous = visitor.get(search)
    assert anonymous[CACHE_HEADER] == "miss"
    assert "Intern procedure for nattevagter" not in anonymous.content.decode()

    # Anonymous first: staff still gets their own page, not the cached one.
    assert visitor.get(search)[CACHE_HEADER] == "hit"
    staff_again = staff_client.get(search)
    assert CACHE_HEADER not in staff_again
    assert "Intern procedure for nattevagter" in staff_again.content.decode()


def test_a_visitor_with_a_session_gets_a_fresh_page(seed, visitor):
    visitor.get("/metoder/")
    visitor.cookies["sessionid"] = "not-a-session"

    response = visitor.get("/metoder/")

    assert response.status_code == 200
    assert CACHE_HEADER not in response


def test_pages_work_when_the_cache_is_down(seed, settings, visitor, admin_client):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    offer = Offer.objects.filter(status="published").order_by("pk").first()
    offer.summary = "Gemt, selv om cachen er nede."
    offer.save()

    response = visitor.get(offer.get_absolute_url())

    assert response.status_code == 200
    assert "Gemt, selv om cachen er nede." in response.content.decode()


def redis_cache(settings, location):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture
def redis_clients_made(monkeypatch):
    """Every ``redis.Redis`` built from here on."""
    import redis

    made = []
    build = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        made.append(self)
        build(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting)
    return made


def test_the_page_cache_keeps_one_redis_client(
    db, settings, visitor, redis_clients_made
):
    import redis

    location = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(location).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    redis_clients_made.clear()
    redis_cache(settings, location)

    assert visitor.get("/metoder/")[CACHE_HEADER] == "miss"
    assert visitor.get("/metoder/")[CACHE_HEADER] == "hit"
    assert len(redis_clients_made) == 1


def test_a_cache_that_is_down_costs_no_new_client_per_request(
    db, settings, visitor, redis_clients_made
):
    redis_cache(settings, "redis://127.0.0.1:1/0")  # nothing listens there

    for _visit in range(3):
        assert visitor.get("/metoder/").status_code == 200
    assert len(redis_clients_made) == 1


def test_a_bulk_import_of_figures_shows_at_once(seed, visitor):
    import datetime
    from decimal import Decimal

    from core.signals import content_changed
    from goals.models import Goal, Measurement

    goal = Goal.objects.filter(baseline__isnull=False).order_by("pk").first()
    page = goal.get_absolute_url()
    visitor.get(page)
    assert visitor.get(page)[CACHE_HEADER] == "hit"

    # As the import does it: in bulk, then the announcement.
    Measurement.objects.bulk_create(
        [
            Measurement(
                goal=goal,
                value=Decimal("42.5"),
                period_label="2031",
                period_start=datetime.date(2031, 1, 1),
                period_end=datetime.date(2031, 12, 31),
            )
        ]
    )
    content_changed.send(sender="goals", change=None)

    response = visitor.get(page)
    assert response[CACHE_HEADER] == "miss"
    assert "2031" in response.content.decode()
