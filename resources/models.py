"""The library: guidelines, manuals, service descriptions and publications,
and the knowledge sources they come from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SearchDocumentField, URLField
from core.history import history
from core.models import SluggedModel, TimestampedModel
from core.visibility import VisibleModel

from .storage import get_private_storage, upload_path
from .validators import validate_upload


class KnowledgeSource(SluggedModel):
    class Kind(models.TextChoices):
        NATIONAL_AGENCY = "national_agency", _("National myndighed")
        RESEARCH_CENTRE = "research_centre", _("Forskningscenter")
        CONFERENCE = "conference", _("Konference")
        CONSULTANCY = "consultancy", _("Konsulenthus")
        WEBSITE = "website", _("Vidensportal")
        ADVISORY = "advisory", _("Rådgivning")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    publishes = models.TextField(_("hvad de udgiver"), blank=True)
    url = URLField(_("hjemmeside"), max_length=300, blank=True)

    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    history = history()

    class Meta:
        verbose_name = _("videnskilde")
        verbose_name_plural = _("videnskilder")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("knowledge_sources:detail", kwargs={"slug": self.slug})


class Resource(SluggedModel, TimestampedModel, VisibleModel):
    slug_source_field = "title"

    class Kind(models.TextChoices):
        # One kind for a guideline, whatever the document calls it ("Guideline",
        # "Retningslinje"); the old "procedure" kind was merged into it.
        GUIDELINE = "guideline", _("Retningslinje")
        MANUAL = "manual", _("Manual")
        SERVICE_DESCRIPTION = "service_description", _("Ydelsesbeskrivelse")
        ARTICLE = "article", _("Artikel")
        SLIDES = "slides", _("Slides")
        REPORT = "report", _("Rapport")
        INTERVIEW = "interview", _("Interview")
        LINK = "link", _("Link")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Offentlig")
        STAFF = "staff", _("Kun for medarbejdere")
        DRAFT = "draft", _("Kladde")

    visibility_field = "visibility"
    public_values = (Visibility.PUBLIC,)
    staff_values = (Visibility.STAFF,)

    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("type"), max_length=24, choices=Kind.choices)
    visibility = models.CharField(
        _("synlighed"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    file = models.FileField(
        _("fil"),
        storage=get_private_storage,
        upload_to=upload_path,
        validators=[validate_upload],
        max_length=200,
        blank=True,
        help_text=_("PDF, Word, PowerPoint, Excel, ODT, PNG eller JPG."),
    )
    url = URLField(_("ekstern adresse (URL)"), max_length=500, blank=True)
    authors = models.CharField(_("forfattere"), max_length=300, blank=True)
    publisher = models.CharField(_("udgiver"), max_length=200, blank=True)
    source = models.ForeignKey(
        KnowledgeSource,
        verbose_name=_("videnskilde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    summary = models.TextField(_("resumé"))
    methods = models.ManyToManyField(
        "methods.Method",
        verbose_name=_("metoder"),
        blank=True,
        related_name="resources",
    )
    offers = models.ManyToManyField(
        "services.Offer", verbose_name=_("tilbud"), blank=True, related_name="resources"
    )
    last_reviewed_on = models.DateField(_("senest gennemgået"), null=True, blank=True)
    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    history = history(m2m_fields=["methods", "offers"])

    class Meta:
        verbose_name = _("materiale")
        verbose_name_plural = _("materialer")
        ordering = ["title"]
        indexes = [
            # The library (what a visitor may see, by title) and "what's new".
            models.Index(
                fields=["visibility", "title"], name="resource_visibility_title_idx"
            ),
            models.Index(
                fields=["visibility", "-updated_at"],
                name="resource_visibility_upd_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__isnull=True)
                | models.Q(year__gte=1900, year__lte=2200),
                name="resource_year_plausible",
                violation_error_message=_("Året skal ligge mellem 1900 og 2200."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.kind == self.Kind.LINK and not self.url:
            raise ValidationError({"url": _("Et link skal have en adresse.")})
