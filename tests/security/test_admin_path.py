"""The admin lives at ADMIN_URL_PATH, so an installation can move it away from
the address every scanner tries first."""

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

URLS_FILE = Path(__file__).resolve().parents[2] / "config" / "urls.py"


@pytest.fixture
def moved_admin(settings):
    """The project's URLconf built again with the admin at another path."""
    settings.ADMIN_URL_PATH = "forvaltning-7f3a/"
    spec = importlib.util.spec_from_file_location("config.moved_admin_urls", URLS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["config.moved_admin_urls"] = module
    settings.ROOT_URLCONF = "config.moved_admin_urls"
    yield
    del sys.modules["config.moved_admin_urls"]


def test_the_admin_answers_at_the_configured_path(client, moved_admin):
    response = client.get("/forvaltning-7f3a/")
    assert response.status_code == 302
    assert response["Location"].startswith("/forvaltning-7f3a/login/")


def test_the_default_path_is_gone_when_the_admin_moves(client, moved_admin):
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404


def test_a_moved_admin_still_works_for_a_superuser(admin_client, moved_admin):
    response = admin_client.get("/forvaltning-7f3a/resources/resource/")
    assert response.status_code == 200
