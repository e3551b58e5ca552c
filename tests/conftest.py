"""Fixtures shared by the whole suite; the suite runs on SQLite or, with
DATABASE_URL set, on PostgreSQL."""

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True, scope="session")
def test_client_logins_pass_the_second_factor():
    """The test client's ``login()`` and ``force_login()`` stand for a finished
    login, second factor included: they get a confirmed app device and a
    verified session, so a test about a page need not type a code. Logins
    over HTTP (``client.post("/log-ind/", ...)``, the browser tests) pass no such
    shortcut and meet the real two-factor step (tests/security/test_two_factor.py).
    """
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(_verify_test_client_login, dispatch_uid="tests.otp")
    yield
    user_logged_in.disconnect(dispatch_uid="tests.otp")


def _verify_test_client_login(sender, request, user, **kwargs):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # The test client logs in with a bare HttpRequest; a real request (also
    # one from the test client's get/post) always has REMOTE_ADDR.
    if request is None or "REMOTE_ADDR" in request.META:
        return
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test-client", defaults={"confirmed": True}
    )
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Nothing a test cached (pages, content versions) reaches the next test.

    The search's synonyms are read into the cache again before the test, as a
    running site has them cached: a query count then counts what each request
    costs, not the one read after a synonym changes."""
    from django.core.cache import cache

    cache.clear()
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction")
    if "db" in request.fixturenames or (marker is not None and not transactional):
        from core.search import synonym_groups

        request.getfixturevalue("db")
        synonym_groups()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def site_contact_cached(request, empty_cache):
    """Every page's footer reads the site contact from the database once and
    then from the cache (``core.models.SiteContact.current``); a test that
    counts a page's queries sees that steady state, not the first read."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction")
    if "transactional_db" in request.fixturenames or "live_server" in (
        request.fixturenames
    ):
        return
    if transactional or ("db" not in request.fixturenames and marker is None):
        return
    request.getfixturevalue("db")
    from core.models import SiteContact

    SiteContact.current()


# The seed content (docs/seed-content.md) is loaded ONCE
# per test session, into the test database every test starts from:
# - a test that reads it asks for the `seed` fixture (or marks its module with
#   `pytest.mark.usefixtures("seed")`) and never loads it again itself;
# - a test that writes runs, as every `db` test does, in a transaction that is
#   rolled back at its end, so the next test finds the seed content as loaded,
#   whatever order the tests run in;
# - a test that needs rows the seed lacks makes them with tests/factories.py;
#   the seed content is always there, so a test counts what it made, not a
#   table's total.
# On PostgreSQL with --reuse-db (pyproject addopts) a kept test database is
# loaded again at the start of the session; the loader is idempotent, so that
# run only checks. CI passes --create-db and starts from an empty database.


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the seed content loaded once."""
    with django_db_blocker.unblock():
        call_command("load_seed_content", verbosity=0)


@pytest.fixture
def seed(db):
    """Declares that a test reads the seed content (loaded once per session by
    django_db_setup). A transactional test (`transactional_db`, live_server)
    flushes the tables when it ends; the next test that reads the seed then
    loads it again."""
    from services.models import Offer

    if not Offer.objects.exists():
        call_command("load_seed_content", verbosity=0)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.com", password="pw-for-tests-only"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
