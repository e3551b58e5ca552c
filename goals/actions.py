"""Writes of the goals app: every change to plans, goals and their figures.

Each action takes a ``core.actions.Change`` (who, through which channel, why,
from which file) and does its writes inside ``recorded(change, "goals")``: all
or nothing, every history row stamped with the change, and the goals content
announced changed once the transaction commits (core/actions.py). The admin
(goals/admin.py), the spreadsheet import (goals/spreadsheets/) and the seed
loader (goals/seed.py) enter here; nothing else writes goals content.
"""

from pathlib import Path

from core import actions as core_actions
from core.actions import Change, Channel, current_change, recorded

from . import status

APP = "goals"


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
    source is the file's name (``change.source``).

    ``resource`` is a goals spreadsheet resource (goals/spreadsheets/); the
    rows it writes one by one and in bulk all carry the change."""
    with recorded(change, APP), status.deferred():
        result = resource.import_data(
            dataset,
            dry_run=False,
            user=change.user,
            file_name=change.source,
            **options,
        )
        # Targets and measurements go in as bulk writes, which send no signals.
        status.touch(goal.pk for goal in getattr(resource, "goals", {}).values())
        return result


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
    return {
        "default_user": change.user,
        "default_change_reason": change.stamped_reason or None,
        "custom_historical_attrs": {
            "history_channel": change.channel,
            "history_source": change.stamped_source,
        },
    }
