"""Danish text helpers shared by every app (the lowest app owns them)."""

from django.utils.text import slugify

DANISH_TRANSLITERATION = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


def danish_slugify(value):
    """Slugify with Danish transliteration, so "Ladegården" becomes "ladegaarden"."""
    return slugify(str(value).translate(DANISH_TRANSLITERATION))
