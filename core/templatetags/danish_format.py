"""Numbers as Danish readers expect them: ``2.331.443 kr.``, ``1,2 MB``.

Always with Danish separators, whatever language the browser asks for: the
content is Danish, and ``2,331,443 kr.`` would look wrong in it. A no-break
space keeps a number and its unit on one line.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.numberformat import format as format_number
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def kroner(value):
    """An amount in kroner: whole kroner without decimals, øre with two."""
    amount = _decimal(value)
    if amount is None:
        return ""
    decimals = 0 if amount == amount.to_integral_value() else 2
    return _nbsp(_("%(amount)s kr.")) % {"amount": grouped(amount, decimals)}


@register.filter
def grouped(value, decimals=0):
    """A number with thousands separators: ``1.234``."""
    number = _decimal(value)
    if number is None:
        return ""
    decimals = int(decimals)
    # number_format truncates; round half up first, as people round.
    number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format_number(
        number,
        decimal_sep=",",
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )


@register.filter
def file_size(size):
    """A file size in bytes as ``850 kB`` or ``1,2 MB`` (1 kB = 1000 bytes)."""
    if size is None:
        return ""
    size = int(size)
    if size < 1000:
        return _nbsp(_("%(size)s byte")) % {"size": size}
    if round(size / 1000) < 1000:
        return _nbsp(_("%(size)s kB")) % {"size": grouped(round(size / 1000))}
    if round(size / 10**8) < 10000:
        return _nbsp(_("%(size)s MB")) % {"size": grouped(Decimal(size) / 10**6, 1)}
    return _nbsp(_("%(size)s GB")) % {"size": grouped(Decimal(size) / 10**9, 1)}


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def tel_href(phone):
    """A phone number as a ``tel:`` address: digits only, a leading + kept."""
    phone = str(phone or "").strip()
    digits = "".join(character for character in phone if character.isdigit())
    if not digits:
        return ""
    return "tel:" + ("+" if phone.startswith("+") else "") + digits


def _nbsp(text):
    """Keep a number and its unit on one line: the spaces of the translated
    text become no-break spaces (written as plain spaces, so xgettext finds
    the message)."""
    return text.replace(" ", "\u00a0")
