"""A goal's status, stored on the goal and kept current when its figures change.

The status follows from the goal's baseline, targets and measurements
(goals/progress.py). Lists (the plan list, the admin's goals, the status
filter) read the stored value instead of loading every figure of every goal
they show; ``current_status`` is the one rule that says what it is, and
``refresh`` writes it.

When it is written: every save and delete of a goal, a baseline, a target or a
measurement (Django's model signals, connected in goals/apps.py). Inside an
action of goals/actions.py (the admin, its inlines, the spreadsheet import, the
seed loader) the goals touched are collected and refreshed once, at the end of
the action and inside its transaction, so a page stored under the new content
version already shows the new status; bulk writes, which send no signals (the
import's batches, generate_dataset), name their goals with ``touch`` or call
``refresh`` themselves. Outside an action a save refreshes its goal at once.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Count, Prefetch
from django.db.models.signals import post_delete, post_save

from .models import Baseline, Goal, Measurement, Target
from .progress import Status

# The ids of the goals touched inside the outermost ``deferred()``.
_pending = ContextVar("goals_status_pending", default=None)
_BATCH = 500


def current_status(goal):
    """The status of ``goal`` from its figures: the one rule (a goal kind
    without figures would branch here)."""
    return goal.progress.status


def refresh(goal_ids):
    """Recompute and store the status of these goals; returns how many changed.

    Three queries per 500 goals to read their figures, and one update per
    status that changed."""
    ids = sorted({pk for pk in goal_ids if pk is not None})
    changed = {}
    for start in range(0, len(ids), _BATCH):
        for goal in _with_figures().filter(pk__in=ids[start : start + _BATCH]):
            status = current_status(goal)
            if goal.status != status:
                changed.setdefault(status, []).append(goal.pk)
    for status, pks in changed.items():
        for start in range(0, len(pks), _BATCH):
            # A derived value: written without history or signals (the
            # action that changed the figures recorded the change).
            Goal.objects.filter(pk__in=pks[start : start + _BATCH]).update(
                status=status
            )
    return sum(len(pks) for pks in changed.values())


def refresh_all():
    """Every goal's status (after bulk loads that send no signals)."""
    return refresh(Goal.objects.values_list("pk", flat=True))


@contextmanager
def deferred():
    """Collect the goals touched inside, and refresh them once at the end.
    Nested uses join the outermost one."""
    if _pending.get() is not None:
        yield
        return
    pending = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    # Reached only when the writes inside succeeded.
    refresh(pending)


def touch(goal_ids):
    """Name goals whose figures changed without model signals (bulk writes)."""
    pending = _pending.get()
    if pending is None:
        refresh(goal_ids)
    else:
        pending.update(goal_ids)


def counts_by_plan(plan_ids):
    """``{plan id: [(Status, count), ...]}`` in the order of Status, leaving
    out zeros: one aggregate query for any number of plans."""
    rows = (
        Goal.objects.filter(plan_id__in=plan_ids)
        .order_by()
        .values_list("plan_id", "status")
        .annotate(count=Count("pk"))
    )
    found = {}
    for plan_id, status, count in rows:
        found.setdefault(plan_id, {})[status] = count
    return {
        plan_id: [(s, counts[s]) for s in Status if counts.get(s)]
        for plan_id, counts in found.items()
    }


def connect_signals():
    for model in (Baseline, Target, Measurement):
        uid = f"goals.status.{model._meta.model_name}"
        post_save.connect(_figure_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_figure_deleted, sender=model, dispatch_uid=uid)
    post_save.connect(_goal_saved, sender=Goal, dispatch_uid="goals.status.goal")


# Helpers.


def _with_figures():
    return Goal.objects.select_related("baseline").prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("year")),
        Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("period_end", "period_start"),
        ),
    )


def _figure_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        touch([instance.goal_id])


def _figure_deleted(sender, instance, origin=None, **kwargs):
    # A figure deleted with its goal or plan leaves nothing to refresh.
    if isinstance(origin, (Baseline, Target, Measurement)) or (
        getattr(origin, "model", None) in (Baseline, Target, Measurement)
    ):
        touch([instance.goal_id])


def _goal_saved(sender, instance, created=False, raw=False, **kwargs):
    # A new goal has no figures yet (its default status says so); a changed
    # one may have turned its direction round.
    if not (created or raw):
        touch([instance.pk])
