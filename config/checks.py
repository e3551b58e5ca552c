"""System checks of the portal's own (registered in config/apps.py)."""

from django.conf import settings
from django.core import checks

# Keys that are in the repository or Django's docs, so known to anyone.
KNOWN_KEYS = {
    "insecure-development-key-only-used-with-debug",
    "test-only-secret-key-not-for-production",
}
MIN_KEY_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5


@checks.register(checks.Tags.security)
def check_secret_key(app_configs=None, **kwargs):
    """Without DEBUG, a short, simple or published SECRET_KEY is an error, not
    Django's warning (security.W009): sessions, password-reset links and the
    CSRF tokens are only as strong as this key."""
    if settings.DEBUG or not getattr(settings, "PRODUCTION", False):
        return []
    key = settings.SECRET_KEY
    weak = (
        len(key) < MIN_KEY_LENGTH
        or len(set(key)) < MIN_UNIQUE_CHARACTERS
        or key.startswith("django-insecure")
        or key in KNOWN_KEYS
    )
    if not weak:
        return []
    return [
        checks.Error(
            "SECRET_KEY is short, simple or published.",
            hint=f"Set SECRET_KEY to at least {MIN_KEY_LENGTH} random characters, "
            "e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
            id="config.E002",
        )
    ]
