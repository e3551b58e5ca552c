"""Every write to the methods app's content: methods and their phases and
sources, categories, target groups, presenters, talks.

Each action takes a ``core.actions.Change`` (who, why, through which channel)
and runs inside ``recorded``: atomic, in the change history, and announced as
changed content once committed. The admin calls these; so do restores from
history, which save an old version back."""

from django.utils.translation import gettext

from core.actions import recorded
from core.verification import mark_verified

APP = "methods"


def save(change, instance):
    """Save a method, one of its parts, or an item of the vocabulary as it is."""
    with recorded(change, APP):
        instance.save()
    return instance


def delete(change, instance):
    with recorded(change, APP):
        instance.delete()


def delete_many(change, queryset):
    """Delete the rows of ``queryset`` (each gets its history row)."""
    with recorded(change, APP):
        return queryset.delete()


def verify_methods(change, methods):
    """ "Bekræft oplysningerne": the methods' information is confirmed today
    by the change's user. Returns how many methods were confirmed."""
    reason = change.stamped_reason or gettext("Oplysningerne er bekræftet")
    with recorded(change, APP):
        return mark_verified(methods, change.user, reason=reason)
