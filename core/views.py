"""The list page every app's catalogue uses: a FilterSet, a GET form, pages of 20.

A list page never fails on what is typed into its address:
- an unknown or malformed filter value is shown as an error in the filter form,
  and the list is shown without that one filter (the others still apply);
- a page number that is not a number, or past the end, falls back to the first
  or the last page, with a note saying so.
"""

from django.utils.translation import gettext as _
from django_filters.views import FilterView

PAGE_SIZE = 20


class FilteredListView(FilterView):
    paginate_by = PAGE_SIZE
    # Not strict: an invalid value drops that filter instead of emptying the list.
    strict = False

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
        return context


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
