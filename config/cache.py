"""The page cache: anonymous renders of the public pages, kept until content changes.

What is cached: the full response of a page in ``CACHED_VIEWS`` for a visitor
who is not logged in and carries no session or message cookie, so the page is
the same for every such visitor (the public rules, the public content). Logged-in
users always get a fresh render: their pages can show staff-only material, and
nothing they see is stored. A response that sets a cookie, uses a CSRF token or
is anything but a plain 200 is not stored either.

How it stays current: a page is stored with the content version it was
rendered under, one value per app (``methods``, ``services``, ``resources``,
``goals``), and served only while the versions are unchanged (one read fetches
both). Every action (``core.actions``: the admin, the seed loader, restores)
announces its app's content changed once it commits (``core.signals.
content_changed``), which moves that app's version on, so the next request
builds the page again. As a safety net for writes outside an action, saving,
deleting or relinking anything in those apps moves its version on too, through
Django's model signals. Bulk writes that send no signals
call ``bump_content_version()`` themselves (``generate_dataset``) or announce
their app's change (``core.actions.announce``, the goals import); a plain
``queryset.update`` does neither. The version moves both at once and
again when the transaction commits, so a page rendered from the old data in
between is not kept. Pages whose text depends on the clock (an offer's "open
now") use a short timeout.

Where it is kept: Django's cache, Redis when ``REDIS_URL`` is set (shared by
every worker and app server, so a save on one invalidates all of them), local
memory otherwise (one process: development). A cache that is down never breaks
a page; the page is rendered as if nothing were cached.
"""

import hashlib
import logging
import os
import random

from django.apps import apps as django_apps
from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.core.cache.backends import redis as redis_backend
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from core.content_versions import (  # noqa: F401 - the page cache's API too
    VERSION_TIMEOUT,
    bump_content_version,
    content_version,
    move_versions,
    version_keys,
    version_of,
)
from core.signals import content_changed

logger = logging.getLogger(__name__)

CONTENT_APPS = tuple(settings.CONTENT_APPS)

# Public pages whose anonymous render is the same for every anonymous visitor.
CACHED_VIEWS = {
    "home",
    "search",
    "sitemap_index",
    "django.contrib.sitemaps.views.sitemap",
    "services:index",
    "services:detail",
    "services:urgent_help",
    "methods:index",
    "methods:detail",
    "resources:index",
    "resources:detail",
    "knowledge_sources:index",
    "knowledge_sources:detail",
    "goals:index",
    "goals:plan",
    "goals:goal",
    # The open data (api/): JSON, the same for everyone.
    "api:open_data",
    "api:hsds_index",
    "api:hsds_services",
    "api:hsds_service",
    "api:hsds_organizations",
    "api:hsds_organization",
    "api:hsds_service_at_locations",
    "api:hsds_service_at_location",
    "api:hsds_taxonomies",
    "api:hsds_taxonomy",
    "api:hsds_taxonomy_terms",
    "api:hsds_taxonomy_term",
    "api:api_page",
    "api:schema",
    "api:v1_methods",
    "api:v1_method",
    "api:v1_goals",
    "api:v1_goal",
}
# Seconds; pages that show what is open right now must not lag far behind.
SHORT_TIMEOUT_VIEWS = {"services:detail"}
SHORT_TIMEOUT = 60
_PAGE_KEY = "page:{language}:{digest}"
_MESSAGE_COOKIE = "messages"


def connect_signals():
    """Invalidate when an action announces changed content, on every save,
    delete and many-to-many change in the content apps (writes outside an
    action), and on every announced change (``core.signals.content_changed``).

    Connected model by model: a receiver for every sender would also stop
    Django's fast deletes everywhere (sessions, login attempts)."""
    for app in CONTENT_APPS:
        for model in django_apps.get_app_config(app).get_models(
            include_auto_created=True
        ):
            uid = f"config.cache.{model._meta.label_lower}"
            post_save.connect(_content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_content_changed, sender=model, dispatch_uid=uid)
            m2m_changed.connect(_links_changed, sender=model, dispatch_uid=uid)
    content_changed.connect(_content_announced, dispatch_uid="config.cache.actions")
    # The site's contact is on every page (the footer, the offers' contact).
    site_contact = django_apps.get_model("core", "SiteContact")
    for signal in (post_save, post_delete):
        signal.connect(
            _site_contact_changed,
            sender=site_contact,
            dispatch_uid="config.cache.site_contact",
        )


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous renders of ``CACHED_VIEWS`` (see the module).

    A page is stored with the content version it was rendered under; one read
    fetches the page and the current versions together, and the page is served
    only if they still match. It sits right after ``LocaleMiddleware`` (the key
    holds the language): a hit skips the middleware after it and the view,
    which a visitor without cookies does not need, and the stored response
    already carries what they would have added (X-Frame-Options)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pending = None
        view_name = _cacheable_view(request)
        if view_name is not None:
            key = page_key(request)
            keys = version_keys(CONTENT_APPS)
            try:
                found = cache.get_many([*keys, key])
            except Exception:  # noqa: BLE001 - without a cache, render the page
                logger.exception("The page cache could not be read")
            else:
                version = version_of(found, keys)
                entry = found.get(key)
                if entry is not None and entry[0] == version:
                    response = entry[1]
                    response["X-Page-Cache"] = "hit"
                    return response
                pending = (key, version, _timeout(view_name))
        response = self.get_response(request)
        if pending is not None and _storable(request, response):
            key, version, timeout = pending
            if getattr(response, "is_rendered", True):
                _store(key, version, response, timeout)
            else:
                response.add_post_render_callback(
                    lambda rendered: _store(key, version, rendered, timeout)
                )
            response["X-Page-Cache"] = "miss"
        return response


