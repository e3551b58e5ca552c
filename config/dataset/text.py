"""Danish-looking names and text for synthetic content.

People, streets, postcodes and towns come from Faker's ``da_DK`` provider; the
rest is put together from the portal's own words (vocabulary.py). The same
``random.Random`` state gives the same text with the same Faker version (the
lock file pins it).
"""

from faker import Faker

from core.text import danish_slugify

from .vocabulary import CORE_ELEMENTS, OBJECTS, PLAIN_SENTENCES, SUBJECTS, TAILS, VERBS


class DanishText:
    """Danish-looking text drawn from ``rng`` and, for people and places, from
    a Faker seeded from the same ``rng``."""

    def __init__(self, rng):
        self.rng = rng
        self.faker = Faker("da_DK")
        self.faker.seed_instance(rng.getrandbits(64))

    def unique(self, taken, make):
        """A value from ``make`` not in ``taken``; numbered when the words run out."""
        for _ in range(20):
            value = make()
            if value not in taken:
                taken.add(value)
                return value
        base, number = make(), 2
        while f"{base} {number}" in taken:
            number += 1
        value = f"{base} {number}"
        taken.add(value)
        return value

    def person_name(self):
        # First and last name only: the provider's full names sometimes carry
        # titles ("Dr.", "Univ.Prof.") that no presenter list here has.
        return f"{self.faker.first_name()} {self.faker.last_name()}"

    def place(self):
        """A town's name, to tell offers and plans of the same kind apart."""
        return self.faker.city_name()

    def address(self):
        """``(street and number, postcode, town)``."""
        return (
            self.faker.street_address(),
            self.faker.postcode(),
            self.faker.city_name(),
        )

    @staticmethod
    def abbreviation(name):
        return "".join(word[0] for word in name.split() if word[0].isalpha()).upper()[
            :6
        ]

    def sentence(self):
        rng = self.rng
        return (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            f"{rng.choice(TAILS)}."
        )

    def paragraph(self, low, high):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def plain_paragraph(self):
        """Short sentences for citizens, as the plain-language summaries are."""
        rng = self.rng
        return " ".join(rng.sample(PLAIN_SENTENCES, k=3))

    def core_element(self):
        return f"{self.rng.choice(CORE_ELEMENTS)}"

    def markdown(self, low, high):
        rng = self.rng
        parts = [self.paragraph(2, 4)]
        if rng.random() < 0.6:
            parts.append(
                "Forløbet rummer:\n\n"
                + "\n".join(f"- {rng.choice(CORE_ELEMENTS)}" for _ in range(3))
            )
        parts.extend(self.paragraph(2, 4) for _ in range(rng.randint(low, high) - 1))
        return "\n\n".join(parts)


class Slugs:
    """Unique slugs for one model: taken ones are read once, clashes numbered."""

    def __init__(self, model):
        self.taken = set(model.objects.values_list("slug", flat=True))

    def make(self, text):
        base = danish_slugify(text)[:100] or "indhold"
        slug, number = base, 1
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.taken.add(slug)
        return slug
