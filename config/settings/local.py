"""Development: the embedded SQLite database and mail to the console."""

from .base import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
