"""The portal against a database and a cache that are down (issue #16,
finding 11): the app is started in a subprocess with production settings
pointing at closed ports, and its answers and their timing are checked."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches

ROOT = Path(__file__).resolve().parents[2]
CLOSED = "127.0.0.1:9"  # the discard port: nothing listens there

PROBE = """
import json, time, django
from django.conf import settings
# No collectstatic here: the static files as the test settings serve them, so a
# page fails on the database, as a deployed one (with its manifest) would.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
django.setup()
from django.test import Client
client = Client(HTTP_HOST="videnscenter.randers.dk", raise_request_exception=False)
answers = {}
for path in ["/", "/materialer/", "/healthz", "/healthz/ready"]:
    started = time.monotonic()
    response = client.get(path, secure=True)
    answers[path] = {
        "status": response.status_code,
        "seconds": time.monotonic() - started,
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode()[:4000],
    }
print(json.dumps(answers))
"""


def run_app(env):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "p9$Kq2!vLm7#xR4@wZ8^nB3&hT6*yU1(jE5)cF0_gD-sA+iO=lP",
            "ALLOWED_HOSTS": "videnscenter.randers.dk",
            "DB_POOL_TIMEOUT": "2",
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_the_database_down_pages_answer_503_in_danish_within_seconds():
    answers = run_app(
        {
            "DATABASE_URL": f"postgres://postgres@{CLOSED}/videnscenter",
            "REDIS_URL": f"redis://{CLOSED}/0",
        }
    )
    for path in ("/", "/materialer/"):
        page = answers[path]
        assert page["status"] == 503, page["body"]
        assert "midlertidigt utilgængelig" in page["body"]
        assert page["retry_after"] == "60"
        # Far below gunicorn's 30 s worker timeout.
        assert page["seconds"] < 10
    assert answers["/healthz"]["status"] == 200
    ready = answers["/healthz/ready"]
    assert ready["status"] == 503
    assert json.loads(ready["body"]) == {
        "database": "unavailable",
        "cache": "unavailable",
    }
    assert ready["seconds"] < 10


@pytest.mark.django_db
def test_with_the_cache_down_every_page_still_answers(client, settings, seed):
    # Redis killed between two app servers: pages render without the cache.
    settings.PAGE_CACHE_TIMEOUT = 600
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": f"redis://{CLOSED}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    try:
        for path in ("/", "/materialer/", "/metoder/", "/tilbud/", "/soeg/?q=vold"):
            assert client.get(path).status_code == 200, path
        ready = client.get("/healthz/ready")
        assert ready.status_code == 200
        assert ready.json() == {"database": "ok", "cache": "unavailable"}
    finally:
        caches["default"].close()


@pytest.mark.django_db
def test_the_readiness_probe_reports_database_and_cache(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def shared_page_cache(settings):
    """The page cache in a real Redis, as in production; skipped without one."""
    import uuid

    import redis

    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.PAGE_CACHE_TIMEOUT = 600
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield caches["default"]
    caches["default"].clear()
    caches["default"].close()


def cut_off(cache, port):
    """Every connection of the cache's clients closed and pointed at ``port``."""
    for client in cache._cache.clients:
        pool = client.connection_pool
        pool.disconnect()
        pool.connection_kwargs["port"] = port
        pool.reset()  # idle connections would reconnect to their old port


def test_caching_resumes_when_the_cache_returns(client, seed, shared_page_cache):
    # Finding 11: Redis killed between two app servers, then started again.
    assert client.get("/metoder/")["X-Page-Cache"] == "miss"
    assert client.get("/metoder/")["X-Page-Cache"] == "hit"

    cut_off(shared_page_cache, 9)
    for path in ("/metoder/", "/tilbud/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response  # rendered, neither read nor kept

    cut_off(shared_page_cache, 6379)
    assert client.get("/tilbud/")["X-Page-Cache"] == "miss"
    assert client.get("/tilbud/")["X-Page-Cache"] == "hit"
