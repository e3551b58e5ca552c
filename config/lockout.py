"""Failed logins: a lockout of a username from one address, growing with each
lockout, and a separate limit for one address across usernames.

django-axes counts failures per username *and* address together
(AXES_LOCKOUT_PARAMETERS), so a guesser elsewhere cannot lock the owner out
from their own address. Each new lockout of the same pair within
LOCKOUT_GROWTH_WINDOW lasts twice as long as the last (15, 30, 60 ... minutes,
at most LOCKOUT_MAX_COOLOFF), from the failure log axes keeps
(AXES_ENABLE_ACCESS_FAILURE_LOG). One address trying many usernames (password
spraying) is stopped by ``LockoutBackend`` once its failures in
ADDRESS_FAILURE_WINDOW reach ADDRESS_FAILURE_LIMIT, set high enough that a town
hall's staff behind one address never reach it by typos.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone


def cool_off(request=None):
    """AXES_COOLOFF_TIME: the base cool-off, doubled for every earlier lockout
    of the same username and address within the growth window."""
    base = settings.LOCKOUT_BASE_COOLOFF
    if request is None:
        return base
    username = get_client_username(request)
    address = getattr(request, "axes_ip_address", None)
    if not username or not address:
        return base
    failures = AccessFailureLog.objects.filter(
        username=username,
        ip_address=address,
        attempt_time__gte=timezone.now() - settings.LOCKOUT_GROWTH_WINDOW,
    ).count()
    lockouts = max(1, failures // settings.AXES_FAILURE_LIMIT)
    return min(base * 2 ** (lockouts - 1), settings.LOCKOUT_MAX_COOLOFF)


def address_over_limit(request):
    """Whether the request's address has failed ADDRESS_FAILURE_LIMIT logins
    (any usernames) within ADDRESS_FAILURE_WINDOW."""
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(
        request
    )
    failures = AccessFailureLog.objects.filter(
        ip_address=address,
        attempt_time__gte=timezone.now() - settings.ADDRESS_FAILURE_WINDOW,
    ).count()
    return failures >= settings.ADDRESS_FAILURE_LIMIT


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check (username and address), then the address limit.
    Logs no one in; the next backend checks the password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        super().authenticate(request, username, password, **kwargs)
        if address_over_limit(request):
            request.axes_locked_out = True
            request.address_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed logins from one address")
