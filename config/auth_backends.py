"""Authentication backends for tests."""

from config.lockout import LockoutBackend


class TestClientLockoutBackend(LockoutBackend):
    """django-axes' lockout check, tolerant of a missing request.

    Django's test client ``login()`` calls ``authenticate()`` without a request,
    which the stock backend refuses with an error. Used by the test settings only:
    every login over HTTP (site and admin) passes its request and is checked as in
    production, so the lockout tests exercise the real rule.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
