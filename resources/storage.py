"""Where uploaded library files live: outside the public media folder.

Files are never served from a public URL; every download goes through
``resources:download``, which checks who may see the resource.
"""

import os
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from core.text import danish_slugify


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read at each use, with no public URL."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; use the download view.")


private_storage = PrivateStorage()


def get_private_storage():
    return private_storage


def upload_path(instance, filename):
    """A safe stored name: no path, transliterated stem, a random folder."""
    name = PurePath(filename.replace("\\", "/")).name
    stem, _dot, suffix = name.rpartition(".")
    safe_stem = danish_slugify(stem or suffix)[:80] or "fil"
    safe_suffix = danish_slugify(suffix)[:10] if stem else ""
    safe_name = f"{safe_stem}.{safe_suffix}" if safe_suffix else safe_stem
    return f"materialer/{uuid.uuid4().hex}/{safe_name}"
