"""``{% fragment "name" obj ... %}…{% endfragment %}``: a part of a page that
is the same for everyone at one visibility level, stored by name, the objects
given and the content version (core/content_versions.py).

For the expensive, user-independent parts of a page (an offer's body, a
method's knowledge declaration and lists, a plan's goal table, a chart), so a
member of staff, whose page is always rendered afresh, reuses them too. The key
holds the visibility level (staff or public: core/visibility.py) and the
language, so a staff-only item never reaches a visitor's fragment, and the
version, so a save shows at once. A part that depends on the user or the clock
stays outside. A cache that is down never breaks a page: the part is rendered.
Switched off with ``FRAGMENT_CACHE_TIMEOUT = 0`` (the tests' default).

What only the fragments show need not be read when they all come from the
cache: a view puts ``prepare_fragments`` in the context (``prefetch_once``),
and the tag calls it before it renders a fragment, never on a hit.
"""

import hashlib
import logging

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils.translation import get_language

from ..content_versions import content_version
from ..visibility import is_staff

logger = logging.getLogger(__name__)
register = template.Library()

_KEY = "fragment:{digest}"


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a name and the objects the part shows."
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class FragmentNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self._render(context)
        parts = [v.resolve(context) for v in self.vary_on]
        return cached_part(request, parts, lambda: self._render(context))

    def _render(self, context):
        prepare = context.get("prepare_fragments")
        if callable(prepare):
            prepare()
        return self.nodelist.render(context)


def prefetch_once(obj, *lookups):
    """A ``prepare_fragments``: ``lookups`` prefetched onto ``obj`` the first
    time a fragment of the page is rendered, at the same queries as the
    queryset's own ``prefetch_related`` would cost."""
    done = []

    def prepare():
        if not done:
            done.append(True)
            prefetch_related_objects([obj], *lookups)

    return prepare


def cached_part(request, parts, render):
    """The part of a page named by ``parts`` (see ``fragment_key``): from the
    cache, else ``render()``, stored. For views that keep a part of their page
    (a list's results: core/views.py) as much as for the template tag."""
    stored = read_part(request, parts)
    if stored is not None:
        return stored
    rendered = render()
    store_part(request, parts, rendered)
    return rendered


def read_part(request, parts):
    """The stored part, or None: switched off, not stored, or no cache."""
    if not settings.FRAGMENT_CACHE_TIMEOUT:
        return None
    try:
        return cache.get(fragment_key(request, parts))
    except Exception:  # noqa: BLE001 - without a cache, render the part
        logger.exception("A page fragment could not be read from the cache")
        return None


def store_part(request, parts, rendered):
    timeout = settings.FRAGMENT_CACHE_TIMEOUT
    if not timeout:
        return
    try:
        cache.set(fragment_key(request, parts), rendered, timeout)
    except Exception:  # noqa: BLE001 - the part is shown all the same
        logger.exception("A page fragment could not be stored")


def fragment_key(request, parts):
    """The key of a fragment: its parts (an object by its model and primary
    key), the visibility level, the language and the content version."""
    level = "staff" if is_staff(getattr(request, "user", None)) else "public"
    names = [_part_name(part) for part in parts]
    text = "|".join([*names, level, get_language() or "", _version(request)])
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _KEY.format(digest=digest)


def _part_name(part):
    meta = getattr(part, "_meta", None)
    if meta is not None:
        return f"{meta.label_lower}:{part.pk}"
    return str(part)


def _version(request):
    # Read once per request: a page's fragments share one version.
    version = getattr(request, "_content_version", None)
    if version is None:
        version = content_version()
        request._content_version = version
    return version
