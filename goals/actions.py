"""Writes of the goals app: every change to plans, goals and their figures.

Each action takes a ``core.actions.Change`` (who, through which channel, why,
from which file) and does its writes inside ``recorded(change, "goals")``: all
or nothing, every history row stamped with the change, and the goals content
announced changed once the transaction commits (core/actions.py). The admin
(goals/admin.py), the spreadsheet import (goals/spreadsheets/) and the seed
loader (goals/seed.py) enter here; nothing else writes goals content.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.signals import pre_create_historical_record

from core import actions as core_actions
from core.actions import Change, Channel, current_change, recorded

from . import status

APP = "goals"

# The import being written right now: its history rows point to it.
_import_event = ContextVar("goals_import_event", default=None)


class UndoRefused(Exception):  # noqa: N818 -- a refusal, told to the manager
    """An import cannot be undone; the message is Danish."""


# The plain writes (core/actions.py), each refreshing the stored status of the
# goals it touched once, inside its transaction (goals/status.py).


def save(change, instance):
    """Save one object as it is."""
    with recorded(change, APP), status.deferred():
        return core_actions.save(change, instance)


def save_related(change, form, formsets):
    """Save an admin form's links and inline rows (a goal's figures)."""
    with recorded(change, APP), status.deferred():
        core_actions.save_related(change, form, formsets)


def delete(change, instance):
    """Delete one object, with what depends on it."""
    with recorded(change, APP), status.deferred():
        core_actions.delete(change, instance)


def delete_many(change, queryset):
    """Delete the rows of ``queryset`` (each gets its history row)."""
    with recorded(change, APP), status.deferred():
        return core_actions.delete_many(change, queryset)


def import_spreadsheet(change, resource, dataset, **options):
    """Write the rows of one spreadsheet: all or none, as one change whose
    source is the file's name (``change.source``), recorded as one
    ``ImportEvent`` (``result.import_event``) that every history row written
    points to, so it can be undone as a whole (``undo_import``).

    ``resource`` is a goals spreadsheet resource (goals/spreadsheets/); the
    rows it writes one by one and in bulk all carry the change."""
    from .models import ImportEvent

    with recorded(change, APP), status.deferred():
        event = ImportEvent.objects.create(
            user=change.user,
            file_name=change.stamped_source,
            kind=resource._meta.model._meta.model_name,
        )
        with importing(event):
            result = resource.import_data(
                dataset,
                dry_run=False,
                user=change.user,
                file_name=change.source,
                **options,
            )
        if result.has_errors() or result.has_validation_errors():
            event.delete()  # the rows were rolled back: nothing was imported
            result.import_event = None
            return result
        totals = result.totals
        event.new = totals["new"]
        event.changed = totals["update"]
        event.unchanged = totals["skip"]
        event.deleted = totals["delete"]
        event.save(update_fields=["new", "changed", "unchanged", "deleted"])
        # Targets and measurements go in as bulk writes, which send no signals.
        status.touch(goal.pk for goal in getattr(resource, "goals", {}).values())
        result.import_event = event
        return result


@contextmanager
def importing(event):
    token = _import_event.set(event)
    try:
        yield event
    finally:
        _import_event.reset(token)


@receiver(pre_create_historical_record)
def stamp_import(sender, instance, history_instance, **kwargs):
    """A history row written by an import points to it."""
    event = _import_event.get()
    if event is not None and hasattr(history_instance, "history_import_id"):
        history_instance.history_import = event


def undo_import(change, event):
    """Restore exactly the state before ``event``: the rows it created are
    deleted, the rows it changed get their values back, recorded as one
    change (``change``: who undoes it and why). Refused (``UndoRefused``) if
    it was undone already or any of its rows was changed since."""
    from .models import ImportEvent

    with recorded(change, APP), status.deferred():
        event = ImportEvent.objects.select_for_update().get(pk=event.pk)
        if event.undone_at is not None:
            raise UndoRefused(_("Importen er allerede fortrudt."))
        models = imported_models()
        written = {model: _written_rows(model, event) for model in models}
        conflicts = _changed_since(written)
        if conflicts:
            raise UndoRefused(_conflict_message(conflicts))
        for model in reversed(models):  # figures before their goal
            created = [pk for pk, rows in written[model].items() if _created(rows)]
            if created:
                model.objects.filter(pk__in=created).delete()
        for model in models:
            changed = {
                pk: rows[0] for pk, rows in written[model].items() if not _created(rows)
            }
            if changed:
                _restore(model, changed)
        # The restored figures go back as bulk writes, which send no signals.
        status.touch(_goal_ids(written))
        event.undone_at = timezone.now()
        event.undone_by = change.user
        event.save(update_fields=["undone_at", "undone_by"])
    return event


def _goal_ids(written):
    """The goals whose own row or figures ``written`` holds."""
    goals, *figures = written
    ids = set(written[goals])
    for model in figures:
        ids.update(row.goal_id for rows in written[model].values() for row in rows)
    return ids


def imported_models():
    """The models an import writes, parents first."""
    from .models import Baseline, Goal, Measurement, Target

    return (Goal, Baseline, Target, Measurement)


def _written_rows(model, event):
    """The history rows ``event`` wrote for ``model``, by object id, in order."""
    rows = defaultdict(list)
    for row in model.history.filter(history_import=event).order_by("history_id"):
        rows[row.id].append(row)
    return rows


def _created(rows):
    return any(row.history_type == "+" for row in rows)


def _changed_since(written):
    """History rows written since the import for the rows it wrote, and rows
    added since to goals it created (deleting those goals would take them
    along): what an undo would silently overwrite or delete."""
    conflicts = []
    for model, by_object in written.items():
        last = {pk: rows[-1].history_id for pk, rows in by_object.items()}
        latest = (
            model.history.filter(id__in=list(last))
            .order_by()
            .values("id")
            .annotate(last=Max("history_id"))
        )
        later = [row["id"] for row in latest if row["last"] != last[row["id"]]]
        conflicts.extend(
            row
            for row in model.history.filter(id__in=later)
            .select_related("history_user")
            .order_by("history_date")
            if row.history_id > last[row.id]
        )
    goals, *figures = written
    created_goals = [pk for pk, rows in written[goals].items() if _created(rows)]
    for model in figures if created_goals else ():
        added = model.objects.filter(goal_id__in=created_goals).exclude(
            pk__in=list(written[model])
        )
        conflicts.extend(
            model.history.filter(
                id__in=added.values("pk"), history_type="+"
            ).select_related("history_user")
        )
    return conflicts


def _conflict_message(conflicts):
    first = conflicts[0]
    return _(
        "Importen kan ikke fortrydes: %(count)s af rækkerne er ændret siden, "
        "fx %(what)s, ændret af %(who)s %(when)s. Ret dem i hånden, eller "
        "fortryd de senere ændringer først."
    ) % {
        "count": len({(c.instance_type, c.id) for c in conflicts}),
        "what": f"“{first.instance_type._meta.verbose_name}: {first.instance}”",
        "who": first.history_user or _("ukendt"),
        "when": date_format(timezone.localtime(first.history_date), "DATETIME_FORMAT"),
    }


def _restore(model, first_rows):
    """Give the rows the import changed (``first_rows``: object id → the
    import's first history row of it) the values they had before it."""
    before = _previous_rows(model, first_rows)
    sample = next(iter(first_rows.values()))
    tracked = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and hasattr(sample, f.attname)
    ]
    current = model.objects.in_bulk(list(first_rows))
    for instance in current.values():
        previous = before[instance.pk]
        for field in tracked:
            setattr(instance, field.attname, getattr(previous, field.attname))
    if model._meta.model_name in {"target", "measurement"}:
        # By the thousand, like the import that changed them.
        from .spreadsheets.base import update_rows, write_history

        rows = list(current.values())
        update_rows(model, rows, [f.name for f in tracked])
        write_history(model, rows, update=True, **bulk_history_options())
        return
    for instance in current.values():
        instance.save()
        if model._meta.model_name == "goal":
            previous = before[instance.pk]
            instance.responsible_offers.set(
                [link.offer_id for link in previous.responsible_offers.all()]
            )


