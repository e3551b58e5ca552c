"""``render_markdown``: curators' Markdown as safe HTML.

Markdown is rendered first, then the HTML is cleaned with an allow-list, so raw
HTML, scripts, styles, images and links to anything but web and mail addresses
never reach the page. Any app can use it: ``{% load rich_text %}``.
"""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "br",
}
# "*" empty: no attribute on any other tag (nh3 otherwise keeps lang and title).
ALLOWED_ATTRIBUTES = {"a": {"href"}, "*": set()}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


@register.filter(is_safe=True)
def render_markdown(text):
    if not text:
        return ""
    html = markdown_lib.markdown(str(text), extensions=["sane_lists"])
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 with an allow-list
