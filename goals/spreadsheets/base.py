"""What every goals spreadsheet shares, and what targets and measurements share.

``SpreadsheetResource``: all-or-nothing imports, headers matched loosely,
errors under the column the manager sees, a preview that shows each cell's old
and new value, rows matched by natural key in one query (``NaturalKeyLoader``).

``FigureResource``: targets and measurements, which come by the thousand. They
name their goal by plan and code, are validated row by row and written in
batches with their history (django-simple-history's bulk helpers), stamped with
the import being recorded (goals/actions.py).
"""

from copy import copy
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import fields, resources, results, widgets
from import_export.instance_loaders import BaseInstanceLoader
from simple_history.utils import (
    get_change_reason_from_object,
    get_history_manager_for_model,
)

from core.actions import announce
from core.formats import format_number
from core.text import danish_slugify

from .. import actions
from ..models import Goal, Plan
from .cells import (
    CONTROL_CHARACTERS,
    DecimalWidget,
    IntegerWidget,
    Percentage,
    TextWidget,
    cell_text,
    control_character_message,
    neutralise_formula,
    restore_formula_text,
)


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message is Danish."""


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


class RowResult(results.RowResult):
    """A row's result whose text (``object_repr``, the row's object as the
    admin's log names it) is made only when asked for.

    The library makes it for every row; a measurement's text formats its value
    with Babel, which took about 5 % of an import of 10,000 rows, and Django's
    admin log makes its own text from the instances anyway."""

    def __init__(self):
        self.shown = None
        super().__init__()

    @property
    def object_repr(self):
        if self._object_repr is None and self.shown is not None:
            self._object_repr = force_str(self.shown)
        return self._object_repr

    @object_repr.setter
    def object_repr(self, value):
        self._object_repr = value

    def add_instance_info(self, instance):
        if instance is not None:
            self.object_id = getattr(instance, "pk", None)
            self.shown = instance


def snapshot(instance):
    """The row's object as it was before the import: its own field values and
    caches, sharing the related objects (the import replaces those, never
    changes them).

    Instead of the library's ``deepcopy``, which copied each row's goal and
    plan along with it and took a quarter of an import of changed rows."""
    original = copy(instance)  # Model.__getstate__ copies the field cache
    prefetched = getattr(instance, "_prefetched_objects_cache", None)
    if prefetched is not None:
        # Setting a many-to-many relation empties the instance's cache in place.
        original._prefetched_objects_cache = dict(prefetched)
    return original


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


class SpreadsheetResource(resources.ModelResource):
    """A goals spreadsheet. A subclass names its model, columns and key columns
    (``Meta``), and says how rows and saved objects are keyed:
    ``existing_instances(dataset)``, ``instance_key(instance)``, ``row_key(row)``.
    """

    #: model field → column, for errors on fields that are no column of their own
    error_columns = {}

    class Meta:
        instance_loader_class = NaturalKeyLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        # The library's diff deep-copies every row's object; this resource
        # keeps its own cheaper snapshot, and makes the preview's cell diff only
        # for the rows the preview shows (``after_import_row``).
        skip_diff = True

    def __init__(self, public=False, **kwargs):
        super().__init__(**kwargs)
        #: an export for everyone (the plan page) rather than for the admin
        self.public = public
        self.user = None
        self.import_fields = None
        self.export_fields = None
        self.diff_counts = {}

    def get_diff_class(self):
        return Diff

    def get_row_result_class(self):
        return RowResult

    # The row's object before the import, and the diff of the rows shown. The
    # library would deep-copy every row and diff all of them; the preview
    # shows the first rows of each kind (goals/admin.py's ``import_preview``).

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self.row_instance = instance
        self.row_original = snapshot(instance)
        self.row_new = new

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # ``original`` is None (skip_diff): compare with this resource's snapshot.
        if import_validation_errors or not self._meta.skip_unchanged:
            return False
        original = self.row_original
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if field.column_name not in row:
                    continue
                # The row's values are not on the instance before save_m2m.
                given = sorted(v.pk for v in field.clean(row))
                saved = [] if original.pk is None else field.get_value(original).all()
                if given != sorted(v.pk for v in saved):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def add_diff(self, row_result):
        """The cell diff of the row just imported, for the first rows of each
        kind: the preview shows no more of them, and a diff of 10,000 rows cost
        a fifth of the import."""
        kind = row_result.import_type
        shown = self.diff_counts.get(kind, 0)
        if shown >= settings.GOALS_IMPORT_PREVIEW_ROWS:
            return
        self.diff_counts[kind] = shown + 1
        new = self.row_new
        diff = self.get_diff_class()(self, self.row_original, new)
        diff.compare_with(self, self.row_instance)
        if not new:
            row_result.original = self.row_original
        row_result.diff = diff.as_html()

    def get_import_fields(self):
        # Asked for several times per row; the fields do not change in an import.
        if self.import_fields is None:
            self.import_fields = super().get_import_fields()
        return self.import_fields

    def get_export_fields(self, selected_fields=None):
        if selected_fields is not None:
            return super().get_export_fields(selected_fields)
        if self.export_fields is None:
            self.export_fields = super().get_export_fields()
        return self.export_fields

    def export(self, queryset=None, **kwargs):
        dataset = super().export(queryset, **kwargs)
        # The sheet's name in an XLSX file (tablib's default is English).
        dataset.title = str(self.get_display_name())
        return dataset

    #: the column whose number is in the unit of the row's goal
    value_column = None

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(field.widget, DecimalWidget | IntegerWidget):
            if (
                kwargs.get("force_native_type")
                and field.column_name == self.value_column
                and isinstance(value, int | Decimal)
                and self.unit_of(instance) == Goal.Unit.PERCENT
            ):
                return Percentage(value)  # a percent cell in XLSX
            return value  # a number, also "-5" in a CSV, stays a number
        return neutralise_formula(value)

    def unit_of(self, instance):
        """The unit of the goal a row's value is in."""
        return instance.goal.unit

    def import_data(self, dataset, *args, rollback_on_validation_errors=True, **kw):
        # A file with an invalid row writes nothing, also outside the admin.
        return super().import_data(
            dataset,
            *args,
            rollback_on_validation_errors=rollback_on_validation_errors,
            **kw,
        )

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        headers = [self.canonical_header(h) for h in dataset.headers or []]
        rows = [[restore_formula_text(cell) for cell in row] for row in dataset]
        dataset.wipe()
        dataset.headers = headers
        dataset.extend(rows)
        missing = [
            self.fields[name].column_name
            for name in self.get_import_id_fields()
            if self.fields[name].column_name not in dataset.headers
        ]
        if missing:
            # Without its key columns no row can be matched: stop before the rows.
            header_row = self.header_row_below(rows)
            dataset.wipe()
            raise ImportFileError(self.missing_columns_message(missing, header_row))
        known = {field.column_name for field in self.fields.values()}
        unknown = [h for h in headers if h and h not in known]
        if unknown:
            # A misspelt column ("værdti") would be ignored: its cells lost.
            dataset.wipe()
            raise ImportFileError(self.unknown_columns_message(unknown))
        self.rounded = []
        for widget in self.decimal_widgets():
            widget.rounded = []
        self.diff_counts = {}

    def header_row_below(self, rows):
        """The spreadsheet row number of the column names, if they stand below
        the first row (a title line above the table); else None."""
        keys = {header_key(f.column_name) for f in self.fields.values()}
        for number, row in enumerate(rows[:20], start=2):
            if len({header_key(cell) for cell in row} & keys) >= 2:
                return number
        return None

    def missing_columns_message(self, missing, header_row):
        columns = "; ".join(f.column_name for f in self.get_user_visible_fields())
        if header_row:
            return _(
                "Kolonnernes navne står i række %(row)s, men de skal stå i "
                "første række. Slet rækkerne over dem. Kolonnerne er: %(columns)s."
            ) % {"row": header_row, "columns": columns}
        return _(
            "Filen mangler kolonnen “%(missing)s”. Den første række skal "
            "være kolonnernes navne på dansk: %(columns)s."
        ) % {"missing": "”, “".join(missing), "columns": columns}

    def unknown_columns_message(self, unknown):
        columns = "; ".join(f.column_name for f in self.get_user_visible_fields())
        return ngettext(
            "Importen kender ikke kolonnen “%(unknown)s”. Ret navnet, eller slet "
            "kolonnen. Kolonnerne hedder: %(columns)s.",
            "Importen kender ikke kolonnerne “%(unknown)s”. Ret navnene, eller "
            "slet kolonnerne. Kolonnerne hedder: %(columns)s.",
            len(unknown),
        ) % {"unknown": "”, “".join(u[:60] for u in unknown), "columns": columns}

    def decimal_widgets(self):
        return [
            field.widget
            for field in self.fields.values()
            if isinstance(field.widget, DecimalWidget)
        ]

    # Every digit Excel wrote, as the manager typed it: 47,49999999999999.
    MAX_SHOWN_DECIMALS = 20

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        self.add_diff(row_result)
        # The cells rounded in this row, for the preview's note.
        number = excel_row(kwargs.get("row_number"))
        for field in self.fields.values():
            widget = field.widget
            if not isinstance(widget, DecimalWidget) or not widget.rounded:
                continue
            for given, rounded in dict(widget.rounded).items():
                # Every digit as given (with a decimal comma), and as read.
                shown = format_number(given, max_decimals=self.MAX_SHOWN_DECIMALS)
                self.rounded.append(
                    (number, field.column_name, shown, widget.render(rounded))
                )
            widget.rounded = []

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.rounded = getattr(self, "rounded", [])

    def validate_instance(self, instance, import_validation_errors=None, **kwargs):
        try:
            super().validate_instance(instance, import_validation_errors, **kwargs)
        except ValidationError as error:
            raise ValidationError(self.by_column(error)) from None

    def canonical_header(self, header):
        """The column a header means, however it is spelt (case, accents, dashes)."""
        key = header_key(header)
        for field in self.fields.values():
            if key == header_key(field.column_name):
                return field.column_name
        return str(header or "").strip()

    def by_column(self, error):
        """Errors keyed by the column the manager sees, not the model field."""
        columns = {f.attribute: f.column_name for f in self.fields.values()}
        columns.update({f.column_name: f.column_name for f in self.fields.values()})
        columns.update(self.error_columns)
        result = {}
        for key, errors in error.error_dict.items():
            column = columns.get(key, NON_FIELD_ERRORS)
            known = result.setdefault(column, [])
            messages = (cell_message(e) for e in errors)
            known.extend(m for m in messages if m not in known)
        return result

    def history_user(self):
        """Who imports, for history rows written outside a recorded import."""
        user = self.user
        return user if getattr(user, "is_authenticated", False) else None


