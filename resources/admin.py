from pathlib import PurePosixPath

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from core.admin import RecordedAdminMixin, SafeAdminMixin, is_valid_key

from . import actions
from .downloads import serve_private_file
from .models import KnowledgeSource, Resource
from .validators import SIGNATURES

#: Where django-simple-history puts the history row on an old version's object.
HISTORY_VERSION_ATTRIBUTE = SIMPLE_HISTORY_REVERSE_ATTR_NAME


class PrivateFileWidget(AdminFileWidget):
    """The admin's file input for files in private storage.

    The stock widget links to ``file.url``, which private files do not have; this
    one links to the download view, which checks access like every other path.
    """

    template_name = "resources/widgets/private_file_input.html"
    download_url = ""

    def __init__(self, attrs=None):
        accept = ",".join(f".{extension}" for extension in sorted(SIGNATURES))
        super().__init__({"accept": accept, **(attrs or {})})

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["filename"] = PurePosixPath(value.name).name
            context["widget"]["download_url"] = self.download_url
        return context


class ResourceAdminForm(forms.ModelForm):
    """Upload checks (type by extension and content, size) are the model field's
    validators, so a rejected file is a form error here and nothing is saved.
    No Meta: the admin builds the fields (with its widgets) from this base."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["file"].widget if "file" in self.fields else None
        if not isinstance(widget, PrivateFileWidget) or not self.instance.pk:
            return
        # An old version's form (the history) links to that version's file,
        # which may no longer be the resource's.
        version = getattr(self.instance, HISTORY_VERSION_ATTRIBUTE, None)
        if version is not None:
            widget.download_url = reverse(
                "admin:resources_resource_version_file",
                args=[self.instance.pk, version.history_id],
            )
        else:
            widget.download_url = reverse(
                "admin:resources_resource_file", args=[self.instance.pk]
            )


class ResourcesAdmin(RecordedAdminMixin, SafeAdminMixin, SimpleHistoryAdmin):
    """Writes through the app's actions; change history with restore."""

    write_actions = actions


@admin.register(KnowledgeSource)
class KnowledgeSourceAdmin(ResourcesAdmin):
    list_display = ["name", "kind", "url"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "publishes"]


@admin.register(Resource)
class ResourceAdmin(ResourcesAdmin):
    form = ResourceAdminForm
    formfield_overrides = {models.FileField: {"widget": PrivateFileWidget}}
    list_display = ["title", "kind", "visibility", "year", "source", "last_reviewed_on"]
    list_filter = ["visibility", "kind", "source", "year", "methods"]
    search_fields = ["title", "authors", "summary"]
    list_select_related = ["source"]
    autocomplete_fields = ["source", "methods", "offers"]
    date_hierarchy = "created_at"

    def get_urls(self):
        return [
            # Before the plain file's address: <path:> would take it too.
            path(
                "<path:object_id>/historik/<str:version_id>/fil/",
                self.admin_site.admin_view(self.version_file_view),
                name="resources_resource_version_file",
            ),
            path(
                "<path:object_id>/fil/",
                self.admin_site.admin_view(self.file_view),
                name="resources_resource_file",
            ),
            *super().get_urls(),
        ]

    def file_view(self, request, object_id):
        """The uploaded file for curators, drafts included (the public download
        view shows drafts to nobody)."""
        resource = self.get_object(request, unquote(object_id))
        if resource is None:
            raise Http404
        if not self.has_view_or_change_permission(request, resource):
            raise PermissionDenied
        return serve_private_file(resource)

    def version_file_view(self, request, object_id, version_id):
        """An old version's file, for those who may see the resource's history:
        a replaced file is kept while a version refers to it (core/uploads.py),
        and this is the only page that serves it."""
        versions = self.model.history.model._base_manager
        key = versions.model._meta.pk
        resource_key = versions.model._meta.get_field("id")
        object_id = unquote(object_id)
        if not is_valid_key(key, version_id) or not is_valid_key(
            resource_key, object_id
        ):
            raise Http404
        version = versions.filter(history_id=version_id, id=object_id).first()
        if version is None:
            raise Http404
        resource = version.instance
        if not self.has_view_history_or_change_history_permission(request, resource):
            raise PermissionDenied
        return serve_private_file(resource)
