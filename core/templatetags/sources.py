"""The line under a fact that says where it comes from: ``{% source_line obj %}``."""

from django import template

register = template.Library()


@register.inclusion_tag("core/source_line.html")
def source_line(item):
    """“Kilde: Aftale 2019-2020, afsnit 3.1, s. 12”, or who added it and when."""
    return {
        "text": getattr(item, "source_text", ""),
        "added_by": getattr(item, "source_added_by", ""),
        "added_on": getattr(item, "source_added_on", None),
    }
