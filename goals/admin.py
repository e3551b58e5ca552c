"""The managers' admin: plans, and goals with their baseline, targets and
measurements inline; spreadsheet import/export; change history with restore."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminURLFieldWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin, ImportExportMixin
from import_export.forms import ImportForm, SelectableFieldsExportForm
from simple_history.admin import SimpleHistoryAdmin

from core.actions import Change, Channel
from core.admin import (
    CURATOR_FIELDS,
    SOURCE_FIELDS,
    RecordedAdminMixin,
    SafeAdminMixin,
    SourcedAdminMixin,
)
from core.archives import check_archive
from core.formats import format_number, format_percent, format_period
from core.history import field_changes
from core.text import danish_slugify

from . import actions, reporting, selectors
from .forms import (
    BaselineForm,
    FigureFormSet,
    LatestMeasurementsFormSet,
    MeasurementForm,
    TargetForm,
    TargetFormSet,
)
from .models import (
    Baseline,
    BudgetLine,
    FocusArea,
    Goal,
    GoalTheme,
    ImportEvent,
    Initiative,
    Measurement,
    Plan,
    PlanKeyFigure,
    Target,
)
from .progress import COUNT, Status, format_change, format_value
from .spreadsheets import GoalResource, MeasurementResource, TargetResource
from .spreadsheets.formats import (
    FORMATS,
    DanishXLSX,
    FileLimitError,
    SpreadsheetError,
)

# Addresses typed without a scheme get https:// (Django 6's default, chosen now).
URL_FIELD = {models.URLField: {"widget": AdminURLFieldWidget, "assume_scheme": "https"}}

#: How many changes the goal's page lists (its history pages list all).
RECENT_CHANGES = 10
#: How many rows an import's page links to (it counts them all).
RECENT_IMPORTED_ROWS = 20

STATUS_SYMBOLS = {
    Status.ACHIEVED: "✓",
    Status.ON_TRACK: "→",
    Status.BEHIND: "!",
    Status.NO_DATA: "–",
    Status.QUALITATIVE: "○",
}


class GoalsImportForm(ImportForm):
    def clean_import_file(self):
        # An XLSX is a ZIP archive: its declared sizes are checked before the
        # reader decompresses anything (core/archives.py, issue #16).
        upload = self.cleaned_data["import_file"]
        check_archive(upload)
        return upload

    class Media:
        # The import page shows the form's media only.
        css = {"all": ["css/goals-admin.css"]}


class GoalsExportForm(SelectableFieldsExportForm):
    """The export page lists each column by the Danish name the file gives it
    (“mål”), not by the resource's English field name (“Goal (mål)”)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        for resource in resources:
            for name, field in resource().fields.items():
                form_field = self.fields.get(
                    self.create_boolean_field_name(resource, name)
                )
                if form_field is not None:
                    form_field.label = field.column_name


class GoalsAdminMixin(SourcedAdminMixin, RecordedAdminMixin, SafeAdminMixin):
    """Every write through goals.actions, recorded with the user, the channel
    "admin" and the reason typed, if any (core.admin.RecordedAdminMixin)."""

    write_actions = actions

    def history_value_text(self, record, field, value):
        # A figure's value in its goal's unit: “86”, “47,5 %”, “1.250 kr.”.
        if field.name != "value" or record.instance_type is Goal:
            return None
        if value is None:
            return "–"
        goal = Goal.objects.filter(pk=record.goal_id).only("unit").first()
        return format_value(goal.unit if goal else COUNT, value)


