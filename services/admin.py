from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    CURATOR_FIELDS,
    RecordedAdminMixin,
    SafeAdminMixin,
    SourcedAdminMixin,
)
from core.formats import format_amount, format_number
from core.verification import OverdueFilter, VerificationAdminMixin

from . import actions
from .models import (
    KeyFigure,
    LegalBasis,
    Location,
    Offer,
    OfferKind,
    OfferMethod,
    OpeningHours,
    Organisation,
    UrgentHelp,
)


class MissingContactFilter(admin.SimpleListFilter):
    """“Mangler kontaktoplysninger”: offers a citizen cannot call or write to
    directly (no phone and no e-mail of their own); their page borrows the
    organisation's or the site's."""

    title = _("mangler kontaktoplysninger")
    parameter_name = "mangler_kontakt"

    def lookups(self, request, model_admin):
        return [("ja", _("Ja")), ("nej", _("Nej"))]

    def queryset(self, request, queryset):
        missing = Q(phone="") & Q(email="")
        if self.value() == "ja":
            return queryset.filter(missing)
        if self.value() == "nej":
            return queryset.exclude(missing)
        return queryset


class ServicesAdmin(
    SourcedAdminMixin, RecordedAdminMixin, SafeAdminMixin, SimpleHistoryAdmin
):
    """Writes through the app's actions; change history with restore."""

    write_actions = actions


@admin.register(Organisation)
class OrganisationAdmin(ServicesAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(LegalBasis)
class LegalBasisAdmin(ServicesAdmin):
    list_display = ["code", "law", "title"]
    list_filter = ["law"]
    search_fields = ["code", "title", "explanation"]


@admin.register(OfferKind)
class OfferKindAdmin(ServicesAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class LocationInline(SafeAdminMixin, admin.StackedInline):
    model = Location
    extra = 0
    show_change_link = True


class OfferMethodInline(SafeAdminMixin, admin.TabularInline):
    model = OfferMethod
    extra = 0
    autocomplete_fields = ["method"]
    exclude = CURATOR_FIELDS


class KeyFigureInline(SafeAdminMixin, admin.TabularInline):
    model = KeyFigure
    extra = 0
    exclude = CURATOR_FIELDS


class SubOfferInline(SafeAdminMixin, admin.TabularInline):
    model = Offer
    fk_name = "parent"
    fields = ["name", "kind", "access", "status"]
    extra = 0
    show_change_link = True


@admin.register(Offer)
class OfferAdmin(VerificationAdminMixin, ServicesAdmin):
    list_display = [
        "name",
        "kind",
        "owner",
        "legal_basis",
        "access",
        "status",
        "verification",
    ]
    list_filter = [
        OverdueFilter,
        MissingContactFilter,
        "status",
        "access",
        "operator",
        "kind",
        "legal_basis",
        "target_groups",
        "owner",
    ]
    search_fields = ["name", "summary", "locations__street"]
    list_select_related = ["kind", "owner", "legal_basis", "last_verified_by"]
    autocomplete_fields = [
        "kind",
        "owner",
        "parent",
        "legal_basis",
        "other_legal_bases",
        "target_groups",
    ]
    inlines = [LocationInline, OfferMethodInline, KeyFigureInline, SubOfferInline]
    # Set by the "Bekræft oplysningerne" action, not typed.
    readonly_fields = ["last_verified_on", "last_verified_by", *CURATOR_FIELDS]
    actions = ["verify"]


class OpeningHoursInline(SafeAdminMixin, admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Location)
class LocationAdmin(ServicesAdmin):
    """Addresses are edited with their offer; here for opening hours."""

    list_display = ["__str__", "offer", "name"]
    search_fields = ["street", "city", "name", "offer__name"]
    list_select_related = ["offer"]
    # By the offer's key, not its name (a join and a sort of every row).
    ordering = ["offer_id", "name", "street"]
    autocomplete_fields = ["offer"]
    inlines = [OpeningHoursInline]


@admin.register(KeyFigure)
class KeyFigureAdmin(ServicesAdmin):
    list_display = ["offer", "year", "citizens_served_column", "budget_column"]
    list_filter = ["year"]
    search_fields = ["offer__name"]
    list_select_related = ["offer"]
    # By the offer's key, not its name (a join and a sort of every row).
    ordering = ["offer_id", "-year"]
    autocomplete_fields = ["offer"]

    @admin.display(description=_("antal borgere"), ordering="citizens_served")
    def citizens_served_column(self, figure):
        return format_number(figure.citizens_served)

    @admin.display(description=_("budget"), ordering="budget")
    def budget_column(self, figure):
        return format_amount(figure.budget)


@admin.register(UrgentHelp)
class UrgentHelpAdmin(ServicesAdmin):
    """“Akut hjælp” on the home page and the offer list, in this order."""

    list_display = ["title", "applies_when", "phone", "offer", "status", "order"]
    list_editable = ["order"]
    list_filter = ["status"]
    search_fields = ["title", "applies_when", "keywords"]
    list_select_related = ["offer"]
    autocomplete_fields = ["offer"]
