"""The user admin with "Log ud alle steder" (issue #16): ends every session of
the chosen users at once, e.g. after a lost phone or a suspected break-in."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import SafeAdminMixin

User = get_user_model()


def end_sessions(users):
    """Deletes every current session of ``users``; returns how many."""
    user_ids = {str(user.pk) for user in users}
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") in user_ids
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(SafeAdminMixin, DjangoUserAdmin):
    actions = ["log_out_everywhere"]

    @admin.action(description=_("Log ud alle steder"), permissions=["change"])
    def log_out_everywhere(self, request, queryset):
        count = end_sessions(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d session er afsluttet.",
                "%(count)d sessioner er afsluttet.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Group)
class GroupAdmin(SafeAdminMixin, DjangoGroupAdmin):
    pass
