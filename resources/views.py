from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from core.templatetags.fragments import prefetch_once
from core.views import FilteredListView

from . import selectors
from .downloads import serve_private_file
from .filters import KnowledgeSourceFilter, ResourceFilter
from .models import Resource
from .templatetags.resource_files import safe_extension


class ResourceListView(FilteredListView):
    filterset_class = ResourceFilter
    template_name = "resources/resource/index.html"
    results_template_name = "resources/resource/_results.html"
    context_object_name = "resources"

    def get_queryset(self):
        return selectors.resource_list(self.request.user)


class ResourceDetailView(DetailView):
    template_name = "resources/resource/detail.html"
    context_object_name = "resource"

    def get_queryset(self):
        return selectors.resource_page(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["prepare_fragments"] = prefetch_once(
            self.object, *selectors.resource_fragment_prefetches(self.request.user)
        )
        return context


@require_safe
def download(request, slug):
    """The uploaded file, to those who may see the resource; 404 to everyone else."""
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user).exclude(file=""), slug=slug
    )
    extension = safe_extension(resource.file.name)
    # Named from the slug, so plain ASCII whatever the uploaded name was.
    filename = f"{resource.slug}.{extension}" if extension else resource.slug
    return serve_private_file(resource, filename=filename)


class KnowledgeSourceListView(FilteredListView):
    filterset_class = KnowledgeSourceFilter
    template_name = "resources/knowledgesource/index.html"
    context_object_name = "sources"

    def get_queryset(self):
        return selectors.knowledge_source_list(self.request.user)


class KnowledgeSourceDetailView(DetailView):
    template_name = "resources/knowledgesource/detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return selectors.knowledge_source_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_resources"] = selectors.latest_resources(
            self.object, self.request.user
        )
        return context
