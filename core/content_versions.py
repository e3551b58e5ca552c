"""Content versions: one value per content app, moved on whenever its content
changes, so anything stored under a version (a page, a fragment of one) is
never served once the content it was made from has changed.

The page cache (config/cache.py) stores whole anonymous pages under them and
moves them on (model signals, ``core.signals.content_changed``); templates
store fragments under them (``fragment_scope``, core/context_processors.py).
Kept in Django's cache: Redis in production, shared by every worker.
"""

import logging
import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

# Longer than anything is kept, so nothing outlives its version.
VERSION_TIMEOUT = 30 * 24 * 60 * 60

_VERSION_KEY = "content-version:{app}"


def content_apps():
    """The apps whose content pages show (``CONTENT_APPS`` in the settings:
    core names no app)."""
    return tuple(settings.CONTENT_APPS)


def content_version(apps=None):
    """The current content version of ``apps`` (all content apps if none), as a
    short string."""
    keys = version_keys(apps or content_apps())
    return version_of(cache.get_many(keys), keys)


def bump_content_version(*apps):
    """Move the version of ``apps`` (all content apps if none) on, now and again
    on commit, so nothing made from the old content is served again."""
    apps = apps or content_apps()
    move_versions(apps)
    transaction.on_commit(partial(move_versions, apps))


def move_versions(apps):
    # A clock value, not a counter: unique across workers without a read.
    stamp = time.time_ns()
    try:
        cache.set_many(
            {_VERSION_KEY.format(app=app): stamp for app in apps},
            timeout=VERSION_TIMEOUT,
        )
    except Exception:  # noqa: BLE001 - a cache outage must not stop a save
        logger.exception("Could not move the content version on")


def version_keys(apps):
    return [_VERSION_KEY.format(app=app) for app in apps]


def version_of(found, keys):
    """The version from a ``get_many`` of ``keys`` (the page cache reads the
    versions and the page in one round trip)."""
    return ".".join(str(found.get(key, 0)) for key in keys)
