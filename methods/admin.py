from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.admin import RecordedAdminMixin, SafeAdminMixin
from core.verification import OverdueFilter, VerificationAdminMixin

from . import actions
from .models import (
    Method,
    MethodCategory,
    MethodPhase,
    MethodSource,
    Presenter,
    Talk,
    TargetGroup,
)


class MethodsAdmin(RecordedAdminMixin, SafeAdminMixin, SimpleHistoryAdmin):
    """Writes through the app's actions; change history with restore."""

    def save_model(self, request, obj, form, change):
        actions.save(self.admin_change(request), obj)

    def delete_model(self, request, obj):
        actions.delete(self.admin_change(request), obj)

    def delete_queryset(self, request, queryset):
        actions.delete_many(self.admin_change(request), queryset)


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
                ],
            },
        ),
        (_("Gennemgang"), {"fields": ["last_verified_on", "last_verified_by"]}),
    ]

    @admin.action(description=_("Bekræft oplysningerne"), permissions=["change"])
    def verify(self, request, queryset):
        count = actions.verify_methods(self.admin_change(request), queryset)
        self.message_user(
            request,
            ngettext(
                "Oplysningerne om %(count)d metode er bekræftet.",
                "Oplysningerne om %(count)d metoder er bekræftet.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Presenter)
class PresenterAdmin(MethodsAdmin):
    list_display = ["name", "job_title"]
    search_fields = ["name", "job_title"]


@admin.register(Talk)
class TalkAdmin(MethodsAdmin):
    list_display = ["title", "kind"]
    list_filter = ["kind", "methods"]
    search_fields = ["title", "description", "presenters__name"]
    autocomplete_fields = ["methods", "presenters"]
