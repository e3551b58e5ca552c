"""Handing a library file to the reader once the view has checked access.

The view decides who may see the resource (``Resource.objects.visible_to``);
this module only delivers the file. Files live in private storage with no public
URL. By default Django streams the file itself. In production the web server can
do it: set PRIVATE_MEDIA_ACCEL_PREFIX to an internal location that maps to
PRIVATE_MEDIA_ROOT, e.g. for nginx::

    location /_private/ {
        internal;
        alias /srv/videnscenter/private/;
    }

and PRIVATE_MEDIA_ACCEL_PREFIX=/_private/ . The response then carries only an
``X-Accel-Redirect`` header and nginx sends the bytes; ``internal`` keeps the
location unreachable from outside.
"""

from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

# The types validators.py lets in; anything else is sent as opaque bytes.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}


def serve_private_file(resource, *, as_attachment=True, filename=None):
    """The response that delivers ``resource.file``, or Http404 if there is none.

    Call it only after checking that the user may see the resource. ``filename``
    is the name the reader's browser saves (default: the stored file's name).
    Files of staff-only resources are marked ``Cache-Control: private,
    no-store`` so no shared cache keeps a copy.
    """
    if not resource.file:
        raise Http404
    name = resource.file.name
    storage = resource.file.storage
    try:
        # Refuses names that would leave the storage folder ("../").
        storage.path(name)
    except SuspiciousFileOperation as error:
        raise Http404 from error
    filename = filename or PurePosixPath(name).name
    content_type = CONTENT_TYPES.get(
        PurePosixPath(name).suffix.lower().lstrip("."), "application/octet-stream"
    )
    prefix = settings.PRIVATE_MEDIA_ACCEL_PREFIX
    if prefix:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(name)}"
        response["Content-Disposition"] = content_disposition_header(
            as_attachment, filename
        )
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(
            handle,
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
    if not resource.is_public:
        response["Cache-Control"] = "private, no-store"
    return response
