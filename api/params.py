"""Reading the query parameters of the open data: a value that cannot be read
is the client's mistake, reported as 400 with a message, never a 5xx."""

import datetime
import uuid

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


class BadParameter(ValueError):
    """A query parameter the API cannot use; its message says why."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


def positive_int(params, name, default, maximum=None):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        message = _("%(name)s skal være et helt tal.") % {"name": name}
        raise BadParameter(name, message) from None
    if value < 1:
        raise BadParameter(name, _("%(name)s skal være mindst 1.") % {"name": name})
    if maximum is not None and value > maximum:
        raise BadParameter(
            name,
            _("%(name)s må højst være %(maximum)s.")
            % {"name": name, "maximum": maximum},
        )
    return value


def uuid_value(params, name):
    """A UUID parameter as a ``uuid.UUID``; None when it is absent."""
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        message = _("%(name)s skal være et UUID.") % {"name": name}
        raise BadParameter(name, message) from None


def moment(params, name):
    """A date or a date-time (ISO 8601) as an aware datetime; None when absent."""
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = parse_datetime(raw)
        if value is None:
            day = parse_date(raw)
            value = day and datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        value = None
    if value is None:
        raise BadParameter(
            name,
            _("%(name)s skal være en dato eller et tidspunkt (ISO 8601).")
            % {"name": name},
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def text(params, name):
    return (params.get(name) or "").strip()
