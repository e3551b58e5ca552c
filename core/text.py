"""Danish text helpers shared by every app (the lowest app owns them)."""

import re

from django.utils.text import slugify

DANISH_TRANSLITERATION = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


def danish_slugify(value):
    """Slugify with Danish transliteration, so "Ladegården" becomes "ladegaarden"."""
    return slugify(str(value).translate(DANISH_TRANSLITERATION))


# Spellings of one street that documents mix: "Gl." for "Gammel", "St." for
# "Store", and "Søren Møllers Gade" beside "Søren Møllergade".
ADDRESS_ABBREVIATIONS = {"gl": "gammel", "st": "store", "ll": "lille", "nr": "nørre"}
STREET_WORDS = ("gade", "vej", "allé", "alle", "stræde", "plads", "torv")


def normalise_address(value):
    """One form for every spelling of an address, for matching, not display:
    "Gl. Hadsundvej 1" and "Gammel Hadsundvej 1" both become
    "gammelhadsundvej1"; "Søren Møllers Gade 5 B" and "Søren Møllergade 5 B"
    both become "sørenmøllergade5b"."""
    words = re.findall(r"\w+", str(value).casefold())
    words = [ADDRESS_ABBREVIATIONS.get(word, word) for word in words]
    text = "".join(words)
    # A genitive s before the street word: "møllersgade" = "møllergade".
    return re.sub(r"s(?=(" + "|".join(STREET_WORDS) + r"))", "", text)
