import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()


def _refuse_unsafe_settings():
    """gunicorn runs no system checks; the ones that guard against leaking
    staff-only material or a guessable key run here, so a server with such
    settings does not start (config.E001, config.E002)."""
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    errors = [
        message
        for message in checks.run_checks(
            tags=[checks.Tags.caches, checks.Tags.security]
        )
        if message.is_serious() and message.id.startswith("config.")
    ]
    if errors:
        raise ImproperlyConfigured("; ".join(str(error) for error in errors))


_refuse_unsafe_settings()
