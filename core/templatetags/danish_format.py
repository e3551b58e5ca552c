"""Template filters for numbers, amounts, file sizes and dates.

Thin wrappers around core/formats.py, the one place they are formatted (with
Babel, in the active language's locale: ``2.331.443 kr.`` on a Danish page,
``DKK 2,331,443`` on an English one).
"""

from django import template

from core import formats

register = template.Library()


@register.filter
def kroner(value):
    """``{{ figure.budget|kroner }}``: whole kroner without decimals, øre with two."""
    return formats.format_amount(value)


@register.filter
def grouped(value, decimals=None):
    """``{{ n|grouped }}`` → ``1.234``; ``{{ n|grouped:2 }}`` → ``1.234,50``."""
    if decimals is None:
        return formats.format_number(value)
    return formats.format_decimal(value, decimals)


@register.filter
def percent(value):
    """``{{ share|percent }}`` for a value in per cent: ``47,5 %``."""
    return formats.format_percent(value)


@register.filter
def file_size(size):
    """``{{ file.size|file_size }}`` → ``850 kB``, ``1,2 MB``."""
    return formats.format_file_size(size)


@register.filter
def long_date(value):
    """``{{ offer.last_verified_on|long_date }}`` → ``3. december 2026``."""
    return formats.format_date(value)


@register.filter
def tel_href(phone):
    """A phone number as a ``tel:`` address: digits only, a leading + kept."""
    phone = str(phone or "").strip()
    digits = "".join(character for character in phone if character.isdigit())
    if not digits:
        return ""
    return "tel:" + ("+" if phone.startswith("+") else "") + digits
