"""The goals file: one row per goal, with its baseline (``maal.csv``).

Rows are matched by plan and code. The baseline's columns are read into the
goal's baseline, saved with the goal; all of them empty leaves it as it is.
"""

from copy import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from core.text import danish_slugify

from ..models import Baseline, FocusArea, Goal, GoalTheme, Plan, validate_value_for_unit
from ..periods import parse_period
from .base import SpreadsheetResource, collect_errors, row_plan
from .cells import (
    CONTROL_CHARACTERS,
    ChoiceWidget,
    DecimalWidget,
    IntegerWidget,
    TextWidget,
    cell_text,
    check_cell_text,
    restore_formula_text,
)


class PlanWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(Plan, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slug = check_cell_text(str(value or "").strip())
        if not slug:
            raise ValueError(_("Skriv planens korte navn fra adressen."))
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise ValueError(_("Der findes ingen plan “%(slug)s”.") % {"slug": slug})
        return plan


class ThemeWidget(widgets.ForeignKeyWidget):
    """A goal theme by its name or its short name."""

    def __init__(self, **kwargs):
        super().__init__(GoalTheme, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = check_cell_text(str(value or "").strip())
        if not text:
            return None
        theme = (
            GoalTheme.objects.filter(name__iexact=text).first()
            or GoalTheme.objects.filter(slug=danish_slugify(text)).first()
        )
        if theme is None:
            raise ValueError(
                _("Der findes intet måltema “%(name)s”.") % {"name": text[:60]}
            )
        return theme


class FocusAreaWidget(widgets.ForeignKeyWidget):
    """A focus area by its number within the row's plan."""

    def __init__(self, **kwargs):
        super().__init__(FocusArea, field="number", **kwargs)

    def clean(self, value, row=None, **kwargs):
        number = IntegerWidget().clean(value)
        if number is None:
            return None
        area = FocusArea.objects.filter(plan__slug=row_plan(row), number=number).first()
        if area is None:
            raise ValueError(
                _("Planen har intet fokusområde nummer %(number)s.")
                % {"number": number}
            )
        return area


class OffersWidget(widgets.ManyToManyWidget):
    """Offers by their short names, separated by commas; unknown ones are errors.

    With ``public`` the export leaves out offers that are drafts.
    """

    def __init__(self, public=False, **kwargs):
        from services.models import Offer

        super().__init__(Offer, field="slug", separator=",", **kwargs)
        self.public = public

    def clean(self, value, row=None, **kwargs):
        text = check_cell_text(str(value or ""))
        slugs = [s.strip() for s in text.split(",") if s.strip()]
        offers = list(self.model.objects.filter(slug__in=slugs))
        unknown = sorted(set(slugs) - {offer.slug for offer in offers})
        if unknown:
            raise ValueError(
                _("Der findes intet tilbud “%(slugs)s”.")
                % {"slugs": "”, “".join(unknown)}
            )
        return offers

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        offers = value.all()
        if self.public:
            offers = [o for o in offers if o.is_public]
        return ", ".join(sorted(offer.slug for offer in offers))


class SupportedGoalWidget(widgets.ForeignKeyWidget):
    """The national goal a goal supports, as “plan/kode” (or “kode” in the plan)."""

    def __init__(self, **kwargs):
        super().__init__(Goal, field="code", **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = check_cell_text(str(value or "").strip())
        if not text:
            return None
        plan_slug, _slash, code = text.rpartition("/")
        plan_slug = plan_slug or row_plan(row)
        goal = Goal.objects.filter(plan__slug=plan_slug, code=code).first()
        if goal is None:
            raise ValueError(
                _("Der findes intet mål “%(goal)s”.") % {"goal": text[:100]}
            )
        return goal

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{value.plan.slug}/{value.code}"


class GoalResource(SpreadsheetResource):
    plan = fields.Field(attribute="plan", column_name="plan", widget=PlanWidget())
    code = fields.Field(attribute="code", column_name="kode", widget=TextWidget())
    title = fields.Field(attribute="title", column_name="titel", widget=TextWidget())
    level = fields.Field(
        attribute="level",
        column_name="niveau",
        widget=ChoiceWidget(Goal.Level.choices),
    )
    theme = fields.Field(attribute="theme", column_name="tema", widget=ThemeWidget())
    focus_area = fields.Field(
        attribute="focus_area", column_name="fokusområde", widget=FocusAreaWidget()
    )
    unit = fields.Field(
        attribute="unit", column_name="enhed", widget=ChoiceWidget(Goal.Unit.choices)
    )
    direction = fields.Field(
        attribute="direction",
        column_name="retning",
        widget=ChoiceWidget(Goal.Direction.choices),
        default=Goal.Direction.INCREASE,
    )
    baseline_value = fields.Field(
        attribute="baseline__value",
        column_name="udgangspunkt",
        widget=DecimalWidget(),
        readonly=True,
    )
    baseline_period = fields.Field(
        attribute="baseline__period_text",
        column_name="udgangspunkt periode",
        widget=TextWidget(),
        readonly=True,
    )
    baseline_n = fields.Field(
        attribute="baseline__n",
        column_name="udgangspunkt N",
        widget=IntegerWidget(),
        readonly=True,
    )
    baseline_scope = fields.Field(
        attribute="baseline__scope",
        column_name="udgangspunkt opgjort for",
        widget=ChoiceWidget(Baseline.Scope.choices),
        readonly=True,
    )
    baseline_source = fields.Field(
        attribute="baseline__source",
        column_name="udgangspunkt kilde",
        widget=TextWidget(),
        readonly=True,
    )
    definition = fields.Field(
        attribute="definition", column_name="definition", widget=TextWidget()
    )
    data_source = fields.Field(
        attribute="data_source", column_name="datakilde", widget=TextWidget()
    )
    responsible_offers = fields.Field(
        attribute="responsible_offers",
        column_name="ansvarlige tilbud",
        widget=OffersWidget(),
    )
    supports = fields.Field(
        attribute="supports",
        column_name="understøtter",
        widget=SupportedGoalWidget(),
    )
    narrative = fields.Field(
        attribute="narrative", column_name="fortælling", widget=TextWidget()
    )
    order = fields.Field(
        attribute="order", column_name="rækkefølge", widget=IntegerWidget(), default=0
    )

    value_column = "udgangspunkt"

    baseline_fields = {
        "udgangspunkt": "value",
        "udgangspunkt periode": "period_label",
        "udgangspunkt N": "n",
        "udgangspunkt opgjort for": "scope",
        "udgangspunkt kilde": "source",
    }

    class Meta(SpreadsheetResource.Meta):
        model = Goal
        name = gettext_lazy("Mål")
        fields = (
            "plan",
            "code",
            "title",
            "level",
            "theme",
            "focus_area",
            "unit",
            "direction",
            "baseline_value",
            "baseline_period",
            "baseline_n",
            "baseline_scope",
            "baseline_source",
            "definition",
            "data_source",
            "responsible_offers",
            "supports",
            "narrative",
            "order",
        )
        import_id_fields = ["plan", "code"]

    def __init__(self, public=False, **kwargs):
        super().__init__(public=public, **kwargs)
        self.fields["responsible_offers"].widget = OffersWidget(public=public)
        self.baselines = {}
        self.saved_values = {}

    def unit_of(self, goal):
        return goal.unit

    def get_queryset(self):
        return Goal.objects.select_related(
            "plan", "theme", "focus_area", "baseline", "supports__plan"
        ).prefetch_related("responsible_offers")

    def existing_instances(self, dataset):
        codes = (
            {cell_text(code) for code in dataset["kode"]}
            if "kode" in dataset.headers
            else set()
        )
        codes = {code for code in codes if not CONTROL_CHARACTERS.search(code)}
        return self.get_queryset().filter(code__in=codes)

    def instance_key(self, goal):
        return (goal.plan.slug, goal.code)

    def row_key(self, row):
        return (row_plan(row), cell_text(row.get("kode")))

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # A qualitative goal may have no direction (its plan gives none): a
        # blank cell keeps it blank rather than taking the column's default.
        blank = not str(row.get(field.column_name) or "").strip()
        if field.attribute == "direction" and instance.is_qualitative and blank:
            instance.direction = ""
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        if instance.pk:
            self.saved_values[id(instance)] = goal_values(instance)
        errors = collect_errors(super().import_instance, instance, row, **kwargs)
        errors = collect_errors(self.import_baseline, instance, row, errors=errors)
        offers = self.fields["responsible_offers"]
        if offers.column_name in row:
            # Checked here, so an unknown offer is a row error like any other.
            try:
                offers.clean(row)
            except ValueError as error:
                errors["responsible_offers"] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        # A row that changes only the baseline leaves the goal as it is: no
        # empty history row for the goal.
        if is_create or goal_values(instance) != self.saved_values.pop(
            id(instance), None
        ):
            super().do_instance_save(instance, is_create)

    def after_save_instance(self, instance, row, **kwargs):
        # Inside the import's action (goals.actions.import_spreadsheet): the
        # baseline's history row carries the import like the goal's.
        baseline = self.baselines.pop(id(instance), None)
        if baseline is not None:
            baseline.goal = instance
            baseline.save()

    def import_baseline(self, goal, row):
        """The baseline columns: all empty leaves the baseline as it is."""
        cells = {
            column: row.get(column)
            for column in self.baseline_fields
            if column in row and cell_text(row.get(column))
        }
        if not cells:
            return
        existing = getattr(goal, "baseline", None) if goal.pk else None
        if existing is not None and self.baseline_unchanged(goal, row):
            # The goal's own export read back: leave the baseline as it is,
            # also one the file could not create (a period not stated).
            return
        baseline = (
            copy(existing) if existing else Baseline(scope=Baseline.Scope.MUNICIPALITY)
        )
        errors = {}
        for column, attribute in self.baseline_fields.items():
            if column not in row:
                continue
            try:
                value = self.fields[self.field_name(column)].widget.clean(
                    row.get(column), row=row
                )
            except ValueError as error:
                errors[column] = [str(error)]
                continue
            if attribute == "period_label" and value:
                baseline.period_start, baseline.period_end = parse_period(value)
            if attribute == "scope" and not value:
                value = Baseline.Scope.MUNICIPALITY
            if attribute in {"period_label", "source"} and value is None:
                value = ""
            setattr(baseline, attribute, value)
        if not errors:
            errors.update(self.baseline_errors(goal, baseline))
        if errors:
            raise ValidationError(errors)
        goal.baseline = baseline
        self.baselines[id(goal)] = baseline

    def baseline_unchanged(self, goal, row):
        """Whether the row's baseline cells say what the export of ``goal`` says."""
        for column in self.baseline_fields:
            if column not in row:
                continue
            field = self.fields[self.field_name(column)]
            try:
                given = field.widget.clean(row.get(column), row=row)
            except ValueError:
                return False
            exported = field.widget.clean(
                restore_formula_text(self.export_field(field, goal)), row=row
            )
            if (given or None) != (exported or None):
                return False
        return True

    def baseline_errors(self, goal, baseline):
        errors = {}
        if baseline.value is None:
            errors["udgangspunkt"] = [_("Skriv udgangspunktets værdi.")]
        if not baseline.period_label:
            errors["udgangspunkt periode"] = [
                _("Skriv udgangspunktets periode, fx “2017”.")
            ]
        if errors:
            return errors
        try:
            validate_value_for_unit(goal, baseline.value)
        except ValidationError as error:
            errors["udgangspunkt"] = error.message_dict["value"]
        if goal.pk:
            early = sorted(
                t.year
                for t in goal.targets.all()
                if t.year is not None and t.year < baseline.year
            )
            if early:
                errors["udgangspunkt periode"] = [
                    _(
                        "Udgangspunktet (%(year)s) ligger efter målets målsætning "
                        "for %(target)s."
                    )
                    % {"year": baseline.year, "target": early[0]}
                ]
        return errors

    def field_name(self, column):
        return next(
            name for name, field in self.fields.items() if field.column_name == column
        )

    def dehydrate_baseline_period(self, goal):
        baseline = getattr(goal, "baseline", None)
        return baseline.period_text if baseline else ""


def goal_values(goal):
    """What a save of ``goal`` would write, to tell whether it changed."""
    return {f.attname: getattr(goal, f.attname) for f in Goal._meta.concrete_fields}
