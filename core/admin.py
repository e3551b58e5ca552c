"""``SafeAdminMixin``: defaults every model admin and inline should have
(methods is the lowest app, so every app's admin can import it).

Put it first: ``class OfferAdmin(SafeAdminMixin, admin.ModelAdmin)``, and on
inlines: ``class SourceInline(SafeAdminMixin, admin.TabularInline)``. It

- gives URL fields ``assume_scheme="https"`` (Django 6's default; without it
  Django 5.2 warns on every form with a URL field, and the test settings turn
  that warning into a server error);
- closes two Django gaps that turn a forged request into a server error instead
  of the form's own "Vælg et gyldigt valg" message: the autocomplete widgets look
  up the submitted values again when a form with errors is shown, and a value that
  is not a key (``abc``) makes that lookup raise; a many-to-many field looks up
  out-of-range numbers (``9999…9``), which the database driver refuses. Such
  values are dropped or refused before any lookup;
- keeps NUL bytes, which PostgreSQL refuses in any text (a server error), out
  of queries: a list filter value with one is treated like any other invalid
  filter (back to the unfiltered list, as Django does), and they are removed from
  search terms (the list's search box and the autocomplete widgets);
- bounds a list filter on a relation (``BoundedRelatedFieldListFilter``): with
  more than ``core.filters.MAX_CHOICES`` items (4,000 offers as a goal's
  responsible offers) it offers only the chosen one instead of loading and
  listing them all on every page of the list;
- shows 50 rows a page of a list, not 100 (rendering the rows is what a list
  spends its time on).
"""

import contextvars
import json

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets, get_fields_from_path, unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from . import actions as core_actions
from .actions import REASON_LENGTH, Change, Channel, recorded
from .filters import MAX_CHOICES
from .history import field_changes
from .models import SiteContact, Synonym

MAX_BIGINT = 2**63 - 1

#: The name of the optional "why" field on a change form (see RecordedAdminMixin).
REASON_FIELD = "_change_reason"


class BoundedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A relation's list filter that lists its items while there are at most
    MAX_CHOICES of them; beyond that only the chosen one (reached from the
    item's own page, or the list's search), so the list never loads them all."""

    def field_choices(self, field, request, model_admin):
        related = field.remote_field.model._default_manager.all()
        limit = getattr(field, "get_limit_choices_to", dict)()
        if limit:
            related = related.complex_filter(limit)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            related = related.order_by(*ordering)
        rows = list(related[: MAX_CHOICES + 1])
        self.trimmed = len(rows) > MAX_CHOICES
        if self.trimmed:
            chosen = [v for v in self.lookup_val or () if str(v).isdigit()]
            rows = list(related.filter(pk__in=chosen)) if chosen else []
        return [(row.pk, str(row)) for row in rows]

    def has_output(self):
        # Trimmed, the chosen item alone is still shown (and can be cleared).
        if getattr(self, "trimmed", False):
            return bool(self.lookup_choices)
        return super().has_output()


#: The request whose change form is being shown, for the read-only links below.
_form_request = contextvars.ContextVar("admin_form_request", default=None)


def _readonly_link(self, remote_field, remote_obj):
    """A related object on a read-only form is a link only for a user who may
    open it; for anyone else its name, as text. Django 5.2 links it whatever
    the user may do (``AdminReadonlyField.get_admin_url``), which leaves a
    manager viewing an offer 22 links that each answer 403, and offers no hook
    with the request, so ``SafeAdminMixin`` hands the request here."""
    request = _form_request.get()
    site = getattr(self.model_admin, "admin_site", None)
    related_admin = site._registry.get(type(remote_obj)) if site else None
    if (
        request is None
        or related_admin is None
        or not related_admin.has_view_permission(request, remote_obj)
    ):
        return str(remote_obj)
    return _django_readonly_link(self, remote_field, remote_obj)


_django_readonly_link = helpers.AdminReadonlyField.get_admin_url
helpers.AdminReadonlyField.get_admin_url = _readonly_link


class InlineWithOwnAddText(helpers.InlineAdminFormSet):
    """An inline's “add another” in its own words (its ``add_another_text``):
    Django's Danish puts “en” and a capital before every name (“Tilføj endnu
    en Udgangspunkt”)."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = str(self.opts.add_another_text)
        return json.dumps(data)