class SpreadsheetAdminMixin(ImportExportMixin, ExportActionMixin):
    """Import (two steps: a dry run shows every row's change, then confirm) and
    export, including an action that exports the selected rows."""

    import_formats = FORMATS
    export_formats = FORMATS
    import_form_class = GoalsImportForm
    export_form_class = GoalsExportForm

    def process_dataset(self, dataset, form, request, **kwargs):
        """The confirmed import: one recorded change, with the uploaded file's
        name as its source (goals.actions.import_spreadsheet). The dry run
        before it writes nothing and is not recorded."""
        file_name = kwargs.pop("file_name", None) or form.cleaned_data.get(
            "original_file_name", ""
        )
        resource_class = self.choose_import_resource_class(form, request)
        resource = resource_class(
            **self.get_import_resource_kwargs(request, form=form, **kwargs)
        )
        options = self.get_import_data_kwargs(request=request, form=form, **kwargs)
        # The admin's log entries name the objects each row wrote.
        options["retain_instance_in_row_result"] = True
        change = Change.from_request(request, Channel.IMPORT, source=file_name)
        return actions.import_spreadsheet(change, resource, dataset, **options)

    def add_success_message(self, result, request):
        super().add_success_message(result, request)
        event = getattr(result, "import_event", None)
        if event is not None:
            messages.info(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Importen er registreret som én ændring."),
                    reverse("admin:goals_importevent_change", args=[event.pk]),
                    _("Se den, eller fortryd den"),
                ),
            )

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        result = (context or {}).get("result")
        if result is not None:
            context["preview"] = import_preview(result)
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        # The library names the exception's class ('SpreadsheetError'); a
        # manager gets what is wrong and what the file should hold.
        if isinstance(e, FileLimitError):
            form.add_error("import_file", str(e))
            return
        problem = (
            str(e)
            if isinstance(e, SpreadsheetError)
            else _("Filen kan ikke læses i det valgte format.")
        )
        form.add_error(
            "import_file",
            _(
                "%(problem)s Vælg det format, filen er gemt i (CSV eller Excel), "
                "og gem den med kolonnernes navne i første række."
            )
            % {"problem": problem},
        )

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # The library gives native numbers only to its own XLSX class, not to
        # DanishXLSX; every binary (spreadsheet) format gets them here.
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request,
            queryset,
            force_native_type=isinstance(file_format, DanishXLSX),
            **kwargs,
        )
        return file_format.export_data(data)

    def get_export_filename(self, request, queryset, file_format):
        """A Danish name: ``maalinger-2026-12-03.xlsx``."""
        name = danish_slugify(str(self.model._meta.verbose_name_plural))
        day = timezone.localdate().isoformat()
        return f"{name}-{day}.{file_format.get_extension()}"

    def get_valid_export_item_pks(self, request):
        # django-import-export 4.4 still calls this from its export action but
        # warns in its own version; the rows a user may export are the ones
        # the admin lets them see.
        return self.get_queryset(request).values_list("pk", flat=True)


def import_preview(result, limit=None):
    """What the import page shows of a (dry-run) result: the counts of each
    kind of row and the first ``limit`` rows of each kind, with the row number
    Excel shows (the column names are row 1), so a file of 20,000 rows makes a
    page of a few hundred."""
    limit = limit or settings.GOALS_IMPORT_PREVIEW_ROWS
    kinds = {
        "new": _("Nye rækker"),
        "update": _("Ændrede rækker"),
        "skip": _("Uændrede rækker"),
        "invalid": _("Rækker med fejl"),
    }
    groups = {kind: [] for kind in kinds}
    counts = dict.fromkeys(kinds, 0)
    invalid = iter(result.invalid_rows)
    for number, row in enumerate(result.rows, start=2):
        kind = row.import_type
        if kind not in groups:
            continue
        counts[kind] += 1
        if kind == "invalid":
            shown = next(invalid)
        elif len(groups[kind]) < limit:
            shown = row
        else:
            continue
        if len(groups[kind]) < limit:
            groups[kind].append((number, shown))
    return {
        "counts": counts,
        "summary": [
            (label, counts[kind])
            for kind, label in kinds.items()
            if counts[kind] or kind != "invalid"
        ],
        "groups": [
            {
                "kind": kind,
                "label": label,
                "count": counts[kind],
                "rows": groups[kind],
                "hidden": counts[kind] - len(groups[kind]),
            }
            for kind, label in kinds.items()
            if counts[kind]
        ],
        "rounded": getattr(result, "rounded", []),
    }


# Plans ---------------------------------------------------------------------------


class FocusAreaInline(SafeAdminMixin, admin.StackedInline):
    model = FocusArea
    extra = 0


class PlanKeyFigureInline(SafeAdminMixin, admin.TabularInline):
    model = PlanKeyFigure
    extra = 0
    exclude = CURATOR_FIELDS


class BudgetLineInline(SafeAdminMixin, admin.TabularInline):
    model = BudgetLine
    fk_name = "plan"
    extra = 0
    fields = ["table", "label", "year", "amount", "parent", "offer", "order"]
    autocomplete_fields = ["offer"]


