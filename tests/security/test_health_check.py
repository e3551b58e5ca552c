"""The load balancer's probe: plain HTTP to the server's own address, under the
production settings, answers "ok" while every other page keeps the HTTPS
redirect and the Host check."""

import json

import pytest

from .test_settings import run

PROBE = """
import django, json
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client()
answers = {}
with CaptureQueriesContext(connection) as queries:
    for name, host, path, method in [
        ("probe by address", "10.0.0.11:8000", "/healthz", "get"),
        ("probe head", "10.0.0.11:8000", "/healthz", "head"),
        ("probe by name", "videnscenter.randers.dk", "/healthz", "get"),
        ("probe post", "10.0.0.11:8000", "/healthz", "post"),
        ("page by address", "10.0.0.11:8000", "/", "get"),
        ("page over http", "videnscenter.randers.dk", "/", "get"),
    ]:
        response = getattr(client, method)(path, HTTP_HOST=host)
        answers[name] = {
            "status": response.status_code,
            "body": response.content.decode(),
            "location": response.get("Location"),
            "nosniff": response.get("X-Content-Type-Options"),
            "csp": response.get("Content-Security-Policy"),
            "frame": response.get("X-Frame-Options"),
        }
answers["queries"] = len(queries)
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def answers():
    result = run(["-c", PROBE], {"LOG_LEVEL": "CRITICAL"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_plain_http_probe_to_the_server_address_gets_ok(answers):
    for name in ["probe by address", "probe by name"]:
        assert answers[name]["status"] == 200, answers[name]
        assert answers[name]["body"] == "ok"
        assert answers[name]["location"] is None
    assert answers["probe head"]["status"] == 200
    assert answers["probe post"]["status"] == 405
    assert answers["queries"] == 0


def test_the_probe_answer_carries_the_security_headers(answers):
    answer = answers["probe by address"]
    assert answer["nosniff"] == "nosniff"
    assert answer["frame"] == "DENY"
    assert "default-src 'self'" in answer["csp"]


def test_other_pages_keep_the_host_check_and_the_https_redirect(answers):
    assert answers["page by address"]["status"] == 400
    assert answers["page over http"]["status"] == 301
    assert answers["page over http"]["location"] == "https://videnscenter.randers.dk/"


def test_the_production_settings_exempt_only_the_probe_from_the_redirect():
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.SECURE_REDIRECT_EXEMPT, settings.MIDDLEWARE[0]]))"
    )
    result = run(["-c", code])
    assert result.returncode == 0, result.stderr
    exempt, first = json.loads(result.stdout.strip().splitlines()[-1])
    # The liveness and the readiness probe (issue #16), nothing else.
    assert exempt == [r"^healthz$", r"^healthz/ready$"]
    assert first == "config.middleware.HealthCheckMiddleware"
