"""Every write to the library: resources (materials) and knowledge sources.

Each action takes a ``core.actions.Change`` (who, why, through which channel)
and runs inside ``recorded``: atomic, in the change history, and announced as
changed content once committed. The admin calls these; so do restores from
history, which save an old version back."""

from core.actions import recorded

APP = "resources"


def save(change, instance):
    """Save a resource or a knowledge source as it is."""
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
