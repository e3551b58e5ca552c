import subprocess
import sys

import pytest
from django.conf import settings


def run_settings(env, code="from django.conf import settings; settings.SECRET_KEY"):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.production"} | env,
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


def test_manage_py_runs_without_debug_or_secret_key_in_development():
    """README: ``manage.py createsuperuser`` on a fresh checkout, no variables."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", _PRINT_DEBUG],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "True", result.stderr


def test_development_settings_turn_debug_off_when_told():
    result = run_settings({"PATH": "/usr/bin:/bin", "DEBUG": "0"} | _LOCAL)
    assert "SECRET_KEY must be set" in result.stderr


_PRINT_DEBUG = "from django.conf import settings; print(settings.DEBUG)"
_LOCAL = {"DJANGO_SETTINGS_MODULE": "config.settings.local"}
