"""“Last verified”: when a curator last confirmed an item's information, and who.

Offers and methods carry it (``VerifiedModel``). The admin sets it with the
"Bekræft oplysningerne" action (each app's ``actions.verify``), lists what is
overdue with ``OverdueFilter`` and shows it with ``VerificationAdminMixin``'s
column. An item is overdue when it was never verified or last verified more
than ``settings.VERIFICATION_MAX_AGE_MONTHS`` months ago.
"""

import calendar
import datetime

from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .actions import recorded


class VerifiedQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Never verified, or verified before the cut-off."""
        cutoff = verification_cutoff(today)
        return self.filter(
            models.Q(last_verified_on__isnull=True)
            | models.Q(last_verified_on__lt=cutoff)
        )

    def up_to_date(self, today=None):
        return self.filter(last_verified_on__gte=verification_cutoff(today))


class VerifiedModel(models.Model):
    last_verified_on = models.DateField(
        _("oplysninger senest bekræftet"), null=True, blank=True
    )
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekræftet af"),
        null=True,
        blank=True,
        # A user who leaves takes their name off the item, not the item away.
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def verification_overdue(self):
        return (
            self.last_verified_on is None
            or self.last_verified_on < verification_cutoff()
        )


def verification_cutoff(today=None):
    """The oldest date a verification still counts from."""
    today = today or timezone.localdate()
    return months_before(today, settings.VERIFICATION_MAX_AGE_MONTHS)


def months_before(day, months):
    """``day`` moved back by whole months; the 31st becomes the month's last day."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


class OverdueFilter(admin.SimpleListFilter):
    """The admin list filter "Skal bekræftes"."""

    title = _("skal bekræftes")
    parameter_name = "skal_bekraeftes"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nej", _("Nej"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.overdue()
        if self.value() == "nej":
            return queryset.up_to_date()
        return queryset


class VerificationAdminMixin:
    """The "last verified" column of an admin list: the date and who, marked
    when it is overdue, and the "Bekræft oplysningerne" action. Put
    ``"verification"`` in ``list_display``, ``"last_verified_by"`` in
    ``list_select_related`` and ``"verify"`` in ``actions``; the admin's
    ``write_actions`` module must offer ``verify`` (this module's)."""

    @admin.action(description=_("Bekræft oplysningerne"), permissions=["change"])
    def verify(self, request, queryset):
        count = self.write_actions.verify(self.admin_change(request), queryset)
        opts = queryset.model._meta
        self.message_user(
            request,
            ngettext(
                "Oplysningerne om %(count)d %(name)s er bekræftet.",
                "Oplysningerne om %(count)d %(name)s er bekræftet.",
                count,
            )
            % {
                "count": count,
                "name": opts.verbose_name if count == 1 else opts.verbose_name_plural,
            },
            messages.SUCCESS,
        )

    @admin.display(description=_("senest bekræftet"), ordering="last_verified_on")
    def verification(self, obj):
        if obj.last_verified_on is None:
            text = _("Aldrig bekræftet")
        else:
            text = date_format(obj.last_verified_on, "SHORT_DATE_FORMAT")
            if obj.last_verified_by is not None:
                text = f"{text} ({obj.last_verified_by.get_username()})"
        if obj.verification_overdue:
            return _("%(text)s – skal bekræftes") % {"text": text}
        return text


def mark_verified(items, user, *, reason, on=None):
    """Stamp ``items`` as verified today by ``user``; run inside an action.

    Saved one by one, each with its history row giving ``reason`` (set the way
    django-simple-history documents, ``_change_reason``, because an action run
    inside another records the outer one's reason), and without touching
    "senest ændret": confirming information is not changing it."""
    on = on or timezone.localdate()
    count = 0
    for item in items:
        item.last_verified_on = on
        item.last_verified_by = user
        item._change_reason = reason
        item.save(update_fields=["last_verified_on", "last_verified_by"])
        count += 1
    return count


def verify(change, items):
    """ "Bekræft oplysningerne": the items' information is confirmed today by
    the change's user. Returns how many were confirmed."""
    reason = change.stamped_reason or gettext("Oplysningerne er bekræftet")
    with recorded(change, items.model._meta.app_label):
        return mark_verified(items, change.user, reason=reason)
