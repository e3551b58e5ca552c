import subprocess
import sys

import pytest
from django.conf import settings


def run_settings(env, code="from django.conf import settings; settings.SECRET_KEY"):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_danish_is_the_language_and_copenhagen_the_time_zone():
    assert settings.LANGUAGE_CODE == "da"
    assert settings.TIME_ZONE == "Europe/Copenhagen"


def test_secret_key_is_required_when_debug_is_off():
    result = run_settings({"PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://u@127.0.0.1:5432/x", "django.db.backends.postgresql"),
        ("", "django.db.backends.sqlite3"),
    ],
)
def test_database_comes_from_database_url(url, engine):
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50}
    if url:
        env["DATABASE_URL"] = url
    code = "from django.db import connection; print(connection.settings_dict['ENGINE'])"
    result = run_settings(env, code)
    assert result.stdout.strip() == engine, result.stderr
