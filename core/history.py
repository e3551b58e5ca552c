"""The change log of every curated model (django-simple-history).

``history()`` is the ``HistoricalRecords`` every curated model declares. Its
history rows carry, besides django-simple-history's user, date and reason, the
channel the change came through and its source (an import's file name), filled
from the action being recorded (``core.actions``).
"""

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from .actions import SOURCE_LENGTH, Channel, current_change

# Never worth a history row: bookkeeping the database or Django fills in.
UNTRACKED_FIELDS = ["created_at", "updated_at", "search_vector"]


class ChangeLogFields(models.Model):
    """What a history row records beyond django-simple-history's own fields."""

    history_channel = models.CharField(
        _("kanal"), max_length=12, choices=Channel.choices, blank=True
    )
    history_source = models.CharField(
        _("kilde"), max_length=SOURCE_LENGTH, blank=True
    )

    class Meta:
        abstract = True


class CuratedHistory(HistoricalRecords):
    """``HistoricalRecords`` that leaves out only the untracked fields the model
    has: django-simple-history (3.x) looks every excluded name up on the model
    when an old version is restored, and a name the model lacks makes that fail."""

    def finalize(self, sender, **kwargs):
        if sender is self.cls:
            names = {field.name for field in sender._meta.local_fields}
            self.excluded_fields = [
                name for name in self.excluded_fields if name in names
            ]
        super().finalize(sender, **kwargs)


def history(**kwargs):
    """The change log for a curated model."""
    kwargs.setdefault("excluded_fields", UNTRACKED_FIELDS)
    kwargs.setdefault("bases", [ChangeLogFields])
    return CuratedHistory(**kwargs)


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
