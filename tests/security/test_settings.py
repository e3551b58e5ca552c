"""Production settings pass Django's deployment checks; transport security is on
whenever DEBUG is off there, and configurable from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "p9$Kq2!vLm7#xR4@wZ8^nB3&hT6*yU1(jE5)cF0_gD-sA+iO=lP",
    "ALLOWED_HOSTS": "videnscenter.randers.dk",
    # Production shares one cache between workers (config/cache.py checks it).
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run(args, env=None):
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        env={**PRODUCTION, **(env or {})},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def production_settings(env=None):
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "CSRF_TRUSTED_ORIGINS",
    ]
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_passes_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_with_a_weak_secret_key():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {"SECRET_KEY": "short"},
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_transport_security_is_on_in_production():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_transport_security_is_configurable_from_the_environment():
    values = production_settings(
        {
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "3600",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
            "SECURE_HSTS_PRELOAD": "0",
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
            "CSRF_TRUSTED_ORIGINS": "https://videnscenter.randers.dk",
        }
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://videnscenter.randers.dk"]


def test_a_malformed_proxy_header_setting_stops_the_start():
    result = run(
        ["-c", "import django; django.setup()"],
        {"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"},
    )
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER" in result.stderr


@pytest.mark.parametrize(
    "name",
    ["SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"],
)
def test_the_test_settings_stay_on_plain_http(name):
    assert getattr(settings, name) is False


def test_cookies_are_not_readable_by_scripts_or_sent_cross_site():
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"


def test_upload_limits_are_set():
    assert settings.MAX_UPLOAD_SIZE == 25 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024


def test_a_per_process_page_cache_is_an_error_in_production():
    # Finding 3: with more than one worker and no shared cache, a resource
    # switched to staff-only stayed in the other workers' caches.
    env = {"REDIS_URL": ""}
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "config.E001" in result.stderr + result.stdout
    started = run(["-c", "import config.wsgi"], env)
    assert started.returncode != 0
    assert "config.E001" in started.stderr


@pytest.mark.parametrize(
    "env", [{"PAGE_CACHE_TIMEOUT": "0"}, {"WEB_CONCURRENCY": "1"}], ids=str
)
def test_a_per_process_cache_is_allowed_without_a_page_cache_or_with_one_worker(env):
    result = run(["manage.py", "check"], {"REDIS_URL": "", **env})
    assert result.returncode == 0, result.stderr
    assert "config.E001" not in result.stderr


@pytest.mark.parametrize(
    "key",
    ["short", "insecure-development-key-only-used-with-debug", "a" * 60],
)
def test_a_weak_or_published_secret_key_stops_production(key):
    result = run(["manage.py", "check"], {"SECRET_KEY": key})
    assert result.returncode != 0
    assert "config.E002" in result.stderr + result.stdout
    started = run(["-c", "import config.wsgi"], {"SECRET_KEY": key})
    assert started.returncode != 0


def test_the_wsgi_application_starts_with_sound_production_settings():
    result = run(["-c", "import config.wsgi; print('started')"])
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_database_waits_end_well_before_the_worker_timeout():
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    result = run(["-c", code], {"DATABASE_URL": "postgres://u@127.0.0.1:5432/x"})
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options["connect_timeout"] <= 5
    assert options["pool"]["timeout"] <= 5
