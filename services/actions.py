"""Every write to the services app's content: organisations, legal bases, offer
types, offers and their parts (addresses, opening hours, methods, key figures).

Each action takes a ``core.actions.Change`` (who, why, through which channel)
and runs inside ``recorded``: atomic, in the change history, and announced as
changed content once committed. The admin calls these; so do restores from
history, which save an old version back."""

from django.utils.translation import gettext

from core.actions import recorded
from core.verification import mark_verified

APP = "services"


def save(change, instance):
    """Save an organisation, an offer or one of an offer's parts as it is."""
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


def verify_offers(change, offers):
    """ "Bekræft oplysningerne": the offers' information is confirmed today by
    the change's user. Returns how many offers were confirmed."""
    reason = change.stamped_reason or gettext("Oplysningerne er bekræftet")
    with recorded(change, APP):
        return mark_verified(offers, change.user, reason=reason)
