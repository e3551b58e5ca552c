"""What a reader needs to know before opening a resource: its file type and size.

``{% resource_file resource as file %}`` gives ``file.type`` ("PDF", "DOCX"; empty
for a web page), ``file.size`` in bytes (uploaded files only; None if unknown)
and ``file.is_upload``.
"""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django import template

register = template.Library()

# Extensions that name a document type; anything else (.html, .aspx, none)
# is a web page.
DOCUMENT_TYPES = {
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "ods",
    "csv",
    "ppt",
    "pptx",
    "odp",
    "zip",
    "png",
    "jpg",
    "jpeg",
    "mp3",
    "mp4",
}
_EXTENSION = re.compile(r"[a-z0-9]{1,10}")


@dataclass(frozen=True)
class FileFacts:
    type: str = ""
    size: int | None = None
    is_upload: bool = False
    host: str = ""


@register.simple_tag
def resource_file(resource):
    if resource.file:
        return FileFacts(
            type=file_type(resource.file.name),
            size=_stored_size(resource.file),
            is_upload=True,
        )
    if resource.url:
        return FileFacts(type=url_file_type(resource.url), host=url_host(resource.url))
    return FileFacts()


@register.simple_tag
def card_facts(resource, file):
    """The short facts on a resource's card: year, publisher, file type."""
    publisher = resource.publisher or (resource.source.name if resource.source else "")
    return [str(fact) for fact in (resource.year, publisher, file.type) if fact]


def file_type(name):
    """The upper-cased extension of a file name: "rapport.pdf" gives "PDF"."""
    extension = safe_extension(name)
    return extension.upper()


def url_file_type(url):
    """The document type an address points to, or "" for a web page."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    extension = safe_extension(path)
    return extension.upper() if extension in DOCUMENT_TYPES else ""


def url_host(url):
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def safe_extension(name):
    """The lower-cased extension, if it is plain letters and digits, else ""."""
    extension = PurePosixPath(str(name)).suffix.lstrip(".").lower()
    return extension if _EXTENSION.fullmatch(extension) else ""


def _stored_size(field_file):
    try:
        return field_file.size
    except (OSError, ValueError):
        return None
