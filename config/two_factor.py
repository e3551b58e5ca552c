"""Two-factor login for staff (TOTP app plus recovery codes), with django-otp.

After the password (``/log-ind/`` or the admin's login), a user who must use a
second factor is sent to ``/log-ind/kode/`` for the code from the app, or, on
the first login, to ``/log-ind/kode/opsaet/`` to connect an app: a QR code and
the key in text, a first code to confirm, then ten recovery codes shown once.
Until then every other page answers with a redirect there; only logging out is
open. Required for superusers and the groups in TWO_FACTOR_REQUIRED_GROUPS;
other staff who have connected an app use it too. A lost phone: an
administrator deletes the user's device in the admin (*TOTP devices*), and the
next login starts the enrolment again.

django-otp does the one-time password work: TOTP with a step of drift, no code
used twice, a growing delay after wrong codes (``OTP_TOTP_THROTTLE_FACTOR``),
recovery codes that work once each.
"""

import base64
import secrets

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Godkendelsesapp"
RECOVERY_DEVICE_NAME = "Gendannelseskoder"


def two_factor_required(user):
    """Whether ``user`` must give a second factor after the password."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    required = user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS)
    return required.exists() or user_has_device(user)


class TwoFactorRequiredMiddleware:
    """Sends a logged-in user who must give a second factor, and has not yet in
    this session, to the code page (or to the enrolment), with ``next``.
    After django_otp's OTPMiddleware, which sets ``user.is_verified``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not _open_without_second_factor(request.path_info)
            and two_factor_required(user)
        ):
            target = (
                "two_factor_verify" if user_has_device(user) else "two_factor_setup"
            )
            next_url = request.get_full_path()
            return redirect(f"{reverse(target)}?{_next_query(next_url)}")
        return self.get_response(request)


def _open_without_second_factor(path):
    open_paths = {
        reverse("two_factor_verify"),
        reverse("two_factor_setup"),
        reverse("logout"),
        reverse("admin:logout"),
    }
    return path in open_paths or path.startswith(settings.STATIC_URL)


def _next_query(next_url):
    from django.utils.http import urlencode

    return urlencode({"next": next_url})


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=16,
        help_text=_(
            "De seks cifre fra godkendelsesappen, eller en af dine gendannelseskoder."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Skriv koden.")},
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _safe_next(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return settings.LOGIN_REDIRECT_URL


WRONG_CODE = _(
    "Koden er forkert eller for gammel. Prøv igen med den nye kode fra appen."
)


@never_cache
@login_required
def verify(request):
    """The second step of the login: a code from the app or a recovery code."""
    if not user_has_device(request.user):
        return redirect(
            f"{reverse('two_factor_setup')}?{_next_query(_safe_next(request))}"
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _matching_device(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            # A new session key once the login is complete, as at the password.
            request.session.cycle_key()
            return redirect(_safe_next(request))
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _safe_next(request)},
    )


def _matching_device(user, code):
    """The confirmed device (app or recovery codes) that accepts ``code``,
    each checked on its own so django-otp's throttling applies per device."""
    for device in devices_for_user(user):
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


@never_cache
@login_required
def setup(request):
    """Connects an authenticator app: shown a QR code and the key, confirmed
    with a first code. A user who already has an app must give its code first
    (the middleware sends them to it), so a password alone never connects a new
    app to an account that has one."""
    if user_has_device(request.user) and not request.user.is_verified():
        return redirect(
            f"{reverse('two_factor_verify')}?{_next_query(_safe_next(request))}"
        )
    device = _pending_app_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = _confirm(request.user, device)
            otp_login(request, device)
            request.session.cycle_key()
            return render(
                request,
                "registration/two_factor_recovery_codes.html",
                {"codes": codes, "next": _safe_next(request)},
            )
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "next": _safe_next(request),
            "qr_code": _qr_svg(device.config_url),
            "secret": _grouped(base64.b32encode(device.bin_key).decode()),
        },
    )


def _pending_app_device(user):
    """The user's unconfirmed app device, made once so the key stays the same
    while they scan it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


@transaction.atomic
def _confirm(user, device):
    """Makes ``device`` the user's one app and gives them new recovery codes;
    returns the codes (shown once, kept only as django-otp stores them)."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=recovery, token=code) for code in codes
    )
    return codes


def _recovery_code():
    # Ten characters from an alphabet without look-alikes: about 50 bits.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def _qr_svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # Generated from our own key, no user input: safe to put in the page as is.
    return mark_safe(svg)  # noqa: S308


def _grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
