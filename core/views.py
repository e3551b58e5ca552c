"""The list page every app's catalogue uses: a FilterSet, a GET form, pages of 20.

A list page never fails on what is typed into its address:
- an unknown or malformed filter value is shown as an error in the filter form,
  and the list is shown without that one filter (the others still apply);
- a page number that is not a number, or past the end, falls back to the first
  or the last page, with a note saying so.
"""

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_filters.views import FilterView

from .relations import contributed_filter_names
from .templatetags.fragments import read_part, store_part

PAGE_SIZE = 20


class FilteredListView(FilterView):
    """With ``results_template_name``, the filter form, the results and the
    pagination (everything the address's filters and page decide) are one part
    of the page, kept like a ``{% fragment %}``: by the filters and page asked
    for, the visibility level, the language and the content version. Staff,
    whose pages are never served from the page cache, then share it too; a hit
    costs no filter form, count or page of results. The page template shows it
    as ``list_body``."""

    paginate_by = PAGE_SIZE
    # Not strict: an invalid value drops that filter instead of emptying the list.
    strict = False
    results_template_name = None

    def get(self, request, *args, **kwargs):
        self.list_query = list_query(request.GET, self.filterset_class)
        if self.results_template_name:
            stored = read_part(request, self._results_parts())
            if stored is not None:
                self.object_list = None
                return self.render_to_response(self.get_page_context(stored))
        return super().get(request, *args, **kwargs)

    def get_page_context(self, list_body):
        """The page around a stored ``list_body``: only what is outside it."""
        return {"view": self, "list_body": list_body, **self.get_surrounding_data()}

    def get_surrounding_data(self):
        """What the page shows outside the results (both ways of rendering)."""
        return {}

    def render_to_response(self, context, **response_kwargs):
        if self.results_template_name and "list_body" not in context:
            body = render_to_string(self.results_template_name, context, self.request)
            store_part(self.request, self._results_parts(), body)
            context["list_body"] = body
        return super().render_to_response(context, **response_kwargs)

    def _results_parts(self):
        return ["results", self.request.path, self.list_query.urlencode()]

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        requested = self.request.GET.get(self.page_kwarg, "")
        page = paginator.get_page(requested)
        self.page_notice = _page_notice(requested, page)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_notice"] = getattr(self, "page_notice", "")
        page = context.get("page_obj")
        if page is not None:
            context["page_range"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            )
        context["filter_errors"] = self.filterset.is_bound and bool(
            self.filterset.errors
        )
        context["active_filter_count"] = active_filter_count(self.filterset)
        # Pagination links and "Nulstil" from the filters and page alone: the
        # results part is kept for everyone asking with the same ones.
        context["list_query"] = self.list_query
        context.update(self.get_surrounding_data())
        return context


def list_query(data, filterset_class):
    """The filters and page of a list's address, and nothing else: in a fixed
    order, without empty values or parameters the list does not read (a
    tracking tag, a cache buster), so addresses that ask for the same list name
    the same stored results and the same page links."""
    names = {
        *filterset_class.base_filters,
        *contributed_filter_names(filterset_class._meta.model),
        "page",
    }
    query = QueryDict(mutable=True)
    for name in sorted(names & set(data)):
        values = [value for value in data.getlist(name) if value.strip()]
        if values:
            query.setlist(name, values)
    return query


def active_filter_count(filterset):
    """How many of the list's filters the visitor has set: the number on the
    button that opens the filters on a phone."""
    if not filterset.is_bound:
        return 0
    return sum(
        1
        for name in filterset.filters
        if any(value.strip() for value in filterset.data.getlist(name))
    )


def _page_notice(requested, page):
    """A Danish note when the page shown is not the page asked for."""
    if requested in ("", None):
        return ""
    try:
        asked = int(requested)
    except (TypeError, ValueError):
        asked = None
    if asked == page.number:
        return ""
    if asked is not None and asked > page.number:
        return _("Siden findes ikke. Du ser den sidste side, side %(number)d.") % {
            "number": page.number
        }
    return _("Siden findes ikke. Du ser side %(number)d.") % {"number": page.number}
