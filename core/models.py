"""Abstract models and querysets every app builds on, and the seed record."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import danish_slugify
from .visibility import VisibleModel


class Publication(models.TextChoices):
    """Whether an item is shown on the portal at all (drafts are for curators)."""

    PUBLISHED = "published", _("Offentliggjort")
    DRAFT = "draft", _("Kladde")


class PublishedModel(VisibleModel):
    """A method or an offer: everyone sees it once published; drafts are for
    curators in the admin (core/visibility.py holds the rule)."""

    visibility_field = "status"
    public_values = (Publication.PUBLISHED,)

    class Meta:
        abstract = True


class SluggedModel(models.Model):
    """A model addressed by a Danish-transliterated slug made from its name."""

    slug_source_field = "name"

    slug = models.SlugField(
        _("kort navn i adressen"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Udfyldes automatisk ud fra navnet, fx “ladegaarden”."),
    )

    class Meta:
        abstract = True

    def clean(self):
        # Filled in before uniqueness is validated, so a clash is a form error.
        super().clean()
        self.fill_slug()

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def fill_slug(self):
        if not self.slug:
            self.slug = danish_slugify(getattr(self, self.slug_source_field))[:120]


class PublicIdModel(models.Model):
    """A model published as open data: a UUID that stays the same for the
    row's lifetime, so outside systems can refer to it without ever seeing a
    database id (which a restore or a move between databases may change)."""

    uuid = models.UUIDField(
        _("offentligt id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Fast id i de åbne data; ændres aldrig."),
    )

    class Meta:
        abstract = True


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    class Meta:
        abstract = True


class SeedRecord(models.Model):
    """Which row a seed entry became, so later runs of ``load_seed_content`` find
    that row again even after a curator has changed its slug, title or address,
    and know it was deleted rather than never loaded. Written only by the loader
    (``core.seeding.SeedLoader``)."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("indholdstype"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("rækkens id"))
    seed_key = models.TextField(
        _("nøgle i datafilen"),
        help_text=_("Postens naturlige nøgle i datafilen, da den blev indlæst."),
    )
    loaded_at = models.DateTimeField(_("indlæst"), auto_now_add=True)

    class Meta:
        verbose_name = _("indlæst grundindhold")
        verbose_name_plural = _("indlæst grundindhold")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "seed_key"], name="core_seed_record_unique_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="core_seed_record_object_idx"
            )
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.seed_key}"


class Synonym(models.Model):
    """Words that mean the same to the people searching: a Danish lay word, the
    professional term, the English word. A search for any one of them also
    finds the others (core/search.py expands the query). Kept by curators in
    the admin; the first list comes with migration core 0002."""

    word = models.CharField(
        _("ord"),
        max_length=100,
        unique=True,
        help_text=_("Det ord, folk søger på, fx “hash”."),
    )
    synonyms = models.TextField(
        _("synonymer"),
        help_text=_(
            "Ord og udtryk, der betyder det samme, adskilt af komma, "
            "fx “cannabis, pot, skunk”. Udtryk med flere ord søges som udtryk."
        ),
    )

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonymer")
        ordering = ["word"]

    def __str__(self):
        return self.word

    @property
    def terms(self):
        """The word and its synonyms, each once, as written."""
        terms = [self.word, *self.synonyms.split(",")]
        return list(dict.fromkeys(t.strip() for t in terms if t.strip()))


class SearchWord(models.Model):
    """A word of the public indexed text and in how many items it occurs: the
    vocabulary a misspelt query word is corrected against ("Mente du …?").
    Rebuilt from the content when it has changed (config/search.py); never
    edited by hand."""

    word = models.CharField(_("ord"), max_length=100, unique=True)
    documents = models.PositiveIntegerField(_("antal steder"), default=0)

    class Meta:
        verbose_name = _("søgeord")
        verbose_name_plural = _("søgeord")

    def __str__(self):
        return self.word