class InitiativeInline(SafeAdminMixin, admin.TabularInline):
    model = Initiative
    extra = 0
    fields = ["title", "focus_area", "owner", "timing", "start_date", "status"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(GoalsAdminMixin, SimpleHistoryAdmin):
    formfield_overrides = URL_FIELD
    list_display = ["title", "kind", "owner", "period_start", "period_end"]
    list_filter = ["kind", "owner"]
    search_fields = ["title", "summary"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    inlines = [
        FocusAreaInline,
        InitiativeInline,
        PlanKeyFigureInline,
        BudgetLineInline,
    ]


@admin.register(BudgetLine)
class BudgetLineAdmin(GoalsAdminMixin, SimpleHistoryAdmin):
    list_display = ["label", "table", "plan", "year", "amount"]
    list_filter = ["plan", "table"]
    search_fields = ["label", "table"]
    list_select_related = ["plan"]
    autocomplete_fields = ["plan", "parent", "offer"]
    readonly_fields = CURATOR_FIELDS


@admin.register(FocusArea)
class FocusAreaAdmin(GoalsAdminMixin, admin.ModelAdmin):
    # By the plan's key, not its ordering (a join and a sort of every row).
    ordering = ["plan_id", "number"]
    list_display = ["__str__", "plan"]
    list_filter = ["plan"]
    search_fields = ["title", "why", "goal", "how"]
    list_select_related = ["plan"]
    autocomplete_fields = ["plan"]


@admin.register(Initiative)
class InitiativeAdmin(GoalsAdminMixin, admin.ModelAdmin):
    # By the plan's key, not its ordering (a join and a sort of every row).
    ordering = ["plan_id", "order", "title"]
    list_display = ["title", "plan", "owner", "timing", "status"]
    list_filter = ["status", "plan"]
    search_fields = ["title", "owner", "description"]
    list_select_related = ["plan"]
    autocomplete_fields = ["plan", "focus_area"]


@admin.register(GoalTheme)
class GoalThemeAdmin(GoalsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]


@admin.register(PlanKeyFigure)
class PlanKeyFigureAdmin(GoalsAdminMixin, admin.ModelAdmin):
    # By the plan's key, not its ordering (a join and a sort of every row).
    ordering = ["plan_id", "order", "label"]
    list_display = ["label", "value_column", "year", "plan"]
    list_filter = ["plan"]
    search_fields = ["label"]
    list_select_related = ["plan"]
    autocomplete_fields = ["plan"]

    @admin.display(description=_("værdi"), ordering="value")
    def value_column(self, figure):
        # As the plan page shows it: a count, with the unit the plan names.
        number = format_value(COUNT, figure.value)
        return f"{number}\u00a0{figure.unit}" if figure.unit else number


# Goals ---------------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    """The goals' stored status (goals/status.py), filtered by the database."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(status.value, status.label) for status in Status]

    def queryset(self, request, queryset):
        if self.value() not in set(Status):
            return queryset
        return queryset.filter(status=self.value())


class PeriodInlineMixin:
    @admin.display(description=_("læst som"))
    def parsed_period(self, obj):
        if not (obj and obj.period_start and obj.period_end):
            return _("ikke angivet") if obj and obj.pk else "–"
        return format_period(obj.period_start, obj.period_end)


class BaselineInline(SafeAdminMixin, PeriodInlineMixin, admin.StackedInline):
    model = Baseline
    form = BaselineForm
    formset = FigureFormSet
    extra = 1
    max_num = 1
    fields = [
        ("value", "n"),
        ("period_label", "parsed_period"),
        "period_start",
        "period_end",
        ("scope", "source"),
    ]
    readonly_fields = ["parsed_period"]


class TargetInline(SafeAdminMixin, admin.TabularInline):
    model = Target
    form = TargetForm
    formset = TargetFormSet
    add_another_text = _("Tilføj endnu en målsætning")
    extra = 1
    fields = ["year", "value", "note", "plan_period"]
    readonly_fields = ["plan_period"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("goal__plan")

    @admin.display(description=_("i forhold til planen"))
    def plan_period(self, obj):
        if not (obj and obj.pk):
            return ""
        plan = obj.goal.plan
        if obj.is_beyond_plan(plan):
            return format_html(
                "<strong>{}</strong>",
                _("Efter planperioden (%(period)s)") % {"period": plan.period_label},
            )
        return _("Inden for planperioden")


class MeasurementInline(SafeAdminMixin, PeriodInlineMixin, admin.TabularInline):
    model = Measurement
    form = MeasurementForm
    formset = LatestMeasurementsFormSet
    add_another_text = _("Tilføj endnu en måling")
    extra = 1
    fields = [
        "period_label",
        "parsed_period",
        "period_start",
        "period_end",
        "value",
        "n",
        "source",
        "comment",
    ]
    readonly_fields = ["parsed_period"]


@admin.register(Goal)
class GoalAdmin(GoalsAdminMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin):
    # By the plan's key, not its ordering (a join and a sort of every row).
    ordering = ["plan_id", "order", "code"]
    resource_classes = [GoalResource]
    # The plan's long title is in the filter beside the list, not in a column.
    list_display = [
        "title",
        "status_column",
        "latest_column",
        "level",
        "beyond_plan_column",
        "code",
    ]
    list_filter = ["plan", "level", "theme", StatusFilter, "responsible_offers"]
    search_fields = ["title", "code", "definition", "plan__title"]
    autocomplete_fields = [
        "plan",
        "theme",
        "focus_area",
        "responsible_offers",
        "supports",
    ]
    readonly_fields = [
        *CURATOR_FIELDS,
        "progress_summary",
        "plan_period_note",
        "measurement_overview",
        "recent_changes",
        "deleted_figures",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "plan",
                    "code",
                    "title",
                    ("level", "theme"),
                    "focus_area",
                    "kind",
                    ("unit", "direction"),
                    "supports",
                    "responsible_offers",
                    "order",
                ]
            },
        ),
        (
            _("Beskrivelse"),
            {"fields": ["definition", "assessment", "data_source", "narrative"]},
        ),
        (_("Kilde"), {"fields": [*SOURCE_FIELDS, *CURATOR_FIELDS]}),
        (_("Status (beregnet)"), {
                "fields": [
                    "progress_summary",
                    "plan_period_note",
                    "measurement_overview",
                ]
            }),
        (_("Seneste ændringer"), {"fields": ["recent_changes"]}),
        (_("Slettede tal"), {"fields": ["deleted_figures"]}),
    ]
    inlines = [BaselineInline, TargetInline, MeasurementInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("plan", "theme", "baseline")
            .prefetch_related("targets", "measurements")
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, TargetInline) and "data" in kwargs:
            # The targets are checked against the baseline as submitted in the
            # same form, not the saved one.
            kwargs["baseline_formset"] = self.submitted_baseline_formset(request, obj)
        return kwargs

    def submitted_baseline_formset(self, request, obj):
        """The baseline's formset, bound to the posted form: Django builds each
        inline's formset on its own and offers no hook that hands one to
        another (5.2), so it is built once more from the same data."""
        for inline in self.get_inline_instances(request, obj):
            if isinstance(inline, BaselineInline):
                formset_class = inline.get_formset(request, obj)
                prefix = formset_class.get_default_prefix()
                return formset_class(
                    **self.get_formset_kwargs(request, obj, inline, prefix)
                )
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        goal = form.instance
        beyond = sorted(
            {
                t.year
                for t in self.targets_saved(form, formsets)
                if t.is_beyond_plan(goal.plan)
            }
        )
        if beyond:
            messages.warning(
                request,
                ngettext(
                    "Målsætningen for %(years)s ligger efter planperioden "
                    "%(period)s. Det er tilladt, fx for nationale mål, og vises "
                    "sådan på siden.",
                    "Målsætningerne for %(years)s ligger efter planperioden "
                    "%(period)s. Det er tilladt, fx for nationale mål, og vises "
                    "sådan på siden.",
                    len(beyond),
                )
                % {
                    "years": ", ".join(str(y) for y in beyond),
                    "period": goal.plan.period_label,
                },
            )

    @staticmethod
    def targets_saved(form, formsets):
        """The targets this save added or changed; all of them when the goal
        moved to another plan or period. The warning about a target after the
        plan period is given once, when it is made, not on every later save."""
        if "plan" in form.changed_data:
            return list(form.instance.targets.all())
        saved = []
        for formset in formsets:
            if formset.model is Target:
                saved += formset.new_objects
                saved += [target for target, _fields in formset.changed_objects]
        return saved

    @admin.display(description=_("status"))
    def status_column(self, goal):
        status = Status(goal.status)
        return f"{STATUS_SYMBOLS[status]} {status.label}"

    @admin.display(description=_("seneste resultat"))
    def latest_column(self, goal):
        latest = goal.progress.latest
        if latest is None:
            return "–"
        return f"{format_value(goal.unit, latest.value)} ({latest.label})"

    @admin.display(description=_("mål efter planperioden"))
    def beyond_plan_column(self, goal):
        years = [str(t.year) for t in goal.targets_beyond_plan()]
        return ", ".join(years) or "–"

    @admin.display(description=_("målinger"))
    def measurement_overview(self, goal):
        """How many measurements the goal has, and where to find those the form
        leaves out (it shows the latest LatestMeasurementsFormSet.shown)."""
        if not goal.pk:
            return "–"
        count = goal.measurements.count()
        shown = LatestMeasurementsFormSet.shown
        url = reverse("admin:goals_measurement_changelist") + f"?maal={goal.pk}"
        if count <= shown:
            text = ngettext(
                "%(count)s måling, alle vist nedenfor.",
                "%(count)s målinger, alle vist nedenfor.",
                count,
            ) % {"count": format_number(count)}
        else:
            text = _("De seneste %(shown)s af %(count)s målinger vises nedenfor.") % {
                "shown": format_number(shown),
                "count": format_number(count),
            }
        return format_html("{} <a href='{}'>{}</a>", text, url, _("Se alle målinger"))

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        """One history for the goal: its own versions and those of its
        baseline, targets and measurements, newest first."""
        goal = (
            Goal.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        )
        records = super().get_history_queryset(
            request, history_manager, pk_name, object_id
        )
        if goal is None:
            return records
        rows = list(records)
        for model in (Baseline, Target, Measurement):
            rows += model.history.filter(goal_id=goal.pk).select_related("history_user")
        rows.sort(key=lambda record: record.history_date, reverse=True)
        for record in rows:
            record.subject = change_subject(goal, record)
            opts = record.instance_type._meta
            record.version_url = reverse(
                f"admin:goals_{opts.model_name}_simple_history",
                args=[record.id, record.history_id],
            )
        return rows

    @admin.display(description=_("fremskridt"))
    def progress_summary(self, goal):
        if not goal.pk:
            return _("Beregnes, når målet er gemt.")
        progress = goal.progress
        lines = [
            (_("Status"), f"{STATUS_SYMBOLS[progress.status]} {progress.status.label}")
        ]
        if progress.latest:
            lines.append(
                (
                    _("Seneste resultat"),
                    f"{format_value(goal.unit, progress.latest.value)} "
                    f"({progress.latest.label})",
                )
            )
        if progress.change is not None:
            lines.append(
                (
                    _("Siden %(label)s") % {"label": progress.previous.label}
                    if progress.previous.label
                    else _("Siden udgangspunktet"),
                    f"{format_change(goal.unit, progress.change)} "
                    f"({progress.trend.label})",
                )
            )
        if progress.next_target and progress.percent_of_next is not None:
            lines.append(
                (
                    _("Mod målet for %(year)s") % {"year": progress.next_target.year}
                    if progress.next_target.year is not None
                    else _("Mod målet (uden årstal)"),
                    format_percent(progress.percent_of_next),
                )
            )
        if progress.earlier_results:
            lines.append(
                (
                    _("Tæller ikke med"),
                    _("Målinger fra før eller samme periode som udgangspunktet: %(p)s")
                    % {"p": ", ".join(r.label for r in progress.earlier_results)},
                )
            )
        return format_html(
            "<dl>{}</dl>",
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", lines),
        )

    @admin.display(description=_("målet og dets tal"))
    def recent_changes(self, goal):
        """Who changed the goal and its figures, when, why and how (the admin,
        a spreadsheet import and its file, the seed): each figure's own history
        page has the details."""
        if not goal.pk:
            return "–"
        rows = [
            (
                date_format(localtime(record.history_date), "SHORT_DATETIME_FORMAT"),
                change_subject(goal, record),
                record.get_history_type_display(),
                record.history_user or _("ukendt"),
                change_channel(record),
                record.history_change_reason or "–",
                format_html_join(
                    "",
                    "<li>{}: {} → {}</li>",
                    (
                        (c["field"], c["old"], c["new"])
                        for c in field_changes(record, self.history_value_text)
                    ),
                ),
            )
            for record in selectors.goal_changes(goal, limit=RECENT_CHANGES)
        ]
        if not rows:
            return _("Ingen ændringer er registreret.")
        headers = (
            _("Tidspunkt"),
            _("Hvad"),
            _("Handling"),
            _("Ændret af"),
            _("Kanal"),
            _("Årsag"),
            _("Ændringer"),
        )
        return format_html(
            "<table class='goal-changes'><thead><tr>{}</tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join("", "<th scope='col'>{}</th>", ((h,) for h in headers)),
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                "<td>{}</td><td><ul>{}</ul></td></tr>",
                rows,
            ),
        )

    @admin.display(description=_("slettet udgangspunkt, målsætninger og målinger"))
    def deleted_figures(self, goal):
        """What was deleted from this goal, each with a link to its last
        version, where it can be saved back (django-simple-history)."""
        if not goal.pk:
            return "–"
        rows = []
        for model in (Baseline, Target, Measurement):
            for record in deleted_records(model, goal):
                url = reverse(
                    f"admin:goals_{model._meta.model_name}_simple_history",
                    args=[record.id, record.history_id],
                )
                rows.append(
                    (
                        url,
                        f"{model._meta.verbose_name.capitalize()}: "
                        f"{figure_text(goal, model, record)}",
                        date_format(record.history_date, "DATETIME_FORMAT"),
                        record.history_user or _("ukendt"),
                    )
                )
        if not rows:
            return _("Intet er slettet fra målet.")
        return format_html(
            "<ul>{}</ul><p class='help'>{}</p>",
            format_html_join(
                "",
                "<li><a href='{}'>{}</a> – {} ({})</li>",
                rows,
            ),
            _("Åbn et slettet tal, og gem det for at genskabe det."),
        )

    @admin.display(description=_("planperioden"))
    def plan_period_note(self, goal):
        if not goal.pk:
            return "–"
        beyond = [str(t.year) for t in goal.targets_beyond_plan()]
        if not beyond:
            return _("Alle målsætninger ligger inden for planperioden %(period)s.") % {
                "period": goal.plan.period_label
            }
        return format_html(
            "<strong>{}</strong>",
            _(
                "Målsætning for %(years)s ligger efter planperioden %(period)s. "
                "Det er tilladt, fx for nationale mål."
            )
            % {"years": ", ".join(beyond), "period": goal.plan.period_label},
        )