def page_key(request):
    """The key of a page: language and the full address."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return _PAGE_KEY.format(
        language=get_language(),
        digest=hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest(),
    )


class RedisCacheClient(redis_backend.RedisCacheClient):
    """Django builds a new ``redis.Redis`` client for every cache operation, and
    with redis-py 5 and later that costs about as much as the round trip to
    Redis itself; this one keeps one client per server (they are thread-safe).

    ``get_client`` is the method Django's client expects a custom client to
    replace (its comment names sharding); the clients are built here from the
    cache's ``LOCATION`` and ``OPTIONS`` with redis-py's public API, the same
    way Django builds its pools: writes go to the first server, reads to one of
    the others if there are more."""

    def __init__(
        self, servers, serializer=None, pool_class=None, parser_class=None, **options
    ):
        super().__init__(
            servers,
            serializer=serializer,
            pool_class=pool_class,
            parser_class=parser_class,
            **options,
        )
        import redis

        if isinstance(pool_class, str):
            pool_class = import_string(pool_class)
        if isinstance(parser_class, str):
            parser_class = import_string(parser_class)
        pool_class = pool_class or redis.ConnectionPool
        options = {
            "parser_class": parser_class or redis.connection.DefaultParser,
            **options,
        }
        self.clients = [
            redis.Redis(connection_pool=pool_class.from_url(server, **options))
            for server in servers
        ]

    def get_client(self, key=None, *, write=False):
        if write or len(self.clients) == 1:
            return self.clients[0]
        return random.choice(self.clients[1:])  # noqa: S311 - load spreading


class RedisCache(redis_backend.RedisCache):
    """Django's Redis cache with the client above (``CACHES`` in settings)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # Django 5.2 (django/core/cache/backends/redis.py) has no setting for
        # the client class: RedisCache builds ``self._class`` in its private
        # ``_cache``. Nothing public replaces it; tests/performance/
        # test_page_cache.py fails if an upgrade stops reading it.
        self._class = RedisCacheClient


@checks.register(checks.Tags.caches)
def check_shared_cache(app_configs=None, **kwargs):
    """Fail closed: several workers with a page cache of their own would keep
    serving a page after a save in another worker, a resource switched to
    staff-only included. In production that is an error, and the
    WSGI application refuses to start (config/wsgi.py), unless the page cache
    is off or WEB_CONCURRENCY says exactly one worker."""
    backend = settings.CACHES["default"]["BACKEND"]
    per_process = backend.endswith(("LocMemCache", "DummyCache"))
    production = getattr(settings, "PRODUCTION", False) and not settings.DEBUG
    if not production or not settings.PAGE_CACHE_TIMEOUT or not per_process:
        return []
    if os.environ.get("WEB_CONCURRENCY", "").strip() == "1":
        return []
    return [
        checks.Error(
            "The page cache is in each process's own memory and more than one "
            "worker may run: a save in one leaves stale, possibly staff-only, "
            "pages in the others.",
            hint="Set REDIS_URL, or PAGE_CACHE_TIMEOUT=0 to switch the page cache "
            "off, or WEB_CONCURRENCY=1 for a single worker.",
            id="config.E001",
        )
    ]


# Helpers.


def _content_announced(sender, **kwargs):
    """An action has committed (sent after the commit, so once is enough)."""
    if sender in CONTENT_APPS:
        move_versions((sender,))


def _content_changed(sender, **kwargs):
    app = sender._meta.app_label
    if app in CONTENT_APPS:
        bump_content_version(app)


def _site_contact_changed(sender, **kwargs):
    bump_content_version()


def _links_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        _content_changed(sender)


def _cacheable_view(request):
    """The name of the ``CACHED_VIEWS`` page a visitor without a session (so
    not logged in) or a message waiting asks for; None for anything else."""
    if not settings.PAGE_CACHE_TIMEOUT or request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if _MESSAGE_COOKIE in request.COOKIES:
        return None
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        return None
    return view_name if view_name in CACHED_VIEWS else None


def _timeout(view_name):
    if view_name in SHORT_TIMEOUT_VIEWS:
        return SHORT_TIMEOUT
    return settings.PAGE_CACHE_TIMEOUT


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a token meant for this visitor only
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    # A view that read the user (a login link with ``next``) is still the same
    # for every anonymous visitor; one that logged someone in is not.
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _store(key, version, response, timeout):
    try:
        cache.set(key, (version, response), timeout)
    except Exception:  # noqa: BLE001 - a page that cannot be stored is still served
        logger.exception("The page cache could not be written")
