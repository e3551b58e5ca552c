"""Reads and writes of small values kept in Django's cache, for code that must
work when the cache is down: a Redis outage then costs a database query, never
a page. (The page and fragment caches have their own guards.)"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

#: What ``get`` returns when the value is missing or the cache cannot be read.
MISSING = object()


def get(key):
    """The cached value of ``key``, or ``MISSING``."""
    try:
        return cache.get(key, MISSING)
    except Exception:  # noqa: BLE001 - without a cache, compute the value
        logger.warning("The cache could not be read (%s)", key, exc_info=True)
        return MISSING


def set(key, value, timeout):  # noqa: A001 - the cache's own word
    try:
        cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001 - a value not kept is computed again
        logger.warning("The cache could not be written (%s)", key, exc_info=True)


def delete(key):
    try:
        cache.delete(key)
    except Exception:  # noqa: BLE001 - the value then expires by its timeout
        logger.warning("The cache could not be cleared (%s)", key, exc_info=True)