def _previous_rows(model, first_rows, batch=500):
    """For each object, the history row just before the import's first one
    (a few queries for thousands of rows)."""
    before = {}
    ids = list(first_rows)
    for start in range(0, len(ids), batch):
        rows = model.history.filter(id__in=ids[start : start + batch]).order_by(
            "id", "history_id"
        )
        for row in rows:
            if row.history_id < first_rows[row.id].history_id:
                before[row.id] = row  # the last one before wins
    missing = [pk for pk in ids if pk not in before]
    if missing:
        raise UndoRefused(
            _(
                "Importen kan ikke fortrydes: hvordan %(what)s så ud før "
                "importen, er ikke registreret."
            )
            % {"what": f"“{first_rows[missing[0]].instance}”"}
        )
    return before


def import_change(user=None, file_name=""):
    """The change of an import of the file ``file_name`` by ``user``."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return Change(channel=Channel.IMPORT, user=user, source=file_name or "")


def load_seed(loader, folder):
    """Load the goals' seed files (goals/seed/) as one change on the seed channel.

    goals/seed.py maps the files onto the models; a caller that already records
    a change (the seed command) is joined."""
    from .seed import write  # goals/seed.py's ``load`` enters through here

    seed_change = Change(channel=Channel.SEED, source=Path(folder).name)
    with recorded(seed_change, APP), status.deferred():
        write(loader, folder)


def bulk_history_options():
    """What django-simple-history's bulk helpers (``bulk_create_with_history``,
    ``bulk_update_with_history``) need to stamp their history rows like the
    rest of the change being recorded: bulk writes send no
    ``pre_create_historical_record``, which stamps the others (core/history.py)."""
    change = current_change()
    if change is None:
        return {}
    attrs = {
        "history_channel": change.channel,
        "history_source": change.stamped_source,
    }
    if _import_event.get() is not None:
        attrs["history_import"] = _import_event.get()
    return {
        "default_user": change.user,
        "default_change_reason": change.stamped_reason or None,
        "custom_historical_attrs": attrs,
    }
