"""Development, manage.py's default: DEBUG on, the embedded SQLite database
(unless DATABASE_URL says otherwise) and mail to the console.

These settings serve only a developer's machine, so DEBUG is on unless the
environment says ``DEBUG=0``, and with it base.py's development SECRET_KEY:
``manage.py createsuperuser`` works without either. Servers set
``DJANGO_SETTINGS_MODULE=config.settings.production``.
"""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402, F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
