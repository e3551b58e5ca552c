"""Templates in production: compiled once per process (the cached loader)."""

import os
import subprocess
import sys
from pathlib import Path

from django.template import engines

ROOT = Path(__file__).resolve().parents[2]

SHOW_LOADERS = """
import django
django.setup()
from django.template import engines
print(*[type(loader).__module__ + "." + type(loader).__name__
        for loader in engines["django"].engine.template_loaders])
"""


def test_production_settings_use_the_cached_template_loader():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    output = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", SHOW_LOADERS],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=environment,
    ).stdout.split()
    assert output == ["django.template.loaders.cached.Loader"]


def test_a_template_is_compiled_once_per_process():
    engine = engines["django"].engine
    first = engine.get_template("goals/plan/detail.html")
    assert engine.get_template("goals/plan/detail.html") is first
