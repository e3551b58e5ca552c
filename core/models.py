"""Abstract models and querysets every app builds on, and the seed record."""

import copy
import uuid

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .history import history
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
    source_year = models.PositiveSmallIntegerField(
        _("kildens år"),
        null=True,
        blank=True,
        help_text=_("Året for det dokument, posten er hentet fra."),
    )

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


class SourcedModel(models.Model):
    """A fact taken from a document, or added by a curator: where it comes from.

    A seeded fact names its document, section or table and page; a fact a curator
    adds in the admin has no document but records who added it and when
    (core.admin.SourcedAdminMixin fills those in). Pages show the line
    ``Kilde: …`` through ``core/templatetags/sources.py``.
    """

    source_document = models.CharField(
        _("kildedokument"),
        max_length=200,
        blank=True,
        help_text=_("Dokumentets korte titel, fx “Aftale 2019-2020”."),
    )
    source_section = models.CharField(
        _("afsnit eller tabel i kilden"),
        max_length=200,
        blank=True,
        help_text=_("Fx “afsnit 3.1” eller “tabel over effektmål”."),
    )
    source_page = models.PositiveSmallIntegerField(
        _("side i kilden"), null=True, blank=True
    )
    source_added_by = models.CharField(
        _("tilføjet af"),
        max_length=200,
        blank=True,
        help_text=_("Redaktøren, der har tilføjet oplysningen uden et kildedokument."),
    )
    source_added_on = models.DateField(_("tilføjet den"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_source(self):
        return bool(self.source_document or self.source_added_by)

    @property
    def source_text(self):
        """“Aftale 2019-2020, afsnit 3.1, s. 12”, or empty for a curator's addition."""
        if not self.source_document:
            return ""
        parts = [self.source_document]
        if self.source_section:
            parts.append(self.source_section)
        if self.source_page:
            parts.append(_("s. %(page)s") % {"page": self.source_page})
        return ", ".join(str(part) for part in parts)


class SiteContact(models.Model):
    """The site's own way in, set by curators in the admin: the last link of
    every offer's contact chain, the footer's contact block and the address of
    the accessibility statement. One row; ``SiteContact.current()`` reads it,
    and an empty field falls back to the setting of the same meaning
    (``SITE_CONTACT_PHONE``, ``SITE_CONTACT_EMAIL``,
    ``ACCESSIBILITY_STATEMENT_URL``), so an installation configured by
    environment keeps working until a curator takes over."""

    name = models.CharField(
        _("navn"),
        max_length=200,
        blank=True,
        help_text=_("Hvem borgeren kommer i kontakt med, fx “Videnscentret”."),
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    hours = models.CharField(
        _("telefontid og åbningstid"),
        max_length=300,
        blank=True,
        help_text=_("Fx “Hverdage kl. 9–15”."),
    )
    accessibility_statement_url = models.URLField(
        _("tilgængelighedserklæring (URL)"),
        max_length=500,
        blank=True,
        help_text=_(
            "Adressen på sidens erklæring i Digitaliseringsstyrelsens værktøj "
            "(was.digst.dk)."
        ),
    )

    history = history()

    class Meta:
        verbose_name = _("sidens kontaktoplysninger")
        verbose_name_plural = _("sidens kontaktoplysninger")

    def __str__(self):
        return str(self.name or _("Sidens kontaktoplysninger"))

    @classmethod
    def current(cls):
        """The one row, with empty fields filled from the settings; unsaved
        when curators have not made it yet."""
        from django.conf import settings

        from . import caching

        row = caching.get(SITE_CONTACT_CACHE_KEY)
        if row is caching.MISSING:
            # Every page shows it (the footer): read once, kept until saved.
            row = cls.objects.order_by("pk").first() or False
            caching.set(SITE_CONTACT_CACHE_KEY, row, None)
        contact = copy.copy(row) if row else cls()
        contact.phone = contact.phone or settings.SITE_CONTACT_PHONE
        contact.email = contact.email or settings.SITE_CONTACT_EMAIL
        contact.name = contact.name or settings.SITE_NAME
        contact.accessibility_statement_url = (
            contact.accessibility_statement_url or settings.ACCESSIBILITY_STATEMENT_URL
        )
        return contact

    @property
    def has_way_in(self):
        return bool(self.phone or self.email)


SITE_CONTACT_CACHE_KEY = "core:site-contact"


@receiver(post_save, sender=SiteContact, dispatch_uid="core.site_contact_saved")
@receiver(post_delete, sender=SiteContact, dispatch_uid="core.site_contact_deleted")
def _forget_site_contact(**kwargs):
    from . import caching

    caching.delete(SITE_CONTACT_CACHE_KEY)
    # Every page shows the site's contact (the footer, offers without their
    # own): no stored page or fragment may keep the old one.
    from .content_versions import bump_content_version

    bump_content_version()


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

    # Who changed a synonym, when and why (a search that stops finding
    # something is then traced to its change).
    history = history()

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
