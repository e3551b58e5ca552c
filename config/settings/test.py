"""Tests: SQLite unless DATABASE_URL names PostgreSQL; fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from .base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test client's login() authenticates without a request; HTTP logins in
# tests still go through the lockout exactly as in production.
AUTHENTICATION_BACKENDS = [
    "config.auth_backends.TestClientLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_VERBOSE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test process has its own cache; the page cache is off so a test sees its
# own writes, also ones that bypass signals. tests/performance switches it on.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_TIMEOUT = 0
FRAGMENT_CACHE_TIMEOUT = 0
# Tests serve static files straight from static/ (no collectstatic), as the
# development server does.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