class FigureValueColumnMixin:
    """A figure's value in its goal's unit, as the pages show it."""

    @admin.display(description=_("værdi"), ordering="value")
    def value_column(self, figure):
        return format_value(figure.goal.unit, figure.value)


@admin.register(Baseline)
class BaselineAdmin(GoalsAdminMixin, FigureValueColumnMixin, SimpleHistoryAdmin):
    form = BaselineForm
    list_display = ["goal", "period_column", "value_column", "n", "scope"]
    list_filter = ["scope"]
    search_fields = ["goal__title", "goal__code"]
    list_select_related = ["goal"]
    autocomplete_fields = ["goal"]
    fields = [
        "goal",
        "value",
        "period_label",
        "period_start",
        "period_end",
        "n",
        "scope",
        "source",
    ]

    @admin.display(description=_("periode"), ordering="period_end")
    def period_column(self, baseline):
        return baseline.period_label or _("ikke angivet")


@admin.register(Target)
class TargetAdmin(
    GoalsAdminMixin, SpreadsheetAdminMixin, FigureValueColumnMixin, SimpleHistoryAdmin
):
    # By the goal's key, not its ordering (joins and a sort of every row).
    ordering = ["goal_id", "year"]
    resource_classes = [TargetResource]
    form = TargetForm
    list_display = ["goal", "year_column", "value_column", "plan_column"]
    list_filter = ["year", "goal__plan"]
    search_fields = ["goal__title", "goal__code"]
    list_select_related = ["goal__plan"]
    autocomplete_fields = ["goal"]
    fields = ["goal", "year", "value", "note"]

    @admin.display(description=_("år"), ordering="year")
    def year_column(self, target):
        return target.year_label

    @admin.display(description=_("plan"))
    def plan_column(self, target):
        return target.goal.plan


