"""Organisations and the offers (tilbud) citizens can turn to."""

import datetime
from urllib.parse import quote_plus

from django.core.validators import MaxValueValidator
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
    TimestampedModel,
)
from core.verification import VerifiedModel, VerifiedQuerySet
from core.visibility import VisibleQuerySet


class OfferQuerySet(VisibleQuerySet, VerifiedQuerySet):
    pass


def _municipalities(parents):
    """Each organisation's id mapped to the id of the top of its tree.

    ``parents`` maps every organisation's id to its parent's id (None at a
    top). Nodes whose parents run in a loop have no top: they map to None.
    """
    tops = {}
    for start in parents:
        path, node = [], start
        while node not in tops:
            parent = parents.get(node)
            if parent is None:
                tops[node] = node
            elif node in path:
                tops[node] = None
            else:
                path.append(node)
                node = parent
        for member in path:
            tops[member] = tops[node]
    return tops


class OrganisationQuerySet(models.QuerySet):
    """The rule of the tree: an organisation belongs to the municipality at the
    top of its tree, however deep it sits.

    The whole tree (a municipality's chart: tens to hundreds of rows) is read in
    one query of ids and walked in Python, so the answer costs the same at any
    depth, where following ``parent`` costs a query per level and a filter over
    ``parent__parent__…`` stops at the depth it names.
    """

    def municipality_ids(self):
        """``{organisation id: its municipality's id}`` for every organisation."""
        parents = dict(self.model.objects.values_list("pk", "parent_id"))
        return _municipalities(parents)

    def in_municipality(self, municipality):
        """Those of these organisations that belong to ``municipality``: the
        municipality itself and everything under it."""
        members = [
            pk for pk, top in self.municipality_ids().items() if top == municipality.pk
        ]
        return self.filter(pk__in=members)


