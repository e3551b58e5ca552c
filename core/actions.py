"""Writes: every change to curated content goes through an action.

An action is a function in an app's ``actions.py`` (``services.actions.verify``)
that takes a ``Change``: who does it, through which channel, why, and from which
file. It runs its writes inside ``recorded(change, app)``, which

- makes them atomic (all or nothing);
- stamps every history row written meanwhile with the change's user, reason,
  channel and source (``core.history``), so the change log says who, when, why
  and how for every curated model;
- sends ``core.signals.content_changed`` for each app touched, after the
  transaction commits (never for a write that was rolled back), so the page
  cache and the search index react once, to committed content.

Admin saves, spreadsheet imports, the seed loader and restores from history all
enter through actions; nothing else writes curated content.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .signals import content_changed

REASON_LENGTH = 100  # django-simple-history's history_change_reason
SOURCE_LENGTH = 255


class Channel(models.TextChoices):
    """Through which door a change came in."""

    ADMIN = "admin", _("Administration")
    IMPORT = "import", _("Regnearksimport")
    SEED = "seed", _("Grundindhold")
    API = "api", _("API")
    COMMAND = "command", _("Kommando")


@dataclass(frozen=True)
class Change:
    """The who, why and how of one write."""

    channel: str
    user: object = None
    reason: str = ""
    source: str = ""

    @classmethod
    def from_request(cls, request, channel=Channel.ADMIN, *, reason="", source=""):
        user = getattr(request, "user", None)
        if user is not None and not user.is_authenticated:
            user = None
        return cls(channel=channel, user=user, reason=reason, source=source)

    @property
    def stamped_reason(self):
        return " ".join((self.reason or "").split())[:REASON_LENGTH]

    @property
    def stamped_source(self):
        return (self.source or "")[:SOURCE_LENGTH]


_current = ContextVar("core_actions_change", default=None)
# The apps the outermost action and the actions inside it have written to.
_touched = ContextVar("core_actions_touched", default=None)


def current_change():
    """The change being recorded right now, or ``None`` outside an action."""
    return _current.get()


@contextmanager
def recorded(change, *apps):
    """Run the writes of one action: atomic, stamped with ``change``, and
    announced for ``apps`` once committed. Nested actions join the outer one:
    their apps are announced with the outer action's, once each."""
    outer = _current.get()
    if outer is not None:
        _touched.get().update(dict.fromkeys(apps))
        with transaction.atomic():
            yield outer
        return
    touched = dict.fromkeys(apps)  # a set that keeps the order given
    token, touched_token = _current.set(change), _touched.set(touched)
    try:
        with transaction.atomic():
            yield change
            for app in touched:
                transaction.on_commit(
                    partial(content_changed.send, sender=app, change=change)
                )
    finally:
        _current.reset(token)
        _touched.reset(touched_token)


def announce(app):
    """Announce ``app``'s content changed once the current transaction commits,
    for writes that send no model signals (bulk writes): inside an action it
    joins the action's announcement; outside one it stands for it."""
    touched = _touched.get()
    if touched is not None:
        touched[app] = None
        return
    transaction.on_commit(partial(content_changed.send, sender=app, change=None))


# The plain writes every app's actions.py offers (re-exported there, so the
# app's module is where a reader finds every write of the app).


def save(change, instance):
    """Save one object as it is."""
    with recorded(change, instance._meta.app_label):
        instance.save()
    return instance


def save_related(change, form, formsets):
    """Save what an admin form holds besides its object: many-to-many links and
    inline rows."""
    with recorded(change, form.instance._meta.app_label):
        form.save_m2m()
        for formset in formsets:
            formset.save()


def delete(change, instance):
    """Delete one object, with what depends on it."""
    with recorded(change, instance._meta.app_label):
        instance.delete()


def delete_many(change, queryset):
    """Delete the rows of ``queryset`` (each gets its history row)."""
    with recorded(change, queryset.model._meta.app_label):
        return queryset.delete()
