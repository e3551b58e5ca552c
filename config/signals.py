"""Messages after logging in and out, wherever it happens (the portal's login
page, the admin's): receivers of Django's signals, so the login views stay
as they are."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.utils.translation import gettext as _


@receiver(user_logged_in, dispatch_uid="config.logged_in_message")
def logged_in_message(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "_messages"):
        return  # a test client's force_login, a script
    name = user.get_short_name() or user.get_username()
    messages.success(request, _("Du er logget ind som %(name)s.") % {"name": name})


@receiver(user_logged_out, dispatch_uid="config.logged_out_message")
def logged_out_message(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "_messages"):
        return
    messages.info(request, _("Du er logget ud."))