class Organisation(SluggedModel, PublicIdModel):
    """A municipality, a centre or a department: the owners of offers, as a tree."""

    objects = OrganisationQuerySet.as_manager()

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommune")
        CENTRE = "centre", _("Center")
        DEPARTMENT = "department", _("Afdeling")
        INSTITUTION = "institution", _("Selvejende institution")

    name = models.CharField(_("navn"), max_length=200)
    short_name = models.CharField(_("forkortelse"), max_length=20, blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hører under"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    website = URLField(_("hjemmeside"), max_length=300, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    history = history()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="organisation_not_own_parent",
                violation_error_message=_(
                    "En organisation kan ikke høre under sig selv."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def municipality(self):
        """The top of the tree this organisation belongs to (the rule:
        ``OrganisationQuerySet``); None if its parents run in a loop."""
        if self.parent_id is None:
            return self
        top = Organisation.objects.municipality_ids().get(self.pk)
        return None if top is None else Organisation.objects.get(pk=top)


class LegalBasis(SluggedModel, PublicIdModel):
    """A paragraph of law an offer is given under, e.g. SEL § 104."""

    slug_source_field = "code"

    code = models.CharField(
        _("paragraf"), max_length=60, unique=True, help_text=_("Fx “SEL § 104”.")
    )
    law = models.CharField(_("lov"), max_length=200, help_text=_("Fx “Serviceloven”."))
    title = models.CharField(_("overskrift"), max_length=200)
    explanation = models.CharField(
        _("forklaring i én linje"),
        max_length=300,
        help_text=_("Hvad paragraffen giver ret til, i et klart sprog."),
    )
    url = URLField(_("lovtekst (URL)"), max_length=300, blank=True)

    history = history()

    class Meta:
        verbose_name = _("lovgrundlag")
        verbose_name_plural = _("lovgrundlag")
        ordering = ["code"]

    def __str__(self):
        return self.code


class OfferKind(SluggedModel, PublicIdModel):
    name = models.CharField(_("navn"), max_length=120, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)

    history = history()

    class Meta:
        verbose_name = _("tilbudstype")
        verbose_name_plural = _("tilbudstyper")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Offer(
    SluggedModel, PublicIdModel, TimestampedModel, PublishedModel, VerifiedModel
):
    objects = OfferQuerySet.as_manager()

    class Operator(models.TextChoices):
        MUNICIPAL = "municipal", _("Kommunalt")
        SELF_GOVERNING = "self_governing", _("Selvejende")

    class Access(models.TextChoices):
        WALK_IN = "walk_in", _("Du kan bare møde op")
        REFERRED = "referred", _("Kræver visitation")
        BOTH = "both", _("Både uden og med visitation")

    name = models.CharField(_("navn"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Publication.choices,
        default=Publication.PUBLISHED,
    )
    kind = models.ForeignKey(
        OfferKind,
        verbose_name=_("type"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("ejer"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("del af tilbuddet"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sub_offers",
    )
    operator = models.CharField(
        _("driftsform"),
        max_length=16,
        choices=Operator.choices,
        default=Operator.MUNICIPAL,
    )
    legal_basis = models.ForeignKey(
        LegalBasis,
        verbose_name=_("primært lovgrundlag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_offers",
    )
    other_legal_bases = models.ManyToManyField(
        LegalBasis,
        verbose_name=_("øvrigt lovgrundlag"),
        blank=True,
        related_name="secondary_offers",
    )
    summary = models.TextField(
        _("kort fortalt"),
        help_text=_("Til borgeren: hvad tilbuddet er, i to-tre korte sætninger."),
    )
    description = models.TextField(
        _("beskrivelse"), blank=True, help_text=_("Markdown er tilladt.")
    )
    target_group = models.TextField(_("hvem er tilbuddet for"), blank=True)
    target_groups = models.ManyToManyField(
        "methods.TargetGroup",
        verbose_name=_("målgrupper"),
        blank=True,
        related_name="offers",
    )
    min_age = models.PositiveSmallIntegerField(
        _("fra alder"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("til alder"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    access = models.CharField(
        _("adgang"), max_length=12, choices=Access.choices, default=Access.REFERRED
    )
    how_to_apply = models.TextField(_("sådan får du hjælp"), blank=True)
    capacity = models.PositiveIntegerField(_("kapacitet"), null=True, blank=True)
    capacity_unit = models.CharField(
        _("enhed for kapacitet"),
        max_length=60,
        blank=True,
        help_text=_("Fx “pladser” eller “boliger”."),
    )
    capacity_counted_on = models.DateField(
        _("kapacitet opgjort"), null=True, blank=True
    )
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = URLField(_("hjemmeside"), max_length=300, blank=True)
    national_portal_url = URLField(
        _("side på Tilbudsportalen"), max_length=300, blank=True
    )
    methods = models.ManyToManyField(
        "methods.Method",
        verbose_name=_("metoder"),
        through="OfferMethod",
        blank=True,
        related_name="offers",
    )
    verification_note = models.CharField(
        _("om bekræftelsen"),
        max_length=200,
        blank=True,
        help_text=_("Fx hvem uden for Videnscentret der har bekræftet oplysningerne."),
    )
    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    history = history(m2m_fields=["target_groups", "other_legal_bases"])

    class Meta:
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        ordering = ["name"]
        indexes = [
            # The list (published, by name) and "what's new" (latest changed).
            models.Index(fields=["status", "name"], name="offer_status_name_idx"),
            models.Index(
                fields=["status", "-updated_at"], name="offer_status_updated_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(max_age__gte=models.F("min_age")),
                name="offer_age_range_ordered",
                violation_error_message=_(
                    "Den højeste alder skal være mindst lige så høj som den laveste."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="offer_not_own_parent",
                violation_error_message=_(
                    "Et tilbud kan ikke være en del af sig selv."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:detail", kwargs={"slug": self.slug})

    @property
    def is_walk_in(self):
        return self.access in {self.Access.WALK_IN, self.Access.BOTH}


class OfferMethod(models.Model):
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="method_uses",
    )
    method = models.ForeignKey(
        "methods.Method",
        verbose_name=_("metode"),
        on_delete=models.CASCADE,
        related_name="offer_uses",
    )
    note = models.TextField(_("sådan bruges metoden her"), blank=True)

    history = history()

    class Meta:
        verbose_name = _("metode i tilbuddet")
        verbose_name_plural = _("metoder i tilbuddet")
        ordering = ["offer", "method"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "method"],
                name="unique_method_per_offer",
                violation_error_message=_("Metoden er allerede knyttet til tilbuddet."),
            ),
        ]

    def __str__(self):
        return f"{self.offer} – {self.method}"


class Location(PublicIdModel):
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("navn"), max_length=200, blank=True)
    street = models.CharField(_("adresse"), max_length=200)
    postcode = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    hours_note = models.CharField(
        _("om åbningstiden"),
        max_length=300,
        blank=True,
        help_text=_("Fx “Lukket på helligdage”."),
    )

    history = history()

    class Meta:
        verbose_name = _("adresse")
        verbose_name_plural = _("adresser")
        ordering = ["offer", "name", "street"]

    def __str__(self):
        return ", ".join(part for part in (self.street, self.postal_line) if part)

    @property
    def postal_line(self):
        return " ".join(part for part in (self.postcode, self.city) if part)

    @property
    def map_url(self):
        return "https://www.openstreetmap.org/search?query=" + quote_plus(str(self))


class OpeningHours(PublicIdModel):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("mandag")
        TUESDAY = 1, _("tirsdag")
        WEDNESDAY = 2, _("onsdag")
        THURSDAY = 3, _("torsdag")
        FRIDAY = 4, _("fredag")
        SATURDAY = 5, _("lørdag")
        SUNDAY = 6, _("søndag")

    location = models.ForeignKey(
        Location,
        verbose_name=_("adresse"),
        on_delete=models.CASCADE,
        related_name="opening_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices)
    opens = models.TimeField(_("åbner"))
    closes = models.TimeField(_("lukker"))

    history = history()

    class Meta:
        verbose_name = _("åbningstid")
        verbose_name_plural = _("åbningstider")
        ordering = ["location", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
                violation_error_message=_("Lukketid skal ligge efter åbningstid."),
            ),
            models.UniqueConstraint(
                fields=["location", "weekday", "opens"],
                name="unique_opening_per_day",
                violation_error_message=_(
                    "Der er allerede en åbningstid på det tidspunkt."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H.%M}–{self.closes:%H.%M}"

    def is_open_at(self, moment: datetime.datetime):
        return (
            moment.weekday() == self.weekday
            and self.opens <= moment.time() < self.closes
        )


class KeyFigure(models.Model):
    """What an offer did and cost in a year."""

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("tilbud"),
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    citizens_served = models.PositiveIntegerField(
        _("antal borgere"), null=True, blank=True
    )
    budget = models.DecimalField(
        _("budget (kr.)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    history = history()

    class Meta:
        verbose_name = _("nøgletal")
        verbose_name_plural = _("nøgletal")
        ordering = ["offer", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "year"],
                name="unique_key_figure_year_per_offer",
                violation_error_message=_(
                    "Tilbuddet har allerede nøgletal for det år."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1900, year__lte=2200),
                name="key_figure_year_plausible",
                violation_error_message=_("Året skal ligge mellem 1900 og 2200."),
            ),
        ]

    def __str__(self):
        return f"{self.offer} {self.year}"
