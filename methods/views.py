from django.views.generic import DetailView, ListView

from core.templatetags.fragments import prefetch_once
from core.views import FilteredListView

from . import search, selectors
from .filters import MethodFilter
from .models import Rating


class MethodListView(FilteredListView):
    filterset_class = MethodFilter
    template_name = "methods/method/index.html"
    results_template_name = "methods/method/_results.html"
    context_object_name = "methods"

    def get_queryset(self):
        return selectors.method_list(self.request.user)


class MethodDetailView(DetailView):
    template_name = "methods/method/detail.html"
    context_object_name = "method"

    def get_queryset(self):
        return selectors.method_page(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["prepare_fragments"] = prefetch_once(
            self.object, *selectors.method_fragment_prefetches(self.request.user)
        )
        declaration = [
            {
                "dimension": dimension.label,
                "rating": rating,
                "rating_label": Rating(rating).label if rating else "",
                "reason": reason,
            }
            for dimension, rating, reason in self.object.knowledge_declaration()
        ]
        context["declaration"] = declaration
        context["has_reasons"] = any(item["reason"] for item in declaration)
        context["is_rated"] = any(item["rating"] for item in declaration)
        return context


class TalkListView(ListView):
    """“Oplæg og kurser”: every talk, course and training staff offer."""

    template_name = "methods/talk/index.html"
    context_object_name = "talks"

    def get_queryset(self):
        talks = selectors.talk_list(self.request.user)
        query = self.request.GET.get("q", "").strip()
        if query:
            talks = search.talk_matching(talks, query)
        return talks

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.request.GET.get("q", "").strip()
        return context


class TalkDetailView(DetailView):
    template_name = "methods/talk/detail.html"
    context_object_name = "talk"

    def get_queryset(self):
        return selectors.talk_detail(self.request.user)
