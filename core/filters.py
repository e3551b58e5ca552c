"""The filter pieces every list page shares.

Each list page has one FilterSet. Visibility is not a filter: the view hands the
FilterSet a queryset that is already restricted to what the visitor may see.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .relations import contributed_filters

MAX_QUERY_LENGTH = 200
# A choice among more than this many (offers, methods) is no help in a select,
# and would weigh hundreds of kilobytes at a hundred times today's content. Such
# a filter is then shown only while it is in use (reached from the chosen
# item's own page), with just that choice.
MAX_CHOICES = 100

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


class SlugModelChoiceField(django_filters.fields.ModelChoiceField):
    """A choice addressed by slug that never sends a malformed value to the
    database (PostgreSQL refuses text with NUL bytes with an error, not a miss)."""

    def __init__(self, *args, label_from_instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label_from_instance is not None:
            self.label_from_instance = label_from_instance

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not _SLUG.fullmatch(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """Choose one object by its slug, so filtered lists have readable URLs."""

    field_class = SlugModelChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", _("Alle"))
        super().__init__(*args, **kwargs)


class TextQueryFilter(django_filters.CharFilter):
    """``q``: narrowed by the app's own search (``matcher``, the same rule as site
    search: Danish full-text on PostgreSQL), or, for models site search does not
    cover, every word must occur, case-insensitively, in one of ``fields``."""

    def __init__(self, *, fields=(), matcher=None, **kwargs):
        self.search_fields = fields
        self.matcher = matcher
        kwargs.setdefault("label", _("Søg"))
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("widget", forms.SearchInput)
        kwargs.setdefault(
            "error_messages",
            {
                "max_length": _(
                    "Søgeteksten er for lang. Skriv højst %(limit_value)d tegn."
                ),
            },
        )
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if self.matcher is not None:
            return self.matcher(qs, value) if value and value.strip() else qs
        for word in (value or "").split():
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            qs = qs.filter(condition)
        return qs


class PortalFilterSet(django_filters.FilterSet):
    """A FilterSet whose form is styled and accessible the way the site expects."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_contributed_filters()

    def _add_contributed_filters(self):
        """Filters upper apps add to this model's lists (core/relations.py)."""
        filters = list(self.filters.items())
        for name, filter_, before in contributed_filters(self._meta.model):
            filter_.model = self.queryset.model
            filter_.parent = self
            position = next(
                (i for i, (key, _f) in enumerate(filters) if key == before),
                len(filters),
            )
            filters.insert(position, (name, filter_))
        self.filters = dict(filters)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            self._bound_choices(form)
            for name, field in form.fields.items():
                _style_widget(field.widget)
                if self.is_bound and name in form.errors:
                    field.widget.attrs["aria-describedby"] = f"id_{name}-error"
        return self._form

    def _bound_choices(self, form):
        """Fetch each slug choice's options once, at most MAX_CHOICES of them
        (plus the chosen one): one query per filter, whatever the data."""
        for name, field in list(form.fields.items()):
            if not isinstance(field, SlugModelChoiceField):
                continue
            key = field.to_field_name or "pk"
            value = form.data.get(name) if self.is_bound else None
            if not isinstance(value, str) or not _SLUG.fullmatch(value):
                value = None
            queryset = field.queryset
            condition = Q(pk__in=queryset.values("pk")[: MAX_CHOICES + 1])
            if value:
                condition |= Q(**{key: value})
            rows = list(queryset.filter(condition))
            if len(rows) > MAX_CHOICES:
                rows = [row for row in rows if getattr(row, key) == value]
                if not rows:
                    del form.fields[name]
                    continue
            empty = [] if field.empty_label is None else [("", field.empty_label)]
            # On the widget: the field keeps its queryset to check the value.
            field.widget.choices = empty + [
                (getattr(row, key), field.label_from_instance(row)) for row in rows
            ]


def requester(request):
    """Whose eyes a choice list is for: a FilterSet built without a request
    offers what everyone may see."""
    return getattr(request, "user", None)


def name_with_parent(item):
    """A choice's label: sub-items share names ("Medicinsk behandling"), so a
    public parent's name tells them apart."""
    parent = item.parent if item.parent_id else None
    if parent is not None and parent.is_public:
        return f"{item.name} ({parent.name})"
    return item.name


def _style_widget(widget):
    css_class = "form-select" if isinstance(widget, forms.Select) else "form-input"
    widget.attrs["class"] = css_class