class SafeAdminMixin:
    # Half Django's 100: a changelist's time is mostly rendering its rows
    # (about 3 ms a row of figures at 100x the content on this machine).
    list_per_page = 50

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        """Django's row checkbox, written out: rendered as a form widget
        through the template engine it took a quarter of a list's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )

    def get_list_filter(self, request):
        """A relation named in ``list_filter`` gets the bounded filter."""
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str):
                field = get_fields_from_path(self.model, item)[-1]
                if field.is_relation:
                    item = (item, BoundedRelatedFieldListFilter)
            filters.append(item)
        return filters

    def get_changelist_instance(self, request):
        # A date hierarchy or filter value Python cannot represent (a year of
        # 99999999999, an id beyond the column) is a bad address, not a crash:
        # the admin answers it as it does any wrong filter (?e=1).
        try:
            return super().get_changelist_instance(request)
        except (ValueError, OverflowError, ValidationError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_export_queryset(self, request):
        # django-import-export builds the changelist itself and lets a wrong
        # filter through as a server error: answered 400 here.
        try:
            return super().get_export_queryset(request)
        except (
            IncorrectLookupParameters,
            ValueError,
            OverflowError,
            ValidationError,
        ) as error:
            raise BadRequest(error) from error

    def history_view(self, request, object_id, extra_context=None):
        # simple-history looks the object up with the raw key from the address.
        self._check_object_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history takes any text as the version's id, and the query
        # then fails on it: only a number that fits the column is looked up.
        self._check_object_id(object_id)
        if not version_id.isdigit() or int(version_id) > MAX_BIGINT:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for admin_formset in admin_formsets:
            if getattr(admin_formset.opts, "add_another_text", None):
                admin_formset.__class__ = InlineWithOwnAddText
        return admin_formsets

    def changeform_view(self, request, *args, **kwargs):
        token = _form_request.set(request)
        try:
            response = super().changeform_view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # the links are made while rendering
            return response
        finally:
            _form_request.reset(token)

    def _check_object_id(self, object_id):
        """404 for a key the primary key column could not hold."""
        try:
            value = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        if isinstance(value, int) and not -MAX_BIGINT <= value <= MAX_BIGINT:
            raise Http404

    def changelist_view(self, request, extra_context=None):
        if any(
            "\x00" in value for _key, values in request.GET.lists() for value in values
        ):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        search_term = search_term.replace("\x00", "")
        return super().get_search_results(request, queryset, search_term)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a key that could not exist (wrong type, beyond the column's
    range) as an invalid choice, before the database is asked: a forged id such
    as 30 nines would otherwise overflow the query and answer 500."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            self.reject_impossible_keys(self.prepare_value(value))
        return super().clean(value)

    def reject_impossible_keys(self, values):
        opts = self.queryset.model._meta
        key_field = opts.get_field(self.to_field_name or opts.pk.name)
        for item in values:
            if not is_valid_key(key_field, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )


def is_valid_key(key_field, value):
    """Whether ``value`` could be a value of ``key_field`` (type and range)."""
    try:
        key = key_field.to_python(value)
        key_field.run_validators(key)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


class _ValidKeysOnly:
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        opts = remote.model._meta
        key_field = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        valid = [item for item in value if is_valid_key(key_field, item)]
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(_ValidKeysOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidKeysOnly, AutocompleteSelectMultiple):
    pass


class RecordedAdminMixin:
    """Every write the admin makes is one recorded action (core/actions.py):
    adding, changing and deleting an object with its inlines, the list's bulk
    actions and editable columns, and saving an old version back from its
    history. The history rows it writes carry the user, the channel "admin"
    and the reason typed in the form's ``_change_reason`` field, if any; the
    app's content is announced changed once the transaction commits.

    The change form of an existing object gets that optional field, "Årsag til
    ændringen", for users who may change the object. The history page
    (django-simple-history's) lists each version's channel and reason too.

    Put it before ``SafeAdminMixin`` and set ``write_actions`` to the app's
    ``actions`` module: saving and deleting call its ``save``, ``save_related``,
    ``delete`` and ``delete_many``, which join this action."""

    object_history_list_template = "core/admin/object_history_list.html"
    write_actions = None

    def save_model(self, request, obj, form, change):
        self.write_actions.save(self.admin_change(request), obj)

    def save_related(self, request, form, formsets, change):
        self.write_actions.save_related(self.admin_change(request), form, formsets)

    def delete_model(self, request, obj):
        self.write_actions.delete(self.admin_change(request), obj)

    def delete_queryset(self, request, queryset):
        self.write_actions.delete_many(self.admin_change(request), queryset)

    def admin_change(self, request, *, reason=""):
        reason = reason or request.POST.get(REASON_FIELD, "")
        return Change.from_request(request, Channel.ADMIN, reason=reason)

    def _recorded(self, request, view, *args, reason="", **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        with recorded(self.admin_change(request, reason=reason), self.opts.app_label):
            return view(request, *args, **kwargs)

    def changeform_view(self, request, *args, **kwargs):
        return self._recorded(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._recorded(request, super().delete_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._recorded(request, super().changelist_view, *args, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's "save this old version back" page. Version
        # 3.13 saves a posted form for anyone who may view the history; saving
        # is changing (or, for a deleted object, adding) it.
        if request.method == "POST" and not self._may_restore(request, object_id):
            raise PermissionDenied
        return self._recorded(
            request,
            super().history_form_view,
            object_id,
            version_id,
            extra_context=extra_context,
            reason=self._restore_reason(request, version_id),
        )

    # The history page.

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        """Each change with its fields, old → new, as the pages show values
        (core.history.field_changes), against the object's own previous
        version: a page may list the versions of several objects."""
        for record in historical_records:
            record.history_delta_changes = field_changes(
                record, self.history_value_text
            )

    def history_value_text(self, record, field, value):
        """A model admin's own text for a value in its history, or None."""
        return None

    # The optional "why" field on the change form.

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self._asks_reason(request, obj):
            return super().get_form(request, obj, change=change, **kwargs)
        if "fields" not in kwargs:  # as Django does, but the reason is no model field
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            kwargs["fields"] = [f for f in kwargs["fields"] if f != REASON_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {REASON_FIELD: reason_field()})

    def get_fields(self, request, obj=None):
        # The reason has its own fieldset (get_fieldsets), last on the page.
        return [f for f in super().get_fields(request, obj) if f != REASON_FIELD]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self._asks_reason(request, obj):
            fieldsets.append((_("Ændringen"), {"fields": [REASON_FIELD]}))
        return fieldsets

    def _asks_reason(self, request, obj):
        return obj is not None and self.has_change_permission(request, obj)

    # Restoring from history.

    def _may_restore(self, request, object_id):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, current)

    def _restore_reason(self, request, version_id):
        typed = " ".join(request.POST.get(REASON_FIELD, "").split())
        manager = getattr(self.model, self.opts.simple_history_manager_attribute)
        version = (
            manager.filter(history_id=version_id).first()
            if is_valid_key(manager.model._meta.pk, version_id)
            else None
        )
        if version is None:
            reason = _("Gendannet fra en tidligere version")
        else:
            reason = _("Gendannet fra versionen af %(date)s") % {
                "date": date_format(
                    localtime(version.history_date), "SHORT_DATETIME_FORMAT"
                )
            }
        return f"{reason}: {typed}" if typed else reason


