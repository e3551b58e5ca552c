"""Staff login, logout and password reset, in Danish.

Django's own views do the work (safe ``next`` redirects, CSRF, reset tokens that
expire after PASSWORD_RESET_TIMEOUT, no hint whether an e-mail address exists);
this module only picks the templates and keeps the site for staff accounts.
django-axes locks out repeated failures through the authentication backend.
"""

import math
from datetime import timedelta

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.admin.forms import (
    AdminAuthenticationForm as AdminAuthenticationFormBase,
)
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.validators import MaxLengthValidator
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class BoundedCredentialsMixin:
    """Django's login form shows the username's maximum length in the page but
    does not check it, so an overlong name reaches authenticate() and django-axes,
    whose log column holds 255 characters (PostgreSQL then refuses the insert: a
    server error). Both lengths are checked here, before anything is looked up.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        # Long enough for any passphrase, short enough to keep hashing cheap.
        self.fields["password"].validators.append(MaxLengthValidator(1024))


class AdminAuthenticationForm(BoundedCredentialsMixin, AdminAuthenticationFormBase):
    """The admin's login form with the same length checks (admin.site.login_form)."""


class StaffAuthenticationForm(BoundedCredentialsMixin, auth_forms.AuthenticationForm):
    """Only staff accounts log in to the site; others get a clear answer."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "Brugernavn eller adgangskode er forkert. Husk, at der skelnes mellem "
            "store og små bogstaver."
        ),
    }
    # Every refused login gets the same answer (wrong password, unknown name,
    # closed account, an account without staff status): a different one would
    # tell a guesser that the password was right.
    error_messages["inactive"] = error_messages["invalid_login"]

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Brugernavn")
        self.fields["username"].widget.attrs.update(autocapitalize="none")
        self.fields["password"].label = _("Adgangskode")

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_staff:
            # Counted as a failure too, so the lockout cannot tell it apart.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.cleaned_data.get("username")},
                request=self.request,
            )
            raise self.get_invalid_login_error()


class LoginView(auth_views.LoginView):
    form_class = StaffAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule): a link or an image cannot log anyone out."""


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {
            "site_title": settings.SITE_NAME,
            "site_owner": settings.SITE_OWNER,
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): a Danish
    page with status 429 that says how long to wait."""
    if getattr(request, "address_locked_out", False):
        cool_off = settings.ADDRESS_FAILURE_WINDOW
    else:
        cool_off = get_cool_off(request) or timedelta(0)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    response = render(
        request,
        "registration/lockout.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
