# ruff: noqa: E501 -- the ids must match Django's strings exactly.
"""Django admin messages whose Danish (Django's own catalogue) reads wrong:
“Du kan redigere den/det igen herunder”, “Tilføj endnu en Udgangspunkt”.
locale/da overrides them (LOCALE_PATHS come before an app's catalogue), with
wording that needs no gender or number. Listing the ids here keeps them in
the catalogue when makemessages runs. Never imported."""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("You may edit it again below."),
    gettext_noop(
        "The {name} “{obj}” was changed successfully. You may edit it again below."
    ),
    gettext_noop(
        "The {name} “{obj}” was added successfully. You may edit it again below."
    ),
    gettext_noop(
        "The {name} “{obj}” was added successfully. You may add another {name} below."
    ),
    gettext_noop(
        "The {name} “{obj}” was changed successfully. You may add another {name} below."
    ),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("Add another %(verbose_name)s"),
]
