"""A password validator against the passwords of real breaches, offline.

zxcvbn ships the 30,000 most common passwords of public breach dumps inside
the package (``zxcvbn.frequency_lists``), and its matcher also finds them
inside a longer password, with capitals, l33t substitutions, reversed or
followed by a year. No network is used at run time: the check works in a
municipality's closed network and leaks nothing about the password.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

# zxcvbn's estimate of guesses; below this a password built from a breached one
# falls to an offline attack on a leaked hash in hours (zxcvbn's score 3).
MIN_GUESSES = 10**10
# zxcvbn's run time grows with the length; a passphrase past this is long enough.
MAX_CHECKED_LENGTH = 100


class BreachedPasswordValidator:
    """Refuses a password that is, or is built from, a breached password and
    is easy to guess for it."""

    def validate(self, password, user=None):
        if len(password) > MAX_CHECKED_LENGTH:
            return
        inputs = _user_inputs(user)
        result = zxcvbn(password, user_inputs=inputs)
        breached = any(
            match.get("dictionary_name") == "passwords" for match in result["sequence"]
        )
        if breached and result["guesses"] < MIN_GUESSES:
            raise ValidationError(
                _(
                    "Adgangskoden findes i lister over lækkede adgangskoder eller "
                    "er bygget af en. Vælg en anden, fx fire tilfældige ord."
                ),
                code="password_breached",
            )

    def get_help_text(self):
        return _("Adgangskoden må ikke findes i lister over lækkede adgangskoder.")


def _user_inputs(user):
    if user is None:
        return []
    fields = ("username", "first_name", "last_name", "email")
    return [str(getattr(user, name, "") or "") for name in fields]
