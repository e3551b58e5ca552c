"""Checks on uploaded files: type by extension and by content, and size."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.archives import check_archive
from core.formats import format_file_size

# Extension → the first bytes a real file of that type starts with.
# Office Open XML (docx, pptx, xlsx) and OpenDocument (odt) are ZIP containers.
ZIP = (b"PK\x03\x04",)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "pptx": ZIP,
    "xlsx": ZIP,
    "odt": ZIP,
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
ZIP_MEMBERS = {
    "docx": b"word/",
    "pptx": b"ppt/",
    "xlsx": b"xl/",
    "odt": b"mimetypeapplication/vnd.oasis.opendocument.text",
}


def validate_upload(upload):
    """Check a new upload. A file already in storage was checked when it came in;
    re-reading it on every later save would fail if the file were missing."""
    if getattr(upload, "_committed", False):
        return
    extension = PurePath(upload.name.replace("\\", "/")).suffix.lower().lstrip(".")
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Filtypen .%(extension)s er ikke tilladt. Tilladt er: %(allowed)s.")
            % {"extension": extension or "?", "allowed": ", ".join(sorted(SIGNATURES))},
            code="extension",
        )
    limit = settings.MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("Filen er for stor (%(size)s). Den må højst fylde %(limit)s.")
            % {"size": format_file_size(upload.size), "limit": format_file_size(limit)},
            code="size",
        )
    # Before anything reads inside an Office file: a zip bomb stops here.
    check_archive(upload)
    if not _content_matches(upload, extension):
        raise ValidationError(
            _("Filens indhold svarer ikke til en .%(extension)s-fil.")
            % {"extension": extension},
            code="content",
        )


def _content_matches(upload, extension):
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(position)
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        return False
    member = ZIP_MEMBERS.get(extension)
    return member is None or _zip_contains(upload, member)


def _zip_contains(upload, marker):
    """Look for the member names that tell one Office format from another."""
    import zipfile

    position = upload.tell()
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if marker.startswith(b"mimetype"):
                return archive.read("mimetype") == marker[len(b"mimetype") :]
            prefix = marker.decode()
            return any(name.startswith(prefix) for name in names)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        upload.seek(position)
