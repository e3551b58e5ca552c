"""Plans, their focus areas and initiatives, and goals with their figures.

Progress and status are computed from baselines, targets and measurements
(see goals/progress.py); the status is also stored on the goal for lists,
kept current when the figures change (goals/status.py).
"""

from datetime import date
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SearchDocumentField, URLField
from core.history import UNTRACKED_FIELDS, ChangeLogFields
from core.history import history as core_history
from core.models import SluggedModel, SourcedModel, TimestampedModel

from . import progress
from .periods import PeriodError, format_period, parse_period

YEAR_RANGE = models.Q(year__gte=1900, year__lte=2200)


class ImportedChangeLogFields(ChangeLogFields):
    """A goals history row also names the spreadsheet import that wrote it, so
    an import can be listed and undone as a whole (``ImportEvent``)."""

    history_import = models.ForeignKey(
        "goals.ImportEvent",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def history_source_link(self):
        """The admin page of the import that wrote this row, if one did."""
        if self.history_import_id is None:
            return ""
        return reverse("admin:goals_importevent_change", args=[self.history_import_id])


def history(**kwargs):
    """The change log of a goals model (core.history), with its import."""
    kwargs.setdefault("bases", [ImportedChangeLogFields])
    return core_history(**kwargs)


class ImportEvent(models.Model):
    """One confirmed spreadsheet import: who, when, which file, what it did.

    The history rows it wrote point to it (``history_import``); undoing it
    (goals.actions.undo_import) restores exactly the state before it."""

    class Kind(models.TextChoices):
        GOALS = "goal", _("Mål og udgangspunkter")
        TARGETS = "target", _("Målsætninger")
        MEASUREMENTS = "measurement", _("Målinger")

    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importeret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("fil"), max_length=255, blank=True)
    kind = models.CharField(_("indhold"), max_length=12, choices=Kind.choices)
    new = models.PositiveIntegerField(_("nye rækker"), default=0)
    changed = models.PositiveIntegerField(_("ændrede rækker"), default=0)
    unchanged = models.PositiveIntegerField(_("uændrede rækker"), default=0)
    deleted = models.PositiveIntegerField(_("slettede rækker"), default=0)
    undone_at = models.DateTimeField(_("fortrudt"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fortrudt af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("Import af %(file)s") % {"file": self.file_name or _("en fil")}


class Plan(SluggedModel, TimestampedModel):
    slug_source_field = "title"

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("Strategisk plan")
        SECTOR_PLAN = "sector_plan", _("Sektorplan")
        AGREEMENT = "agreement", _("Aftale")
        DEVELOPMENT_PLAN = "development_plan", _("Udviklingsplan")

    title = models.CharField(_("titel"), max_length=250, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    owner = models.ForeignKey(
        "services.Organisation",
        verbose_name=_("ejer"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    period_start = models.PositiveSmallIntegerField(_("gælder fra år"))
    period_end = models.PositiveSmallIntegerField(_("gælder til år"))
    summary = models.TextField(_("resumé"), blank=True)
    mission = models.TextField(_("mission"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    values = models.TextField(_("værdier"), blank=True)
    approved_on = models.DateField(_("godkendt"), null=True, blank=True)
    approved_by = models.CharField(_("godkendt af"), max_length=200, blank=True)
    document_url = URLField(_("planen som dokument"), max_length=300, blank=True)
    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    history = history(
        verbose_name=_("historik for plan"),
        verbose_name_plural=_("historik for planer"),
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_ordered",
                violation_error_message=_(
                    "Planperioden skal slutte efter, den begynder."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__gte=1900, period_end__lte=2200),
                name="plan_period_plausible",
                violation_error_message=_("Årstallene skal ligge mellem 1900 og 2200."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("goals:plan", kwargs={"slug": self.slug})

    @property
    def period_label(self):
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"

    @property
    def end_date(self):
        """The last day of the plan's period (plans run in whole years)."""
        return date(self.period_end, 12, 31)

    def has_ended(self, today):
        return today > self.end_date


class PlanKeyFigure(SourcedModel):
    """A figure a plan states about its target group, e.g. citizens per offer type."""

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    label = models.CharField(_("betegnelse"), max_length=250)
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("enhed"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("nøgletal i planen")
        verbose_name_plural = _("nøgletal i planen")
        ordering = ["plan", "order", "label"]

    def __str__(self):
        return self.label


class FocusArea(models.Model):
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="focus_areas",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=250)
    why = models.TextField(_("hvorfor"), blank=True)
    goal = models.TextField(_("målet"), blank=True)
    how = models.TextField(_("sådan gør vi"), blank=True)

    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområder")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="unique_focus_area_number_per_plan",
                violation_error_message=_(
                    "Planen har allerede et fokusområde med det nummer."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#focus-{self.number}"


class Initiative(SourcedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        IN_PROGRESS = "in_progress", _("I gang")
        COMPLETED = "completed", _("Gennemført")
        CANCELLED = "cancelled", _("Opgivet")

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="initiatives",
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("fokusområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    expected_result = models.TextField(_("forventet resultat"), blank=True)
    owner = models.CharField(_("ansvarlig"), max_length=250, blank=True)
    timing = models.CharField(
        _("tidsplan, som planen angiver den"),
        max_length=200,
        blank=True,
        help_text=_("Fx “1. kvartal 2018”."),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("slut"), null=True, blank=True)
    evaluation = models.CharField(_("evaluering"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    class Meta:
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")
        ordering = ["plan", "order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="initiative_period_ordered",
                violation_error_message=_("Slutdatoen skal ligge efter startdatoen."),
            ),
        ]

    def __str__(self):
        return self.title

    def due_date(self):
        """When the initiative should be done: its end date, else its plan's end."""
        return self.end_date or self.plan.end_date

    def is_status_stale(self, today):
        """Past its due date and still “planned” or “in progress”: nobody has
        recorded how it went, so “Planlagt” would be wrong."""
        return (
            self.status
            in (
                self.Status.PLANNED,
                self.Status.IN_PROGRESS,
            )
            and today > self.due_date()
        )

    def status_label(self, today):
        if self.is_status_stale(today):
            return _("Status ikke opdateret")
        return self.get_status_display()

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#initiative-{self.pk}"


class GoalTheme(SluggedModel):
    name = models.CharField(_("navn"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("måltema")
        verbose_name_plural = _("måltemaer")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Goal(TimestampedModel, SourcedModel):
    class Level(models.TextChoices):
        NATIONAL = "national", _("Nationalt mål")
        CENTRE = "centre", _("Centermål")
        OFFER = "offer", _("Tilbudsmål")

    class Unit(models.TextChoices):
        PERCENT = "percent", _("Procent")
        COUNT = "count", _("Antal")
        AMOUNT = "amount", _("Beløb i kroner")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Højere er bedre")
        DECREASE = "decrease", _("Lavere er bedre")

    class Kind(models.TextChoices):
        QUANTITATIVE = progress.QUANTITATIVE, _("Med tal")
        QUALITATIVE = progress.QUALITATIVE, _("Uden tal (kvalitativt)")

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    code = models.SlugField(
        _("kode"),
        max_length=80,
        help_text=_("Målets faste nøgle i planen, bruges ved import og i adressen."),
    )
    title = models.CharField(_("titel"), max_length=400)
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    theme = models.ForeignKey(
        GoalTheme,
        verbose_name=_("måltema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("fokusområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
    )
    kind = models.CharField(
        _("måltype"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.QUANTITATIVE,
        help_text=_(
            "Et kvalitativt mål har en retning og en vurdering, men ingen tal: "
            "ingen enhed, intet udgangspunkt, ingen målsætninger og ingen graf."
        ),
    )
    assessment = models.TextField(
        _("vurdering"),
        blank=True,
        help_text=_("For et kvalitativt mål: hvordan det vurderes, om målet nås."),
    )
    unit = models.CharField(
        _("enhed"),
        max_length=10,
        choices=Unit.choices,
        blank=True,
        help_text=_("Skal udfyldes for et mål med tal."),
    )
    direction = models.CharField(
        _("retning"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.INCREASE,
        blank=True,
        help_text=_(
            "Kan kun stå tom for et kvalitativt mål, hvis planen ikke angiver den."
        ),
    )
    definition = models.TextField(_("definition"), blank=True)
    data_source = models.CharField(_("datakilde"), max_length=300, blank=True)
    responsible_offers = models.ManyToManyField(
        "services.Offer",
        verbose_name=_("ansvarlige tilbud"),
        blank=True,
        related_name="goals",
    )
    supports = models.ForeignKey(
        "self",
        verbose_name=_("understøtter nationalt mål"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supporting_goals",
    )
    narrative = models.TextField(
        _("fortælling"), blank=True, help_text=_("Hvad ligger bag udviklingen?")
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    # Derived from the figures, stored for lists (goals/status.py); never typed.
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=[(status.value, status.label) for status in progress.Status],
        default=progress.Status.NO_DATA.value,
        editable=False,
        db_index=True,
    )
    # The weighted full-text document, written by the database (core/fields.py).
    search_vector = SearchDocumentField()

    history = history(
        m2m_fields=["responsible_offers"],
        excluded_fields=[*UNTRACKED_FIELDS, "status"],
        verbose_name=_("historik for mål"),
        verbose_name_plural=_("historik for mål"),
    )

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"],
                name="unique_goal_code_per_plan",
                violation_error_message=_("Planen har allerede et mål med den kode."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("goals:goal", kwargs={"plan": self.plan.slug, "code": self.code})

    def clean(self):
        super().clean()
        if self.kind == self.Kind.QUANTITATIVE:
            errors = {}
            if not self.unit:
                errors["unit"] = _("Et mål med tal skal have en enhed.")
            if not self.direction:
                errors["direction"] = _("Et mål med tal skal have en retning.")
            if errors:
                raise ValidationError(errors, code="required")

    @property
    def is_qualitative(self):
        return self.kind == self.Kind.QUALITATIVE

    @cached_property
    def progress(self):
        """Progress and status (goals/progress.py) from the goal's figures.

        Reads ``baseline``, ``targets`` and ``measurements``: select and prefetch
        them (goals.selectors) to keep a page's query count fixed.
        """
        return progress.evaluate(self.figures())

    def figures(self):
        baseline = getattr(self, "baseline", None)
        return progress.GoalFigures(
            kind=self.kind,
            unit=self.unit,
            direction=self.direction,
            baseline=baseline.as_result() if baseline else None,
            targets=tuple(t.as_target_value() for t in self.targets.all()),
            measurements=tuple(m.as_result() for m in self.measurements.all()),
        )

    def targets_beyond_plan(self):
        """Targets after the plan's period: allowed (national goals run longer)."""
        return [t for t in self.targets.all() if t.is_beyond_plan(self.plan)]

    def years_beyond_plan(self):
        """The years of ``targets_beyond_plan``, for templates to ask about one."""
        return {t.year for t in self.targets_beyond_plan()}


def validate_value_for_unit(goal, value, field="value"):
    """A percentage lies between 0 and 100; counts and amounts are not negative."""
    if goal is None or value is None:
        return
    if goal.unit == Goal.Unit.PERCENT and not 0 <= value <= 100:
        raise ValidationError(
            {field: _("En procentsats skal ligge mellem 0 og 100.")}, code="percent"
        )
    if value < 0:
        raise ValidationError(
            {field: _("Værdien kan ikke være negativ.")}, code="negative"
        )


class Figure(models.Model):
    """What baselines, targets and measurements share: a value for a goal."""

    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=2)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        validate_value_for_unit(self.goal_or_none(), self.value)

    @property
    def value_text(self):
        """The value as its goal's unit says: “86”, “47,5 %”, “1.250 kr.”."""
        return progress.format_value(self.goal.unit, self.value)

    def goal_or_none(self):
        """The goal, also when it is new and unsaved (an admin add form)."""
        field = self._meta.get_field("goal")
        if field.is_cached(self):
            return field.get_cached_value(self)
        return self.goal if self.goal_id else None


class Period(models.Model):
    """A measured period: a year, “2017/2018”, or months across two years."""

    period_label = models.CharField(
        _("periode"),
        max_length=60,
        help_text=_("Fx “2017”, “2017/2018”, “dec. 2017-maj 2018”."),
    )
    period_start = models.DateField(_("periodens start"))
    period_end = models.DateField(_("periodens slutning"))
    n = models.PositiveIntegerField(
        _("N (antal opgjort)"),
        null=True,
        blank=True,
        help_text=_("Hvor mange tallet bygger på."),
    )

    class Meta:
        abstract = True

    @property
    def year(self):
        return self.period_end.year if self.period_end else None

    def clean_fields(self, exclude=None):
        # A label without dates (a shell, a script) is read as if it were typed,
        # before the required dates are checked.
        errors = {}
        if self.period_label and not (self.period_start and self.period_end):
            try:
                self.period_start, self.period_end = parse_period(self.period_label)
            except PeriodError as error:
                errors["period_label"] = [str(error)]
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def as_result(self):
        return progress.Result(
            value=self.value,
            start=self.period_start,
            end=self.period_end,
            label=self.period_label,
            n=self.n,
        )

    @property
    def period_text(self):
        """A label ``parse_period`` reads back as this period (for exports)."""
        try:
            if parse_period(self.period_label) == (self.period_start, self.period_end):
                return self.period_label
        except PeriodError:
            pass
        return format_period(self.period_start, self.period_end)


class Baseline(Figure, Period, SourcedModel):
    """A goal's starting point. Its period may be unknown: some plans state a
    baseline without saying when it was measured; it is then kept without one."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("Hele landet")
        MUNICIPALITY = "municipality", _("Kommunen")
        CENTRE = "centre", _("Centret")
        OFFER = "offer", _("Tilbuddet")

    goal = models.OneToOneField(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="baseline"
    )
    scope = models.CharField(
        _("opgjort for"),
        max_length=14,
        choices=Scope.choices,
        default=Scope.MUNICIPALITY,
    )
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    # Unlike a measurement's, the period may be left out (“ikke angivet”).
    period_label = models.CharField(
        _("periode"),
        max_length=60,
        blank=True,
        help_text=_(
            "Fx “2017”, “2017/2018”, “dec. 2017-maj 2018”. Tom, hvis planen ikke "
            "angiver, hvornår udgangspunktet er opgjort."
        ),
    )
    period_start = models.DateField(_("periodens start"), null=True, blank=True)
    period_end = models.DateField(_("periodens slutning"), null=True, blank=True)

    history = history(
        verbose_name=_("historik for udgangspunkt"),
        verbose_name_plural=_("historik for udgangspunkter"),
    )

    class Meta:
        verbose_name = _("udgangspunkt")
        verbose_name_plural = _("udgangspunkter")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="baseline_period_ordered",
                violation_error_message=_("Perioden skal slutte efter, den begynder."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True, period_end__isnull=True)
                | models.Q(period_start__isnull=False, period_end__isnull=False),
                name="baseline_period_complete",
                violation_error_message=_(
                    "Perioden skal have både en start og en slutning."
                ),
            ),
        ]

    def __str__(self):
        value = progress.format_value(self.goal.unit, self.value)
        return f"{self.goal}: {value} ({self.period_label or _('ikke angivet')})"

    def as_result(self):
        if self.period_end is None:
            return progress.Result(value=self.value, label="", n=self.n)
        return super().as_result()

    @property
    def period_text(self):
        if self.period_start is None or self.period_end is None:
            return ""
        return super().period_text


class Target(Figure, SourcedModel):
    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(
        _("år"),
        null=True,
        blank=True,
        help_text=_("Tomt, hvis planen ikke angiver, hvornår målet skal være nået."),
    )
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    history = history(
        verbose_name=_("historik for målsætning"),
        verbose_name_plural=_("historik for målsætninger"),
    )

    class Meta:
        verbose_name = _("målsætning")
        verbose_name_plural = _("målsætninger")
        # A target with no year set comes last, on every database.
        ordering = ["goal", models.F("year").asc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "year"],
                condition=models.Q(year__isnull=False),
                name="unique_target_year_per_goal",
                violation_error_message=_(
                    "Målet har allerede en målsætning for det år."
                ),
            ),
            models.UniqueConstraint(
                fields=["goal"],
                condition=models.Q(year__isnull=True),
                name="unique_yearless_target_per_goal",
                violation_error_message=_(
                    "Målet har allerede en målsætning uden årstal."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(year__isnull=True) | YEAR_RANGE,
                name="target_year_plausible",
                violation_error_message=_("Året skal ligge mellem 1900 og 2200."),
            ),
        ]

    def __str__(self):
        value = progress.format_value(self.goal.unit, self.value)
        return f"{self.goal}: {value} ({self.year_label})"

    @property
    def year_label(self):
        return str(self.year) if self.year is not None else _("uden årstal")

    def clean(self):
        super().clean()
        baseline_year = self.baseline_year()
        if baseline_year is not None and self.year is not None:
            if self.year < baseline_year:
                raise ValidationError(
                    {"year": target_before_baseline_message(baseline_year)},
                    code="before_baseline",
                )

    def baseline_year(self):
        """The year of the goal's baseline, or None.

        A form that edits the baseline in the same submission as its targets (the
        admin's goal page) sets ``submitted_baseline_year``, since the saved
        baseline is about to change.
        """
        if hasattr(self, "submitted_baseline_year"):
            return self.submitted_baseline_year
        goal = self.goal_or_none()
        if goal is None or goal.pk is None:
            return None
        baseline = getattr(goal, "baseline", None)
        return baseline.year if baseline else None

    def is_beyond_plan(self, plan):
        return self.year is not None and self.year > plan.period_end

    def as_target_value(self):
        return progress.TargetValue(year=self.year, value=self.value)


def target_before_baseline_message(baseline_year):
    return _("Målsætningen kan ikke ligge før udgangspunktets år (%(year)s).") % {
        "year": baseline_year
    }


class Measurement(Figure, Period):
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("mål"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)

    history = history(
        verbose_name=_("historik for måling"),
        verbose_name_plural=_("historik for målinger"),
    )

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["goal", "period_end"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="measurement_period_ordered",
                violation_error_message=_("Perioden skal slutte efter, den begynder."),
            ),
            models.UniqueConstraint(
                fields=["goal", "period_start", "period_end"],
                name="unique_measurement_period_per_goal",
                violation_error_message=_(
                    "Målet har allerede en måling for den periode."
                ),
            ),
        ]

    def __str__(self):
        value = progress.format_value(self.goal.unit, self.value)
        return f"{self.goal}: {value} ({self.period_label})"


class BudgetLine(SourcedModel):
    """One line of a plan's budget table, as the document prints it.

    A line with lines under it is a subtotal: the document's own amount is kept
    (``amount``), and ``computed_amount`` adds up the lines under it so a page can
    show where the two differ (the documents round each line to whole kroner).
    """

    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    table = models.CharField(
        _("tabel"),
        max_length=200,
        help_text=_("Hvilken budgettabel i planen, fx “Centerets budget 2019”."),
    )
    label = models.CharField(_("betegnelse"), max_length=250)
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.DecimalField(
        _("beløb i kroner"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Som dokumentet angiver det; et negativt beløb er en indtægt."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("indgår i"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    offer = models.ForeignKey(
        "services.Offer",
        verbose_name=_("tilbud"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    history = history(
        verbose_name=_("historik for budgetlinje"),
        verbose_name_plural=_("historik for budgetlinjer"),
    )

    class Meta:
        verbose_name = _("budgetlinje")
        verbose_name_plural = _("budgetlinjer")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "table", "label"],
                name="unique_budget_line_per_table",
                violation_error_message=_(
                    "Budgettabellen har allerede en linje med den betegnelse."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")),
                name="budget_line_not_own_parent",
                violation_error_message=_("En budgetlinje kan ikke indgå i sig selv."),
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.year})"

    def computed_amount(self, children):
        """The sum of the lines under this one, or None for a line with none."""
        if not children:
            return None
        return sum((child.amount for child in children), start=Decimal(0))
