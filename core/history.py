"""The change log of every curated model (django-simple-history).

``history()`` is the ``HistoricalRecords`` every curated model declares. Its
history rows carry, besides django-simple-history's user, date and reason, the
channel the change came through and its source (an import's file name), filled
from the action being recorded (``core.actions``).
"""

import datetime
from decimal import Decimal

from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from . import formats
from .actions import SOURCE_LENGTH, Channel, current_change

# Never worth a history row: bookkeeping the database or Django fills in.
UNTRACKED_FIELDS = ["created_at", "updated_at", "search_vector"]


class ChangeLogFields(models.Model):
    """What a history row records beyond django-simple-history's own fields."""

    history_channel = models.CharField(
        _("kanal"), max_length=12, choices=Channel.choices, blank=True
    )
    history_source = models.CharField(_("kilde"), max_length=SOURCE_LENGTH, blank=True)

    class Meta:
        abstract = True


class ChangeLog(HistoricalRecords):
    """django-simple-history's records, excluding only the untracked fields the
    model has: version 3.13 looks every excluded name up on the model when it
    rebuilds an old version (``get_instance``), and fails on one it lacks."""

    def create_history_model(self, model, inherited):
        names = {field.name for field in model._meta.fields}
        self.excluded_fields = [f for f in self.excluded_fields if f in names]
        return super().create_history_model(model, inherited)


def history(**kwargs):
    """The change log for a curated model."""
    kwargs.setdefault("excluded_fields", UNTRACKED_FIELDS)
    kwargs.setdefault("bases", [ChangeLogFields])
    return ChangeLog(**kwargs)


@receiver(pre_create_historical_record)
def stamp_history_row(sender, instance, history_instance, **kwargs):
    """Fill a history row from the action that writes it."""
    change = current_change()
    if change is None:
        return
    history_instance.history_channel = change.channel
    history_instance.history_source = change.stamped_source
    if not history_instance.history_change_reason and change.stamped_reason:
        history_instance.history_change_reason = change.stamped_reason
    if history_instance.history_user_id is None and change.user is not None:
        history_instance.history_user = change.user


def record_existing_rows(apps, app_label, model_names, reason):
    """A first history row for each row of ``model_names`` that has none, with
    its links if the history tracks them (``m2m_fields``), for a data migration
    that adds history to models with content: without it, the state before the
    first change after the upgrade could not be restored.

    ``apps`` is the migration's registry (no model methods, no signals)."""
    now = timezone.now()
    for name in model_names:
        model = apps.get_model(app_label, name)
        history_model = apps.get_model(app_label, f"Historical{name}")
        copied = [
            field.attname
            for field in history_model._meta.fields
            if not field.name.startswith("history_")
        ]
        recorded = set(history_model.objects.values_list("id", flat=True).distinct())
        rows = history_model.objects.bulk_create(
            [
                history_model(
                    **{attname: getattr(row, attname) for attname in copied},
                    history_date=now,
                    history_type="+",
                    history_change_reason=reason,
                    history_channel=Channel.COMMAND,
                )
                for row in model.objects.iterator()
                if row.pk not in recorded
            ],
            batch_size=500,
        )
        for field in model._meta.many_to_many:
            _record_existing_links(apps, app_label, name, field, rows)


def _record_existing_links(apps, app_label, name, field, history_rows):
    try:
        links_model = apps.get_model(app_label, f"Historical{name}_{field.name}")
    except LookupError:
        return  # the history does not track this field
    through = field.remote_field.through
    source = field.m2m_field_name()
    copied = [f.attname for f in through._meta.fields]
    by_object = {row.id: row for row in history_rows}
    links_model.objects.bulk_create(
        [
            links_model(
                history=by_object[getattr(link, f"{source}_id")],
                **{attname: getattr(link, attname) for attname in copied},
            )
            for link in through.objects.filter(**{f"{source}_id__in": by_object})
        ],
        batch_size=500,
    )


# Changes no person made: the seed loader's, and the first rows a migration
# wrote for content that existed before history did.
UNCURATED_CHANNELS = (Channel.SEED, Channel.COMMAND)


def _curated_changes(model):
    """The history rows of ``model`` that a person made (a curator in the
    admin, an import, a verification), newest first."""
    return model.history.model.objects.exclude(
        history_channel__in=UNCURATED_CHANNELS
    ).order_by("-history_date")


def last_curated_change(model):
    """An expression for the date of a row's latest change a person made, for
    ``annotate``: None for a row only the seed loader has written, whose
    ``updated_at`` is the day the seed was loaded, not the day its content was
    new."""
    rows = _curated_changes(model).filter(id=models.OuterRef("pk"))
    return models.Subquery(rows.values("history_date")[:1])


def last_curated_on(obj):
    """The date ``last_curated_change`` gives, for one object already read: a
    query of its own, which a page showing one object pays only when it needs
    it (as a subquery of the page's statement it made that statement slow to
    plan)."""
    return (
        _curated_changes(type(obj))
        .filter(id=obj.pk)
        .values_list("history_date", flat=True)
        .first()
    )


def field_changes(record, value_text=None):
    """What a change (a "~" history row) changed, against the object's
    previous version: ``[{"field": "Værdi", "old": "61", "new": "63,5"}]``,
    each value as the page shows it (``display_value``, or ``value_text(record,
    field, value)`` where that gives one). Empty for an addition or a deletion."""
    previous = record.prev_record
    if record.history_type != "~" or previous is None:
        return []
    model = record.instance_type
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    changes = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        texts = [
            (value_text and value_text(record, field, value))
            or display_value(field, value)
            for value in (change.old, change.new)
        ]
        changes.append(
            {"field": capfirst(field.verbose_name), "old": texts[0], "new": texts[1]}
        )
    return changes


def display_value(field, value):
    """A field's value in a history row as a reader expects it: numbers in the
    page's language (decimal comma), choices by their label, dates in words,
    linked objects by name, nothing as "–" (never "None")."""
    if value is None or value == "" or value == []:
        return "–"
    if field.many_to_many:
        target = field.remote_field.model
        name = field.m2m_reverse_field_name()
        items = [row.get(name) if isinstance(row, dict) else row for row in value]
        ids = [item for item in items if not isinstance(item, models.Model)]
        found = target._default_manager.in_bulk(ids) if ids else {}
        return ", ".join(
            str(item if isinstance(item, models.Model) else found.get(item, item))
            for item in items
        )
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nej")
    if isinstance(value, Decimal | float):
        return formats.format_number(value, max_decimals=2)
    if isinstance(value, int) and not field.is_relation:
        return formats.format_number(value) if field.name != "year" else str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return formats.format_date(value, "short")
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"
