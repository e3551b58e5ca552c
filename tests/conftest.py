"""Fixtures shared by the whole suite; the suite runs on SQLite or, with
DATABASE_URL set, on PostgreSQL."""

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def empty_cache():
    """Nothing a test cached (pages, content versions) reaches the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the municipality's seed content, loaded
    once; each test runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():
        call_command("load_seed_content", verbosity=0)


@pytest.fixture
def seed(db):
    """Declares that a test reads the seed content. A transactional test before it
    may have flushed the tables; then the content is loaded again."""
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
