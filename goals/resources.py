"""Spreadsheet import and export of goals, targets and measurements.

One ModelResource per model, used by the admin (two-step import: the first step
is a dry run) and by the plan page's downloads. Rows are matched by natural keys
(plan slug + goal code, + year for a target, + period for a measurement), so
importing the same file twice updates instead of duplicating. An import writes
all rows or none. The file format is described in docs/goals.md.
"""

import datetime
import re
from copy import copy
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.formats import format_cell, parse_number
from core.models import Publication
from core.text import danish_slugify

from .models import (
    Baseline,
    FocusArea,
    Goal,
    GoalTheme,
    Measurement,
    Plan,
    Target,
    validate_value_for_unit,
)
from .periods import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH_ABBREVIATIONS,
    PeriodError,
    parse_period,
)
from .signals import figures_imported


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message is Danish."""


# Widgets: cell values in and out ------------------------------------------------


class DecimalWidget(widgets.NumberWidget):
    """Numbers as Danish offices write them: “47,5”, “1.234,5”, “47,5 %”
    (read and written by core/formats.py)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise ValueError(_("“%(value)s” er ikke et tal.") % {"value": value})
        if isinstance(value, int | float | Decimal):
            return _plain(Decimal(str(value)))
        text = str(value or "").strip()
        if not text:
            return None
        number = parse_number(text)
        if number is None:
            raise ValueError(
                _("“%(value)s” er ikke et tal. Skriv fx 47,5 eller 86.")
                % {"value": text[:40]}
            )
        return _plain(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        value = Decimal(value)
        whole = value == value.to_integral()
        value = value.quantize(Decimal(1)) if whole else value.normalize()
        if kwargs.get("force_native_type"):
            # XLSX: a number the spreadsheet can calculate with.
            return int(value) if whole else value
        return format_cell(value)


class IntegerWidget(widgets.NumberWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = DecimalWidget().clean(value)
        if number is None or number != number.to_integral() or abs(number) > 10**9:
            raise ValueError(
                _("“%(value)s” er ikke et helt tal.") % {"value": str(value)[:40]}
            )
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


# Text a spreadsheet would read as a formula ("=HYPERLINK(...)"); exported with a
# leading apostrophe so it stays text, while numbers stay numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Control characters (NUL, escape, form feed, C1 ...) have no place in a cell:
# PostgreSQL refuses NUL, and the rest garble pages and exports. Tab and line
# breaks are allowed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_cell_text(text):
    """``text`` itself, or a ValueError (a Danish row error) if it holds a
    control character."""
    if CONTROL_CHARACTERS.search(text):
        raise ValueError(_control_character_message())
    return text


def _control_character_message():
    return _(
        "Cellen indeholder et kontroltegn (usynligt tegn), som ikke kan "
        "gemmes. Skriv teksten igen, eller kopiér den uden formatering."
    )


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, Decimal) and value == value.to_integral():
            value = int(value)
        value = check_cell_text(str(value).strip())
        # An exported text cell read back in: drop the apostrophe added on export.
        if (
            value.startswith("'")
            and value[1:2]
            and value[1:].startswith(FORMULA_STARTS)
        ):
            value = value[1:]
        return value

    def render(self, value, obj=None, **kwargs):
        rendered = super().render(value, obj, **kwargs)
        if isinstance(rendered, str) and rendered.startswith(FORMULA_STARTS):
            return "'" + rendered
        return rendered


class ChoiceWidget(widgets.Widget):
    """A choice written as its Danish label (“Lavere er bedre”) or its code."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = check_cell_text(str(value or "").strip()).casefold()
        if not text:
            return ""
        for code, label in self.choices:
            if text in {code.casefold(), str(label).casefold()}:
                return code
        raise ValueError(
            _("“%(value)s” er ikke en af mulighederne: %(choices)s.")
            % {
                "value": str(value)[:40],
                "choices": ", ".join(f"“{label}”" for _code, label in self.choices),
            }
        )

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class PeriodWidget(TextWidget):
    """A period as text (“1. halvår 2019”), checked here so a bad one is a row
    error; an Excel date (Excel turns “jan. 2019” into one) means its month."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.date):
            return _month_label(value)
        text = super().clean(value, row, **kwargs)
        if text:
            parse_period(text)  # raises PeriodError, a ValueError, in Danish
        return text


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
        area = FocusArea.objects.filter(
            plan__slug=str(row.get("plan") or "").strip(), number=number
        ).first()
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
            offers = [o for o in offers if o.status != Publication.DRAFT]
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
        plan_slug = plan_slug or str(row.get("plan") or "").strip()
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


# Resources --------------------------------------------------------------------


class Diff(resources.Diff):
    """The preview's change per cell: old value struck through, new underlined.

    Whole values rather than django-import-export's character diff: clearer for
    numbers and periods (“61” → “61,5”), readable without colour (no inline
    styles, so it survives a strict CSP), and cheap for 10,000 rows.
    """

    def as_html(self):
        cells = []
        for old, new in zip(self.left, self.right, strict=False):
            old, new = escape(force_str(old)), escape(force_str(new))
            if self.new:
                old = ""
            if old == new:
                cell = f"<span>{new}</span>"
            elif not old:
                cell = f"<ins>{new}</ins>"
            elif not new:
                cell = f"<del>{old}</del>"
            else:
                cell = f"<del>{old}</del> <ins>{new}</ins>"
            cells.append(mark_safe(cell))  # noqa: S308 -- both values escaped above
        return cells


class GoalsResourceMixin:
    """What the three resources share: all-or-nothing imports, Danish column
    names in errors, headers matched loosely, goals looked up once."""

    def __init__(self, public=False, **kwargs):
        super().__init__(**kwargs)
        self.public = public
        self._goals = {}

    def get_diff_class(self):
        return Diff

    def get_import_fields(self):
        # Asked for several times per row; the fields do not change in an import.
        if getattr(self, "_import_fields", None) is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def get_export_fields(self, selected_fields=None):
        if selected_fields is not None:
            return super().get_export_fields(selected_fields)
        if getattr(self, "_export_fields", None) is None:
            self._export_fields = super().get_export_fields()
        return self._export_fields

    def import_data(self, dataset, *args, rollback_on_validation_errors=True, **kw):
        # A file with an invalid row writes nothing, also outside the admin.
        return super().import_data(
            dataset,
            *args,
            rollback_on_validation_errors=rollback_on_validation_errors,
            **kw,
        )

    def before_import(self, dataset, **kwargs):
        self._user = kwargs.get("user")
        dataset.headers = [self._canonical_header(h) for h in dataset.headers or []]
        missing = [
            self.fields[name].column_name
            for name in self.get_import_id_fields()
            if self.fields[name].column_name not in dataset.headers
        ]
        if missing:
            # Without its key columns no row can be matched: stop before the rows.
            dataset.wipe()
            raise ImportFileError(
                _(
                    "Filen mangler kolonnen “%(missing)s”. Den første række skal "
                    "være kolonnernes navne: %(columns)s."
                )
                % {
                    "missing": "”, “".join(missing),
                    "columns": "; ".join(
                        f.column_name for f in self.get_user_visible_fields()
                    ),
                }
            )
        self._load_goals(dataset)

    def validate_instance(self, instance, import_validation_errors=None, **kwargs):
        try:
            super().validate_instance(instance, import_validation_errors, **kwargs)
        except ValidationError as error:
            raise ValidationError(self._by_column(error)) from None

    # Helpers

    def _canonical_header(self, header):
        key = _header_key(header)
        for field in self.fields.values():
            if key == _header_key(field.column_name):
                return field.column_name
        return str(header or "").strip()

    def _by_column(self, error):
        """Errors keyed by the column the manager sees, not the model field."""
        columns = {f.attribute: f.column_name for f in self.fields.values()}
        columns.update({f.column_name: f.column_name for f in self.fields.values()})
        columns.update(self.error_columns)
        result = {}
        for key, messages in error.message_dict.items():
            column = columns.get(key, NON_FIELD_ERRORS)
            known = result.setdefault(column, [])
            known.extend(m for m in messages if m not in known)
        return result

    error_columns = {}

    def _load_goals(self, dataset):
        if "plan" not in dataset.headers or self.goal_column not in dataset.headers:
            return
        keys = {
            (str(row.get("plan") or "").strip(), _text(row.get(self.goal_column)))
            for row in dataset.dict
        }
        # A key with a control character matches nothing; its row's error comes
        # from the widget (and PostgreSQL would refuse a NUL in the query).
        keys = {key for key in keys if not CONTROL_CHARACTERS.search("".join(key))}
        plans = {slug for slug, _code in keys}
        codes = {code for _slug, code in keys}
        goals = Goal.objects.filter(plan__slug__in=plans, code__in=codes)
        self._goals = {
            (goal.plan.slug, goal.code): goal
            for goal in goals.select_related("plan", "baseline")
        }

    def goal_for_row(self, row):
        return self._goals.get(
            (str(row.get("plan") or "").strip(), _text(row.get(self.goal_column)))
        )

    def _set_goal(self, instance, row):
        """The goal a target or measurement row names, or a Danish error."""
        key = str(row.get("plan") or "") + _text(row.get(self.goal_column))
        if CONTROL_CHARACTERS.search(key):
            raise ValidationError({"goal": _control_character_message()})
        goal = self.goal_for_row(row)
        if goal is None:
            raise ValidationError(
                {
                    "goal": _("Planen “%(plan)s” har intet mål med koden “%(code)s”.")
                    % {
                        "plan": str(row.get("plan") or "").strip()[:80],
                        "code": _text(row.get(self.goal_column))[:80],
                    }
                }
            )
        if instance.goal_id is None:
            instance.goal = goal


class FigureBulkMixin:
    """Targets and measurements come by the thousand: rows are validated one by
    one, then written in batches with their history (django-simple-history's
    bulk helpers), inside the import's one transaction.

    Each row still goes through the model's ``full_clean()`` (fields and
    ``clean()``: percent 0-100, target year after the baseline). What
    ``full_clean()`` would ask the database, this checks against what the import
    has loaded: every existing row of the file's goals is in the instance loader,
    so a natural key met twice is a duplicate within the file; the goal itself
    was read from the database. The database's constraints stay the last guard.
    See docs/performance.md.
    """

    #: model fields a changed row may update
    bulk_update_fields = ()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._claimed = {}

    def before_import(self, dataset, **kwargs):
        self._claimed = {}
        super().before_import(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        instance._row_number = kwargs.get("row_number")
        super().import_instance(instance, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, **kwargs):
        errors = dict(import_validation_errors or {})
        exclude = [*errors, "goal"]
        if "period_label" in errors:
            # An unreadable period leaves its days empty: one error is enough.
            exclude += ["period_start", "period_end"]
        try:
            instance.full_clean(
                exclude=exclude,
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors:
            errors.update(self.constraint_errors(instance))
        if errors:
            raise ValidationError(self._by_column(ValidationError(errors)))

    def constraint_errors(self, instance):
        key = self.instance_key(instance)
        first = self._claimed.setdefault(key, instance)
        if first is not instance:
            return {
                NON_FIELD_ERRORS: [
                    self.duplicate_message % {"row": getattr(first, "_row_number", "?")}
                ]
            }
        return {}

    def get_bulk_update_fields(self):
        return list(self.bulk_update_fields)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        written = result.totals["new"] + result.totals["update"]
        if written and not kwargs.get("dry_run"):
            # Bulk writes send no post_save: tell the page cache (goals/signals.py).
            figures_imported.send(sender=self._meta.model)

    def bulk_create(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if self.create_instances and (using_transactions or not dry_run):
            try:
                bulk_create_with_history(
                    self.create_instances,
                    self._meta.model,
                    batch_size=batch_size,
                    default_user=self._history_user(),
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if self.update_instances and (using_transactions or not dry_run):
            try:
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    self.get_bulk_update_fields(),
                    batch_size=batch_size,
                    default_user=self._history_user(),
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def _history_user(self):
        user = getattr(self, "_user", None)
        return user if getattr(user, "is_authenticated", False) else None


class NaturalKeyLoader(BaseInstanceLoader):
    """Loads every existing row the file names in one query, by natural key."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = {}
        if dataset is not None and dataset.headers:
            for instance in resource.existing_instances(dataset):
                self.instances[resource.instance_key(instance)] = instance

    def get_instance(self, row):
        key = self.resource.row_key(row)
        return self.instances.get(key) if key is not None else None


class GoalResource(GoalsResourceMixin, resources.ModelResource):
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

    goal_column = "kode"
    baseline_fields = {
        "udgangspunkt": "value",
        "udgangspunkt periode": "period_label",
        "udgangspunkt N": "n",
        "udgangspunkt opgjort for": "scope",
        "udgangspunkt kilde": "source",
    }

    class Meta:
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
        instance_loader_class = NaturalKeyLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, public=False, **kwargs):
        super().__init__(public=public, **kwargs)
        self.fields["responsible_offers"].widget = OffersWidget(public=public)
        self._baselines = {}

    def get_queryset(self):
        return Goal.objects.select_related(
            "plan", "theme", "focus_area", "baseline", "supports__plan"
        ).prefetch_related("responsible_offers")

    def existing_instances(self, dataset):
        codes = (
            {_text(code) for code in dataset["kode"]}
            if "kode" in dataset.headers
            else set()
        )
        codes = {code for code in codes if not CONTROL_CHARACTERS.search(code)}
        return self.get_queryset().filter(code__in=codes)

    def instance_key(self, goal):
        return (goal.plan.slug, goal.code)

    def row_key(self, row):
        return (str(row.get("plan") or "").strip(), _text(row.get("kode")))

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self._import_baseline(instance, row)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        offers = self.fields["responsible_offers"]
        if offers.column_name in row:
            # Checked here, so an unknown offer is a row error like any other.
            try:
                offers.clean(row)
            except ValueError as error:
                errors["responsible_offers"] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance, row, **kwargs):
        baseline = self._baselines.pop(id(instance), None)
        if baseline is not None:
            baseline.goal = instance
            baseline.save()

    def _import_baseline(self, goal, row):
        """The baseline columns: all empty leaves the baseline as it is."""
        cells = {
            column: row.get(column)
            for column in self.baseline_fields
            if column in row and _text(row.get(column))
        }
        if not cells:
            return
        existing = getattr(goal, "baseline", None) if goal.pk else None
        baseline = (
            copy(existing) if existing else Baseline(scope=Baseline.Scope.MUNICIPALITY)
        )
        errors = {}
        for column, attribute in self.baseline_fields.items():
            if column not in row:
                continue
            try:
                value = self.fields[self._field_name(column)].widget.clean(
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
            errors.update(self._baseline_errors(goal, baseline))
        if errors:
            raise ValidationError(errors)
        goal.baseline = baseline
        self._baselines[id(goal)] = baseline

    def _baseline_errors(self, goal, baseline):
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

    def _field_name(self, column):
        return next(
            name for name, field in self.fields.items() if field.column_name == column
        )

    def dehydrate_baseline_period(self, goal):
        baseline = getattr(goal, "baseline", None)
        return baseline.period_text if baseline else ""


class TargetResource(FigureBulkMixin, GoalsResourceMixin, resources.ModelResource):
    plan = fields.Field(
        attribute="goal__plan__slug",
        column_name="plan",
        widget=TextWidget(),
        readonly=True,
    )
    goal = fields.Field(
        attribute="goal__code", column_name="mål", widget=TextWidget(), readonly=True
    )
    goal_title = fields.Field(
        attribute="goal__title", column_name="målets titel", readonly=True
    )
    year = fields.Field(attribute="year", column_name="år", widget=IntegerWidget())
    value = fields.Field(attribute="value", column_name="værdi", widget=DecimalWidget())
    note = fields.Field(attribute="note", column_name="bemærkning", widget=TextWidget())

    goal_column = "mål"
    error_columns = {"goal": "mål"}
    bulk_update_fields = ("value", "note")
    duplicate_message = gettext_lazy(
        "Målet har allerede en målsætning for det år i række %(row)s."
    )

    class Meta:
        model = Target
        name = gettext_lazy("Målsætninger")
        fields = ("plan", "goal", "goal_title", "year", "value", "note")
        import_id_fields = ["plan", "goal", "year"]
        instance_loader_class = NaturalKeyLoader
        use_bulk = True
        batch_size = 1000
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def get_queryset(self):
        return Target.objects.select_related("goal__plan", "goal__baseline")

    def constraint_errors(self, target):
        if target.year is not None and not MIN_YEAR <= target.year <= MAX_YEAR:
            return {
                "year": [
                    _("Året skal ligge mellem %(min)s og %(max)s.")
                    % {"min": MIN_YEAR, "max": MAX_YEAR}
                ]
            }
        return super().constraint_errors(target)

    def existing_instances(self, dataset):
        return self.get_queryset().filter(goal__in=list(self._goals.values()))

    def instance_key(self, target):
        return (target.goal.plan.slug, target.goal.code, target.year)

    def row_key(self, row):
        try:
            year = IntegerWidget().clean(row.get("år"))
        except ValueError:
            return None
        return (str(row.get("plan") or "").strip(), _text(row.get("mål")), year)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self._set_goal(instance, row)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class MeasurementResource(FigureBulkMixin, GoalsResourceMixin, resources.ModelResource):
    plan = fields.Field(
        attribute="goal__plan__slug",
        column_name="plan",
        widget=TextWidget(),
        readonly=True,
    )
    goal = fields.Field(
        attribute="goal__code", column_name="mål", widget=TextWidget(), readonly=True
    )
    goal_title = fields.Field(
        attribute="goal__title", column_name="målets titel", readonly=True
    )
    period = fields.Field(
        attribute="period_label", column_name="periode", widget=PeriodWidget()
    )
    value = fields.Field(attribute="value", column_name="værdi", widget=DecimalWidget())
    n = fields.Field(attribute="n", column_name="N", widget=IntegerWidget())
    source = fields.Field(attribute="source", column_name="kilde", widget=TextWidget())
    comment = fields.Field(
        attribute="comment", column_name="kommentar", widget=TextWidget()
    )

    goal_column = "mål"
    error_columns = {"goal": "mål", "period_start": "periode", "period_end": "periode"}
    bulk_update_fields = ("period_label", "value", "n", "source", "comment")
    duplicate_message = gettext_lazy(
        "Målet har allerede en måling for den periode i række %(row)s."
    )

    class Meta:
        model = Measurement
        name = gettext_lazy("Målinger")
        fields = (
            "plan",
            "goal",
            "goal_title",
            "period",
            "value",
            "n",
            "source",
            "comment",
        )
        import_id_fields = ["plan", "goal", "period"]
        instance_loader_class = NaturalKeyLoader
        use_bulk = True
        batch_size = 1000
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def get_queryset(self):
        return Measurement.objects.select_related("goal__plan")

    def existing_instances(self, dataset):
        return self.get_queryset().filter(goal__in=list(self._goals.values()))

    def instance_key(self, measurement):
        goal = measurement.goal
        return (
            goal.plan.slug,
            goal.code,
            measurement.period_start,
            measurement.period_end,
        )

    def row_key(self, row):
        try:
            start, end = parse_period(PeriodWidget().clean(row.get("periode")))
        except (PeriodError, ValueError):
            return None
        return (str(row.get("plan") or "").strip(), _text(row.get("mål")), start, end)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.period_label and "period_label" not in errors:
            instance.period_start, instance.period_end = parse_period(
                instance.period_label
            )
        try:
            self._set_goal(instance, row)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def dehydrate_period(self, measurement):
        return measurement.period_text


# Helpers --------------------------------------------------------------------------


def _plain(number):
    """47.500 → 47.5 and 100.0 → 100: only the decimals that carry a value."""
    if number == number.to_integral():
        return number.quantize(Decimal(1))
    return number.normalize()


def _text(value):
    if value is None:
        return ""
    if isinstance(value, Decimal) and value == value.to_integral():
        value = int(value)
    return str(value).strip()


def _header_key(header):
    return danish_slugify(str(header or "").strip()).replace("-", "")


def _month_label(day):
    return f"{MONTH_ABBREVIATIONS[day.month]} {day.year}"
