from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import SafeAdminMixin
from core.formats import format_amount, format_number

from .models import (
    KeyFigure,
    LegalBasis,
    Location,
    Offer,
    OfferKind,
    OfferMethod,
    OpeningHours,
    Organisation,
)


@admin.register(Organisation)
class OrganisationAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(LegalBasis)
class LegalBasisAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["code", "law", "title"]
    list_filter = ["law"]
    search_fields = ["code", "title", "explanation"]


@admin.register(OfferKind)
class OfferKindAdmin(SafeAdminMixin, admin.ModelAdmin):
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


class KeyFigureInline(SafeAdminMixin, admin.TabularInline):
    model = KeyFigure
    extra = 0


class SubOfferInline(SafeAdminMixin, admin.TabularInline):
    model = Offer
    fk_name = "parent"
    fields = ["name", "kind", "access", "status"]
    extra = 0
    show_change_link = True


@admin.register(Offer)
class OfferAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "owner",
        "legal_basis",
        "access",
        "status",
        "last_verified_on",
    ]
    list_filter = [
        "status",
        "access",
        "operator",
        "kind",
        "legal_basis",
        "target_groups",
        "owner",
    ]
    search_fields = ["name", "summary", "locations__street"]
    list_select_related = ["kind", "owner", "legal_basis"]
    autocomplete_fields = [
        "kind",
        "owner",
        "parent",
        "legal_basis",
        "other_legal_bases",
        "target_groups",
    ]
    inlines = [LocationInline, OfferMethodInline, KeyFigureInline, SubOfferInline]


class OpeningHoursInline(SafeAdminMixin, admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Location)
class LocationAdmin(SafeAdminMixin, admin.ModelAdmin):
    """Addresses are edited with their offer; here for opening hours."""

    list_display = ["__str__", "offer", "name"]
    search_fields = ["street", "city", "name", "offer__name"]
    list_select_related = ["offer"]
    autocomplete_fields = ["offer"]
    inlines = [OpeningHoursInline]


@admin.register(KeyFigure)
class KeyFigureAdmin(SafeAdminMixin, admin.ModelAdmin):
    list_display = ["offer", "year", "citizens_served_column", "budget_column"]
    list_filter = ["year"]
    search_fields = ["offer__name"]
    list_select_related = ["offer"]
    autocomplete_fields = ["offer"]

    @admin.display(description=_("antal borgere"), ordering="citizens_served")
    def citizens_served_column(self, figure):
        return format_number(figure.citizens_served)

    @admin.display(description=_("budget"), ordering="budget")
    def budget_column(self, figure):
        return format_amount(figure.budget)
