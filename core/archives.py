"""Limits on ZIP-based files (docx, xlsx, pptx, odt, zip) before anything is
decompressed.

Office files are ZIP archives, and a small one can inflate to gigabytes (a
"zip bomb"): 0.5 MB of .odt took a server to 1.1 GB. ``check_archive`` reads
only the archive's central directory (names and declared sizes, no content)
and refuses an archive whose members together would exceed
``ARCHIVE_MAX_UNCOMPRESSED_SIZE``, that has more than ``ARCHIVE_MAX_MEMBERS``
members, or where any member inflates more than ``ARCHIVE_MAX_RATIO`` times.
The declared sizes can lie, so ``read_member`` reads a member with a hard cap
on what it actually inflates to.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.formats import format_file_size

ZIP_SIGNATURE = b"PK\x03\x04"
# Members this small may compress far better than any ratio (an empty sheet).
SMALL_MEMBER = 64 * 1024


def is_zip(upload):
    position = upload.tell()
    upload.seek(0)
    head = upload.read(4)
    upload.seek(position)
    return head == ZIP_SIGNATURE


def check_archive(upload):
    """Raise a Danish ValidationError if ``upload`` (a file object, seekable)
    is a ZIP archive beyond the limits; anything else passes untouched."""
    if not is_zip(upload):
        return
    position = upload.tell()
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise ValidationError(
            _("Filen er beskadiget og kan ikke læses."), code="archive_damaged"
        ) from None
    finally:
        upload.seek(position)
    _check_members(members)


def _check_members(members):
    if len(members) > settings.ARCHIVE_MAX_MEMBERS:
        raise ValidationError(
            _("Filen indeholder for mange dele (%(count)s; højst %(limit)s).")
            % {"count": len(members), "limit": settings.ARCHIVE_MAX_MEMBERS},
            code="archive_members",
        )
    total = sum(member.file_size for member in members)
    if total > settings.ARCHIVE_MAX_UNCOMPRESSED_SIZE:
        raise ValidationError(
            _(
                "Filen fylder %(size)s, når den pakkes ud; den må højst fylde "
                "%(limit)s."
            )
            % {
                "size": format_file_size(total),
                "limit": format_file_size(settings.ARCHIVE_MAX_UNCOMPRESSED_SIZE),
            },
            code="archive_size",
        )
    for member in members:
        if member.file_size <= SMALL_MEMBER:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > settings.ARCHIVE_MAX_RATIO:
            raise ValidationError(
                _(
                    "Filen er pakket usædvanligt tæt og kan ikke tages imod. Gem "
                    "den igen fra programmet, den er lavet i."
                ),
                code="archive_ratio",
            )


class ArchiveTooLarge(ValueError):
    """A member inflated beyond its cap (its declared size was wrong)."""


def read_member(archive, name, limit):
    """The content of member ``name`` of an open ``zipfile.ZipFile``, read in
    pieces and stopped as soon as it passes ``limit`` bytes."""
    pieces = []
    size = 0
    with archive.open(name) as member:
        while chunk := member.read(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise ArchiveTooLarge(name)
            pieces.append(chunk)
    return b"".join(pieces)
