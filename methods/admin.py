from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    CURATOR_FIELDS,
    RecordedAdminMixin,
    SafeAdminMixin,
    SourcedAdminMixin,
)
from core.verification import OverdueFilter, VerificationAdminMixin

from . import actions
from .models import (
    Method,
    MethodCategory,
    MethodPhase,
    MethodSource,
    Presenter,
    Talk,
    TalkMethod,
    TargetGroup,
)


class MethodsAdmin(
    SourcedAdminMixin, RecordedAdminMixin, SafeAdminMixin, SimpleHistoryAdmin
):
    """Writes through the app's actions; change history with restore."""

    write_actions = actions


@admin.register(TargetGroup)
class TargetGroupAdmin(MethodsAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(MethodCategory)
class MethodCategoryAdmin(MethodsAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MethodPhaseInline(SafeAdminMixin, admin.TabularInline):
    model = MethodPhase
    extra = 0


class MethodSourceInline(SafeAdminMixin, admin.TabularInline):
    model = MethodSource
    extra = 0


@admin.register(Method)
class MethodAdmin(VerificationAdminMixin, MethodsAdmin):
    list_display = [
        "name",
        "abbreviation",
        "category",
        "rating_effect",
        "status",
        "verification",
    ]
    list_filter = [
        OverdueFilter,
        "status",
        "category",
        "rating_effect",
        "target_groups",
    ]
    search_fields = ["name", "abbreviation", "summary"]
    list_select_related = ["category", "last_verified_by"]
    autocomplete_fields = ["category", "parent", "related_methods", "target_groups"]
    inlines = [MethodPhaseInline, MethodSourceInline]
    # Set by the "Bekræft oplysningerne" action, not typed.
    readonly_fields = ["last_verified_on", "last_verified_by"]
    actions = ["verify"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "abbreviation",
                    "slug",
                    "status",
                    "category",
                    "parent",
                ]
            },
        ),
        (
            _("Indhold"),
            {
                "fields": [
                    "summary",
                    "description",
                    "target_group",
                    "target_groups",
                    "intended_outcomes",
                    "core_elements",
                    "related_methods",
                ]
            },
        ),
        (
            _("Forløb og træning"),
            {
                "fields": [
                    "duration_months",
                    "duration_note",
                    "manual",
                    "fidelity_tool",
                    "training",
                    "training_provider",
                ]
            },
        ),
        (
            _("Vidensdeklaration"),
            {
                "description": _(
                    "Socialstyrelsens fem dimensioner, hver vurderet A–D. "
                    "Lad feltet stå tomt, indtil metoden er vurderet."
                ),
                "fields": [
                    ("rating_target_group", "reason_target_group"),
                    ("rating_method", "reason_method"),
                    ("rating_implementation", "reason_implementation"),
                    ("rating_effect", "reason_effect"),
                    ("rating_economy", "reason_economy"),
                    "declaration_reviewed_on",
                    "knowledge_portal_url",
                ],
            },
        ),
        (_("Gennemgang"), {"fields": ["last_verified_on", "last_verified_by"]}),
    ]


@admin.register(Presenter)
class PresenterAdmin(MethodsAdmin):
    list_display = ["name", "job_title"]
    search_fields = ["name", "job_title"]


class TalkMethodInline(SafeAdminMixin, admin.TabularInline):
    """The methods a talk draws on, each with its source, as an offer's are."""

    model = TalkMethod
    extra = 0
    autocomplete_fields = ["method"]
    exclude = CURATOR_FIELDS


@admin.register(Talk)
class TalkAdmin(MethodsAdmin):
    list_display = ["title", "kind"]
    list_filter = ["kind", "methods"]
    search_fields = ["title", "description", "presenters__name"]
    autocomplete_fields = ["presenters"]
    inlines = [TalkMethodInline]