class FigureResource(SpreadsheetResource):
    """Targets and measurements: a value for a goal named by plan and code.

    Each row still goes through the model's ``full_clean()`` (fields and
    ``clean()``: percent 0-100, target year after the baseline). What
    ``full_clean()`` would ask the database, this checks against what the import
    has loaded: every existing row of the file's goals is in the instance loader,
    so a natural key met twice is a duplicate within the file; the goals
    themselves are read from the database once. The database's constraints stay
    the last guard. See docs/performance.md.

    A subclass says what keys a figure within its goal (``figure_key``,
    ``row_figure_key``), which fields a changed row may update
    (``bulk_update_fields``) and how a duplicate is reported
    (``duplicate_message``).
    """

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
    value = fields.Field(attribute="value", column_name="værdi", widget=DecimalWidget())

    value_column = "værdi"
    error_columns = {"goal": "mål"}
    #: model fields a changed row may update
    bulk_update_fields = ()
    duplicate_message = ""

    class Meta(SpreadsheetResource.Meta):
        use_bulk = True
        batch_size = 1000

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.goals = {}
        self.plans = set()
        self.claimed = {}

    @property
    def model(self):
        return self.get_queryset().model

    # Keys

    def figure_key(self, instance):
        """What tells a saved figure from the goal's others (its year, period)."""
        raise NotImplementedError

    def row_figure_key(self, row):
        """``figure_key`` as a row gives it; None if the row's cells cannot say."""
        raise NotImplementedError

    def existing_instances(self, dataset):
        # Each row gets its goal (with plan and baseline) from the goals loaded
        # once, rather than a copy of them per row from a join.
        goals = {goal.pk: goal for goal in self.goals.values()}
        for instance in self.model.objects.filter(goal__in=list(goals)):
            instance.goal = goals[instance.goal_id]
            yield instance

    def instance_key(self, instance):
        return (instance.goal.plan.slug, instance.goal.code, *self.figure_key(instance))

    def row_key(self, row):
        key = self.row_figure_key(row)
        if key is None:
            return None
        return (row_plan(row), cell_text(row.get("mål")), *key)

    # Import

    def before_import(self, dataset, **kwargs):
        self.claimed = {}
        super().before_import(dataset, **kwargs)
        self.goals = self.load_goals(dataset)

    def import_instance(self, instance, row, **kwargs):
        instance.row_number = kwargs.get("row_number")
        errors = collect_errors(super().import_instance, instance, row, **kwargs)
        self.complete_instance(instance, errors)
        errors = collect_errors(self.set_goal, instance, row, errors=errors)
        if errors:
            raise ValidationError(errors)

    def complete_instance(self, instance, errors):
        """Fill what the cells imply once read (``errors``: those so far)."""

    def validate_instance(self, instance, import_validation_errors=None, **kwargs):
        errors = dict(import_validation_errors or {})
        exclude = [*errors, "goal"]
        if "period_label" in errors or not getattr(instance, "period_label", "x"):
            # An unreadable or empty period leaves its days empty: one error
            # (under "periode") is enough.
            exclude += ["period_start", "period_end"]
        errors = collect_errors(
            instance.full_clean,
            exclude=exclude,
            validate_unique=False,
            validate_constraints=False,
            errors=errors,
        )
        if not errors:
            errors.update(self.constraint_errors(instance))
        if errors:
            raise ValidationError(self.by_column(ValidationError(errors)))

    def constraint_errors(self, instance):
        """The database's unique constraints, checked within the file."""
        key = self.instance_key(instance)
        first = self.claimed.setdefault(key, instance)
        if first is not instance:
            return {
                NON_FIELD_ERRORS: [
                    self.duplicate_message
                    % {"row": excel_row(getattr(first, "row_number", None)) or "?"}
                ]
            }
        return {}

    def load_goals(self, dataset):
        """The goals the file names, by (plan, code), in one query."""
        if "plan" not in dataset.headers or "mål" not in dataset.headers:
            return {}
        keys = {(row_plan(row), cell_text(row.get("mål"))) for row in dataset.dict}
        # A key with a control character matches nothing; its row's error comes
        # from the widget (and PostgreSQL would refuse a NUL in the query).
        keys = {key for key in keys if not CONTROL_CHARACTERS.search("".join(key))}
        plans = {slug for slug, _code in keys}
        self.plans = set(
            Plan.objects.filter(slug__in=plans).values_list("slug", flat=True)
        )
        codes = {code for _slug, code in keys}
        goals = Goal.objects.filter(plan__slug__in=plans, code__in=codes)
        return {
            (goal.plan.slug, goal.code): goal
            for goal in goals.select_related("plan", "baseline")
        }

    def set_goal(self, instance, row):
        """The goal a row names, or a Danish error."""
        plan, code = row_plan(row), cell_text(row.get("mål"))
        if CONTROL_CHARACTERS.search(str(row.get("plan") or "") + code):
            raise ValidationError({"goal": control_character_message()})
        if not plan:
            raise ValidationError(
                {"plan": _("Cellen er tom. Skriv planens korte navn fra adressen.")}
            )
        if plan not in self.plans:
            raise ValidationError(
                {"plan": _("Der findes ingen plan “%(slug)s”.") % {"slug": plan[:80]}}
            )
        if not code:
            raise ValidationError({"goal": _("Cellen er tom. Skriv målets kode.")})
        goal = self.goals.get((plan, code))
        if goal is None:
            raise ValidationError(
                {
                    "goal": _("Planen “%(plan)s” har intet mål med koden “%(code)s”.")
                    % {"plan": plan[:80], "code": code[:80]}
                }
            )
        if instance.goal_id is None:
            instance.goal = goal

    # Writing, in batches

    def get_bulk_update_fields(self):
        return list(self.bulk_update_fields)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        written = result.totals["new"] + result.totals["update"]
        if written and not kwargs.get("dry_run"):
            # Bulk writes send no post_save: announce them (core/actions.py).
            announce(self.model._meta.app_label)

    def bulk_create(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if self.create_instances and (using_transactions or not dry_run):
            try:
                if dry_run:
                    # The preview writes the rows to let the database check
                    # them, and rolls them back: their history would go too.
                    self.model.objects.bulk_create(
                        self.create_instances, batch_size=batch_size
                    )
                else:
                    self.model.objects.bulk_create(
                        self.create_instances, batch_size=batch_size
                    )
                    write_history(
                        self.model, self.create_instances, **self.bulk_history_options()
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
                update_rows(
                    self.model, self.update_instances, self.get_bulk_update_fields()
                )
                if not dry_run:
                    # Not in the preview, which is rolled back.
                    write_history(
                        self.model,
                        self.update_instances,
                        update=True,
                        **self.bulk_history_options(),
                    )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def bulk_history_options(self):
        return {"default_user": self.history_user(), **actions.bulk_history_options()}


# Helpers --------------------------------------------------------------------------


def collect_errors(call, *args, errors=None, **kwargs):
    """Run ``call``; its ValidationError's messages join ``errors`` (returned),
    so one row reports every bad cell at once."""
    errors = dict(errors or {})
    try:
        call(*args, **kwargs)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    return errors


def update_rows(model, instances, field_names):
    """The rows' ``field_names`` written with one parametrised UPDATE per row,
    sent as one batch (``executemany``); on PostgreSQL one UPDATE per thousand
    rows from a list of values, which spares its server ten thousand statements.

    Django's ``bulk_update`` builds a CASE expression per field over every row
    of a batch, which takes most of the time of an import of changed rows
    (docs/performance.md); these do the same writes."""
    fields = [model._meta.get_field(name) for name in field_names]
    # The connection itself: the proxy ``connection`` looks it up per cell.
    db = connections[DEFAULT_DB_ALIAS]
    quote = db.ops.quote_name
    table = quote(model._meta.db_table)
    pk = model._meta.pk
    params = [
        [
            field.get_db_prep_save(getattr(instance, field.attname), db)
            for field in fields
        ]
        + [pk.get_db_prep_save(instance.pk, db)]
        for instance in instances
    ]
    if db.vendor == "postgresql":
        columns = [*fields, pk]
        names = [f"c{n}" for n in range(len(columns))]
        row = "(" + ", ".join(f"%s::{f.cast_db_type(db)}" for f in columns) + ")"
        assignments = ", ".join(
            f"{quote(field.column)} = v.{name}"
            for field, name in zip(fields, names, strict=False)
        )
        for start in range(0, len(params), BATCH):
            batch = params[start : start + BATCH]
            sql = (
                f"UPDATE {table} SET {assignments} FROM "  # noqa: S608 -- names from the model, values as parameters
                f"(VALUES {', '.join([row] * len(batch))}) AS v({', '.join(names)}) "
                f"WHERE {table}.{quote(pk.column)} = v.{names[-1]}"
            )
            with db.cursor() as cursor:
                cursor.execute(sql, [value for values in batch for value in values])
        return
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {table} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608 -- names from the model, values as parameters
    with db.cursor() as cursor:
        cursor.executemany(sql, params)


#: rows per statement of ``update_rows`` and ``insert_rows`` on PostgreSQL
BATCH = 1000


def write_history(
    model,
    instances,
    update=False,
    default_user=None,
    default_change_reason=None,
    custom_historical_attrs=None,
):
    """The history rows of ``instances``, just written in bulk: what
    django-simple-history's ``bulk_create_with_history`` and
    ``bulk_update_with_history`` write (the same user, date, reason, type and
    the ``custom_historical_attrs``: channel, file, import), inserted with
    ``insert_rows`` rather than ``bulk_create``, whose SQL for 10,000 rows of
    some twenty columns took a third of an import of changed rows."""
    history = get_history_manager_for_model(model).model
    tracked = history.tracked_fields
    custom = custom_historical_attrs or {}
    relation = hasattr(history, "history_relation")
    # The request's user, if any, asked once rather than once per row.
    user = default_user or history.get_default_history_user(model())
    rows = []
    for instance in instances:
        row = history(
            history_date=getattr(instance, "_history_date", None) or timezone.now(),
            history_user=getattr(instance, "_history_user", user),
            history_change_reason=get_change_reason_from_object(instance)
            or default_change_reason,
            history_type="~" if update else "+",
            **{field.attname: getattr(instance, field.attname) for field in tracked},
            **custom,
        )
        if relation:
            row.history_relation_id = instance.pk
        rows.append(row)
    insert_rows(history, rows)


def insert_rows(model, instances):
    """One INSERT per row, sent as one batch (``executemany``), like
    ``update_rows``; on PostgreSQL one INSERT per thousand rows. The rows' own
    ids (an auto-increment key) are not read back."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and isinstance(field, AutoFieldMixin))
    ]
    db = connections[DEFAULT_DB_ALIAS]
    table = db.ops.quote_name(model._meta.db_table)
    columns = ", ".join(db.ops.quote_name(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params = [
        [field.get_db_prep_save(field.pre_save(instance, True), db) for field in fields]
        for instance in instances
    ]
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            for start in range(0, len(params), BATCH):
                batch = params[start : start + BATCH]
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 -- names from the model, values as parameters
                    + ", ".join([row] * len(batch)),
                    [value for values in batch for value in values],
                )
        else:
            sql = f"INSERT INTO {table} ({columns}) VALUES {row}"  # noqa: S608 -- names from the model, values as parameters
            cursor.executemany(sql, params)


def cell_message(error):
    """A row error's message as a manager reads it: Django's “Dette felt kan
    ikke være null.” for an empty cell says what to do instead."""
    if error.code in {"null", "blank", "required"}:
        return _("Cellen er tom. Skriv en værdi.")
    return next(iter(error))


def excel_row(row_number):
    """The number Excel shows for the library's ``row_number`` (1 for the first
    row below the column names, which Excel calls row 2)."""
    return row_number + 1 if row_number is not None else None


def row_plan(row):
    """The plan's short name as a row gives it."""
    return str(row.get("plan") or "").strip()


def header_key(header):
    return danish_slugify(str(header or "").strip()).replace("-", "")
