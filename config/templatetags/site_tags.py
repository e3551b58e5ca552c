"""Template tags for the site frame (base layout) and site search."""

from django import template
from django.utils.safestring import mark_safe

from config import completeness

register = template.Library()


@register.tag
def capture(parser, token):
    """Render the enclosed template into a variable, so a layout can test whether
    a block was filled before wrapping it:
    ``{% capture as name %}...{% endcapture %}``.
    Blocks inside keep working: ``{% extends %}`` finds them through ``nodelist``.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError(
            "Usage: {% capture as variable %}...{% endcapture %}"
        )
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The enclosed nodes were rendered with autoescaping, so the result is safe.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.simple_tag(takes_context=True)
def completeness_lines(context):
    """The completeness report's totals for the admin index; None for a user
    who may not open the report."""
    request = context.get("request")
    if request is None or not request.user.has_perm("services.view_offer"):
        return None
    return completeness.count_lines()


@register.simple_tag(takes_context=True)
def staff_links(context):
    """For a member of staff: the admin's address, and the change form of the
    object the page shows when they may change it (else ""). None for anyone
    else."""
    from django.contrib import admin
    from django.db import models
    from django.urls import reverse

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (user.is_active and user.is_staff):
        return None
    edit_url = ""
    obj = context.get("object")
    if isinstance(obj, models.Model):
        model_admin = admin.site._registry.get(type(obj))
        if model_admin is not None and model_admin.has_change_permission(request, obj):
            opts = obj._meta
            edit_url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
            )
    return {"admin_url": reverse("admin:index"), "edit_url": edit_url}
