"""Methods used in the centre's work, their knowledge declaration, and talks."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SearchDocumentField, URLField
from core.history import history
from core.models import (
    Publication,
    PublicIdModel,
    PublishedModel,
    SluggedModel,
    SourcedModel,
    TimestampedModel,
)
from core.verification import VerifiedModel, VerifiedQuerySet
from core.visibility import VisibleQuerySet


class MethodQuerySet(VisibleQuerySet, VerifiedQuerySet):
    pass


class Rating(models.TextChoices):
    """The national agency's four-step rating of a knowledge-declaration dimension.

    The scale is documented in docs/knowledge-declaration.md.
    """

    A = "A", _("A – stærkt vidensgrundlag")
    B = "B", _("B – godt vidensgrundlag")
    C = "C", _("C – nogen viden")
    D = "D", _("D – begrænset viden")


class Dimension(models.TextChoices):
    TARGET_GROUP = "target_group", _("Målgruppe")
    METHOD = "method", _("Metode")
    IMPLEMENTATION = "implementation", _("Implementering")
    EFFECT = "effect", _("Effekt")
    ECONOMY = "economy", _("Økonomi")


class TargetGroup(SluggedModel, PublicIdModel):
    """A group of citizens a method or an offer is for (shared vocabulary)."""

    name = models.CharField(_("navn"), max_length=120, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    history = history()

    class Meta:
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MethodCategory(SluggedModel):
    name = models.CharField(_("navn"), max_length=120, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    history = history()

    class Meta:
        verbose_name = _("metodekategori")
        verbose_name_plural = _("metodekategorier")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Method(SluggedModel, TimestampedModel, PublishedModel, VerifiedModel):
    objects = MethodQuerySet.as_manager()

    name = models.CharField(_("navn"), max_length=200, unique=True)
    abbreviation = models.CharField(_("forkortelse"), max_length=20, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Publication.choices,
        default=Publication.PUBLISHED,
    )
    category = models.ForeignKey(
        MethodCategory,
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        related_name="methods",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet tilgang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("Fx Housing First for CTI, ICM og ACT."),
    )
    related_methods = models.ManyToManyField(
        "self", verbose_name=_("relaterede metoder"), blank=True, symmetrical=True
    )
    summary = models.TextField(
        _("resumé"), help_text=_("To-tre sætninger i et klart sprog.")
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Markdown er tilladt.")
    )
    target_group = models.TextField(_("målgruppe"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup,
        verbose_name=_("målgrupper"),
        blank=True,
        related_name="methods",
    )
    intended_outcomes = models.TextField(_("tilsigtede resultater"), blank=True)
    core_elements = models.TextField(
        _("kerneelementer"), blank=True, help_text=_("Ét element pr. linje.")
    )
    duration_months = models.PositiveSmallIntegerField(
        _("varighed i måneder"),
        null=True,
        blank=True,
        help_text=_("Tomt, hvis metoden ikke er tidsafgrænset."),
    )
    duration_note = models.CharField(_("om varigheden"), max_length=200, blank=True)
    manual = models.TextField(_("manual"), blank=True)
    fidelity_tool = models.TextField(
        _("metodeloyalitet (fidelitetsværktøj)"), blank=True
    )
    training = models.TextField(_("uddannelse og træning"), blank=True)
    training_provider = models.CharField(
        _("udbyder af uddannelse"), max_length=200, blank=True
    )
    # The knowledge declaration, in the national agency's five dimensions.
    rating_target_group = models.CharField(
        _("målgruppe: vurdering"), max_length=1, choices=Rating.choices, blank=True
    )
    reason_target_group = models.TextField(_("målgruppe: begrundelse"), blank=True)
    rating_method = models.CharField(
        _("metode: vurdering"), max_length=1, choices=Rating.choices, blank=True
    )
    reason_method = models.TextField(_("metode: begrundelse"), blank=True)
    rating_implementation = models.CharField(
        _("implementering: vurdering"), max_length=1, choices=Rating.choices, blank=True
    )
    reason_implementation = models.TextField(
        _("implementering: begrundelse"), blank=True
    )
    rating_effect = models.CharField(
        _("effekt: vurdering"),
        max_length=1,
        choices=Rating.choices,
        blank=True,
        db_index=True,
        help_text=_("Bruges som metodens evidensniveau."),
    )
    reason_effect = models.TextField(_("effekt: begrundelse"), blank=True)
    rating_economy = models.CharField(
        _("økonomi: vurdering"), max_length=1, choices=Rating.choices, blank=True
    )
    reason_economy = models.TextField(_("økonomi: begrundelse"), blank=True)
    declaration_reviewed_on = models.DateField(
        _("vidensdeklaration gennemgået"), null=True, blank=True
    )
    knowledge_portal_url = URLField(
        _("søgning på Vidensportalen"),
        max_length=500,
        blank=True,
        help_text=_(
            "Adressen på den nationale vidensportals søgning efter metoden, når en "
            "redaktør har fundet den. Vises, når metoden ikke er vurderet."
        ),
    )
    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    history = history(m2m_fields=["target_groups", "related_methods"])

    class Meta:
        verbose_name = _("metode")
        verbose_name_plural = _("metoder")
        ordering = ["name"]
        indexes = [
            # "What's new" on the home page: the latest published methods.
            models.Index(
                fields=["status", "-updated_at"], name="method_status_updated_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="method_not_own_parent",
                violation_error_message=_("En metode kan ikke være sin egen tilgang."),
            ),
        ]

    def __str__(self):
        if self.abbreviation and self.abbreviation != self.name:
            return f"{self.name} ({self.abbreviation})"
        return self.name

    def get_absolute_url(self):
        return reverse("methods:detail", kwargs={"slug": self.slug})

    @property
    def evidence_level(self):
        return self.rating_effect

    @property
    def is_rated(self):
        """Whether any dimension of the knowledge declaration has a rating."""
        return any(
            rating for _dimension, rating, _reason in self.knowledge_declaration()
        )

    def knowledge_declaration(self):
        """The five dimensions in the agency's order: (dimension, rating, reason)."""
        return [
            (
                dimension,
                getattr(self, f"rating_{dimension.value}"),
                getattr(self, f"reason_{dimension.value}"),
            )
            for dimension in Dimension
        ]

    def core_element_list(self):
        return [
            line.strip() for line in self.core_elements.splitlines() if line.strip()
        ]