def reason_field():
    return forms.CharField(
        label=_("Årsag til ændringen"),
        max_length=REASON_LENGTH,
        required=False,
        help_text=_(
            "Valgfri. Vises i historikken, fx “Ny leder” eller “Rettet efter "
            "opringning fra tilbuddet”."
        ),
    )


#: The fields of core.models.SourcedModel a curator types, and those the admin
#: fills in for a curator's own addition.
SOURCE_FIELDS = ["source_document", "source_section", "source_page"]
CURATOR_FIELDS = ["source_added_by", "source_added_on"]


def stamp_curator_source(request, instance):
    """A fact with no source document, saved in the admin, is the curator's own
    addition: record who added it and when (core.models.SourcedModel)."""
    if not hasattr(instance, "source_added_by"):
        return
    if instance.source_document or instance.source_added_by:
        return
    user = request.user
    instance.source_added_by = (user.get_full_name() or user.get_username())[:200]
    instance.source_added_on = timezone.localdate()


class SourcedAdminMixin:
    """Stamps curators' additions (``stamp_curator_source``) on the object and on
    the rows of its inlines before they are saved. Put it first."""

    def save_model(self, request, obj, form, change):
        stamp_curator_source(request, obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            for inline_form in formset.forms:
                if inline_form.has_changed() and not formset._should_delete_form(
                    inline_form
                ):
                    stamp_curator_source(request, inline_form.instance)
        super().save_related(request, form, formsets, change)


class SiteContactAdmin(RecordedAdminMixin, SafeAdminMixin, SimpleHistoryAdmin):
    """One row: curators fill it in, nobody deletes it."""

    write_actions = core_actions

    list_display = ["__str__", "phone", "email"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteContact.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(SiteContact, SiteContactAdmin)


@admin.register(Synonym)
class SynonymAdmin(RecordedAdminMixin, SafeAdminMixin, SimpleHistoryAdmin):
    """The search's synonyms (core/search.py expands a query with them), written
    through the kernel's actions: each change in the history with who and why.
    A saved or deleted synonym empties the synonym cache (core/apps.py)."""

    write_actions = core_actions

    list_display = ["word", "synonyms"]
    search_fields = ["word", "synonyms"]