class GoalFilter(admin.SimpleListFilter):
    """One goal's measurements (“Se alle målinger” on the goal's form); the
    filter lists only the goal chosen, not every goal of every plan."""

    title = _("mål")
    parameter_name = "maal"

    def lookups(self, request, model_admin):
        value = self.value()
        if not (value and value.isdigit()):
            return []
        return [(str(goal.pk), str(goal)) for goal in Goal.objects.filter(pk=value)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(goal_id=value)


@admin.register(Measurement)
class MeasurementAdmin(
    GoalsAdminMixin, SpreadsheetAdminMixin, FigureValueColumnMixin, SimpleHistoryAdmin
):
    # By the goal's key, not its ordering (joins and a sort of every row).
    ordering = ["goal_id", "period_end"]
    resource_classes = [MeasurementResource]
    form = MeasurementForm
    list_display = ["goal", "period_label", "value_column", "n", "plan_column"]
    list_filter = [GoalFilter, "goal__plan"]
    search_fields = ["goal__title", "goal__code", "period_label"]
    list_select_related = ["goal__plan"]
    autocomplete_fields = ["goal"]
    date_hierarchy = "period_end"
    fields = [
        "goal",
        "period_label",
        "period_start",
        "period_end",
        "value",
        "n",
        "source",
        "comment",
    ]

    @admin.display(description=_("plan"))
    def plan_column(self, measurement):
        return measurement.goal.plan

    def get_urls(self):
        return [
            path(
                "afrapportering/",
                self.admin_site.admin_view(self.missing_rows_view),
                name="goals_measurement_missing_rows",
            ),
            *super().get_urls(),
        ]

    def missing_rows_view(self, request):
        """The reporting round's missing results as a measurements file: one
        row per goal lacking a result, its value empty, to fill in and import
        back through this list's import."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        missing = reporting.reporting_round().missing
        dataset = MeasurementResource().export(
            queryset=reporting.missing_rows(missing), force_native_type=True
        )
        file_format = DanishXLSX()
        response = HttpResponse(
            file_format.export_data(dataset),
            content_type=file_format.get_content_type(),
        )
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="afrapportering-{day}.xlsx"'
        )
        return response


def deleted_records(model, goal):
    """The last history record of each row of ``model`` deleted from ``goal``."""
    return (
        model.history.filter(goal_id=goal.pk, history_type="-")
        .exclude(id__in=model.objects.filter(goal_id=goal.pk).values("id"))
        .select_related("history_user")
        .order_by("-history_date")
    )


def change_subject(goal, record):
    """What a history row of a goal or one of its figures is about."""
    model = record.instance_type
    if model is Goal:
        return Goal._meta.verbose_name.capitalize()
    return (
        f"{model._meta.verbose_name.capitalize()}: {figure_text(goal, model, record)}"
    )


def change_channel(record):
    """The channel a change came through, with its file if it was an import
    (a link to the import, where it can be undone)."""
    channel = record.get_history_channel_display() or "–"
    link = getattr(record, "history_source_link", "")
    if record.history_source and link:
        return format_html(
            '{} (<a href="{}">{}</a>)', channel, link, record.history_source
        )
    if record.history_source:
        return f"{channel} ({record.history_source})"
    return channel


def figure_text(goal, model, record):
    value = format_value(goal.unit, record.value)
    if model is Target:
        return f"{value} ({record.year or _('uden årstal')})"
    return f"{value} ({record.period_label or _('periode ikke angivet')})"


# Imports -------------------------------------------------------------------------


@admin.register(ImportEvent)
class ImportEventAdmin(RecordedAdminMixin, SafeAdminMixin, admin.ModelAdmin):
    """Every confirmed spreadsheet import, read-only, each with “Fortryd
    import” (goals.actions.undo_import) behind a confirmation page. Nobody
    edits an import's record; the mixins give its list the admin's guards
    against forged filter values, and any write the admin makes here is a
    recorded action like everywhere else."""

    write_actions = actions

    list_display = [
        "created_at",
        "file_name",
        "kind",
        "user",
        "new",
        "changed",
        "unchanged",
        "undone_column",
    ]
    list_filter = ["kind", ("undone_at", admin.EmptyFieldListFilter)]
    search_fields = ["file_name"]
    list_select_related = ["user", "undone_by"]
    fields = [
        "created_at",
        "user",
        "file_name",
        "kind",
        ("new", "changed", "unchanged", "deleted"),
        ("undone_at", "undone_by"),
        "written_rows",
    ]
    readonly_fields = [
        "created_at",
        "user",
        "file_name",
        "kind",
        "new",
        "changed",
        "unchanged",
        "deleted",
        "undone_at",
        "undone_by",
        "written_rows",
    ]
    change_form_template = "admin/goals/importevent/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the imported figures may see their imports.
        return (
            request.user.is_active
            and request.user.is_staff
            and any(
                request.user.has_perm(f"goals.view_{model._meta.model_name}")
                for model in actions.imported_models()
            )
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def may_undo(self, request, event):
        """Undoing deletes and changes the rows the import wrote."""
        model = next(
            m for m in actions.imported_models() if m._meta.model_name == event.kind
        )
        names = {model._meta.model_name}
        if event.kind == "goal":
            names.add("baseline")
        wrote = event.new or event.changed or event.deleted
        return event.undone_at is None and wrote and all(
            request.user.has_perm(f"goals.{perm}_{name}")
            for name in names
            for perm in ("change", "delete")
        )

    @admin.display(description=_("fortrudt"), boolean=True)
    def undone_column(self, event):
        return event.undone_at is not None

    @admin.display(description=_("rækker importen skrev"))
    def written_rows(self, event):
        """The rows the import wrote, each with a link to its history."""
        items = []
        for model in actions.imported_models():
            records = model.history.filter(history_import=event).order_by("history_id")
            total = records.count()
            if not total:
                continue
            name = model._meta.model_name
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (
                        reverse(f"admin:goals_{name}_history", args=[r.id]),
                        f"{r.get_history_type_display()}: {r.instance}",
                    )
                    for r in records[:RECENT_IMPORTED_ROWS]
                ),
            )
            more = (
                _(" … og %(count)s flere") % {"count": total - RECENT_IMPORTED_ROWS}
                if total > RECENT_IMPORTED_ROWS
                else ""
            )
            items.append(
                (model._meta.verbose_name_plural.capitalize(), total, links, more)
            )
        if not items:
            return _("Ingen rækker.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{} ({}): {}{}</li>", items),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/fortryd/",
                self.admin_site.admin_view(self.undo_view),
                name="goals_importevent_undo",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        event = self.get_object(request, object_id)
        extra_context["may_undo"] = event is not None and self.may_undo(request, event)
        return super().change_view(request, object_id, form_url, extra_context)

    def undo_view(self, request, object_id):
        """A confirmation page; its POST undoes the import."""
        if not str(object_id).isdigit():
            raise PermissionDenied
        self._check_object_id(object_id)  # a number beyond the column: 404
        event = get_object_or_404(ImportEvent, pk=object_id)
        if not self.has_view_permission(request, event):
            raise PermissionDenied
        change_url = reverse("admin:goals_importevent_change", args=[event.pk])
        if event.undone_at is not None:
            messages.error(request, _("Importen er allerede fortrudt."))
            return HttpResponseRedirect(change_url)
        if not self.may_undo(request, event):
            raise PermissionDenied
        if request.method == "POST":
            change = Change.from_request(
                request,
                Channel.ADMIN,
                reason=_("Fortryd import af %(file)s") % {"file": event.file_name},
                source=event.file_name,
            )
            try:
                actions.undo_import(change, event)
            except actions.UndoRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(
                    request,
                    _(
                        "Importen af %(file)s er fortrudt: tallene er, som de var "
                        "før importen."
                    )
                    % {"file": event.file_name},
                )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Fortryd import"),
            "event": event,
            "opts": self.opts,
            "change_url": change_url,
        }
        return TemplateResponse(
            request, "admin/goals/importevent/undo_confirmation.html", context
        )