class MethodPhase(models.Model):
    method = models.ForeignKey(
        Method,
        verbose_name=_("metode"),
        on_delete=models.CASCADE,
        related_name="phases",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("varighed i måneder"), null=True, blank=True
    )

    history = history()

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("faser")
        ordering = ["method", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "number"],
                name="unique_phase_number_per_method",
                violation_error_message=_(
                    "Metoden har allerede en fase med det nummer."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class MethodSource(models.Model):
    """Where a method is described: the national agency's page, a guideline."""

    method = models.ForeignKey(
        Method,
        verbose_name=_("metode"),
        on_delete=models.CASCADE,
        related_name="sources",
    )
    title = models.CharField(_("titel"), max_length=300)
    publisher = models.CharField(_("udgiver"), max_length=200, blank=True)
    url = URLField(_("adresse (URL)"), max_length=500, blank=True)

    history = history()

    class Meta:
        verbose_name = _("kilde")
        verbose_name_plural = _("kilder")
        ordering = ["method", "title"]

    def __str__(self):
        return self.title


class Presenter(SluggedModel):
    """A member of staff who gives talks or courses."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    job_title = models.CharField(_("stilling"), max_length=200, blank=True)

    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    history = history()

    class Meta:
        verbose_name = _("oplægsholder")
        verbose_name_plural = _("oplægsholdere")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.job_title})" if self.job_title else self.name


class Talk(SluggedModel, TimestampedModel, SourcedModel):
    """A talk, course or training session staff offer to others."""

    slug_source_field = "title"

    class Kind(models.TextChoices):
        TALK = "talk", _("Oplæg")
        COURSE = "course", _("Undervisning")
        TRAINING = "training", _("Træning")

    title = models.CharField(_("titel"), max_length=200, unique=True)
    kind = models.CharField(
        _("type"), max_length=12, choices=Kind.choices, default=Kind.TALK
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    audience = models.CharField(_("målgruppe for oplægget"), max_length=300, blank=True)
    duration = models.CharField(
        _("varighed"),
        max_length=120,
        blank=True,
        help_text=_("Fx “2 timer” eller “2 dage”. Tomt, hvis det aftales ved booking."),
    )
    methods = models.ManyToManyField(
        Method,
        verbose_name=_("metoder"),
        blank=True,
        related_name="talks",
        through="TalkMethod",
    )
    presenters = models.ManyToManyField(
        Presenter, verbose_name=_("oplægsholdere"), blank=True, related_name="talks"
    )

    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    # A talk's methods have their own rows with their source (TalkMethod), and
    # their own history there.
    history = history(m2m_fields=["presenters"])

    class Meta:
        verbose_name = _("oplæg eller kursus")
        verbose_name_plural = _("oplæg og kurser")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("methods:talk_detail", kwargs={"slug": self.slug})


class TalkMethod(SourcedModel):
    """A method a talk draws on, with where the document says so: a link is a
    fact like an offer's use of a method (services.OfferMethod)."""

    talk = models.ForeignKey(
        Talk,
        verbose_name=_("oplæg eller kursus"),
        on_delete=models.CASCADE,
        related_name="method_uses",
    )
    method = models.ForeignKey(
        Method,
        verbose_name=_("metode"),
        on_delete=models.CASCADE,
        related_name="talk_uses",
    )
    note = models.TextField(_("sådan bygger oplægget på metoden"), blank=True)

    history = history()

    class Meta:
        verbose_name = _("metode i oplægget")
        verbose_name_plural = _("metoder i oplægget")
        ordering = ["talk", "method"]
        constraints = [
            models.UniqueConstraint(
                fields=["talk", "method"],
                name="unique_method_per_talk",
                violation_error_message=_("Metoden er allerede knyttet til oplægget."),
            ),
        ]

    def __str__(self):
        return f"{self.talk} – {self.method}"
