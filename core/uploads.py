"""Uploaded files go when nothing needs them any more.

Django leaves a file in storage when its row is deleted or its field gets
another file, so every replaced upload stayed on disk for good. Here every
model with a ``FileField`` (today ``resources.Resource.file``) hands the old
file over for removal when the field changes or the row is deleted, and the
file is removed **after the transaction commits** (a rolled-back save, or a
form with errors that saves nothing, never loses a file), and only when
nothing refers to it any more:

- no live row of any model whose file field uses the same storage (a restored
  version, a copy), and
- no row of the model's change history (django-simple-history), when the
  history tracks the field: every curated model's history can be saved back
  from the admin (``core.admin.RecordedAdminMixin``), a deleted object's too,
  and a version whose file were gone would come back without it. Such a file
  is kept; no public page serves it (the download view serves only the live
  row's file, ``resources/views.py``), only the admin's page of that version
  does, to staff who may see the history.

A history row that is deleted (``manage.py clean_old_history``) hands its
file over the same way, so once the history no longer needs an old file it
goes too. A model whose history excludes the file field keeps no old files.

Written here rather than taken from django-cleanup: that library removes the
old file whatever still refers to it (the history rows, another live row), so
it would have had to be switched off for the one model that has files.
"""

import logging
import os
from functools import partial

from django.apps import apps
from django.db import connections, models, router, transaction
from django.db.models.signals import post_delete, post_save, pre_save

logger = logging.getLogger(__name__)

#: Names looked up in one query (SQLite allows 999 parameters in older builds).
_CHUNK = 500

#: The names a row's file fields held when it was read from the database,
#: kept on the instance between pre_save and post_save.
_BEFORE = "_uploads_before_save"


def file_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def history_model(model):
    """The model's django-simple-history model, or None."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def connect():
    """Watch every installed model with a file field, and its history."""
    for model in apps.get_models():
        if not file_fields(model) or model._meta.proxy:
            continue
        uid = f"core.uploads.{model._meta.label}"
        pre_save.connect(_remember_files, sender=model, dispatch_uid=uid)
        post_save.connect(_release_replaced_files, sender=model, dispatch_uid=uid)
        post_delete.connect(_release_deleted_files, sender=model, dispatch_uid=uid)
        history = history_model(model)
        if history is not None:
            post_delete.connect(
                partial(_release_history_files, model),
                sender=history,
                dispatch_uid=uid,
                weak=False,
            )


def _remember_files(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    names = [
        field.attname
        for field in file_fields(sender)
        if update_fields is None or field.name in update_fields
    ]
    if not names:
        return
    before = (
        sender._base_manager.using(instance._state.db or router.db_for_write(sender))
        .filter(pk=instance.pk)
        .values(*names)
        .first()
    )
    setattr(instance, _BEFORE, before or {})


def _release_replaced_files(sender, instance, raw=False, using=None, **kwargs):
    before = instance.__dict__.pop(_BEFORE, None)
    if raw or not before:
        return
    for field in file_fields(sender):
        old = before.get(field.attname)
        new = getattr(instance, field.attname)
        if old and old != (new.name if new else ""):
            release(sender, field, old, using=using)


def _release_deleted_files(sender, instance, using=None, **kwargs):
    for field in file_fields(sender):
        file = getattr(instance, field.attname)
        if file:
            release(sender, field, file.name, using=using)


def _release_history_files(model, sender, instance, using=None, **kwargs):
    for field in file_fields(model):
        name = getattr(instance, field.attname, "")
        if name:
            release(model, field, name, using=using)


def release(model, field, name, *, using=None):
    """Remove ``name`` from ``field``'s storage once the current transaction
    commits, if nothing refers to it then.

    The names a transaction releases are checked together when it commits, a
    few queries for all of them: pruning the history releases a name for each
    row it deletes, and each check reads the history table."""
    using = using or router.db_for_write(model)
    pending = _pending(using)
    pending.setdefault(field.storage, set()).add(name)
    transaction.on_commit(partial(_flush, using), using=using, robust=True)


def _pending(using):
    """The names released on this thread's connection and not yet checked. A
    name left here by a rolled-back change is harmless: it is removed only if
    nothing refers to it when the next change commits."""
    connection = connections[using]
    if not hasattr(connection, "_uploads_released"):
        connection._uploads_released = {}
    return connection._uploads_released


def _flush(using):
    """Check and remove what was released (the first callback of a commit
    does it all; the others find nothing left)."""
    pending = _pending(using)
    while pending:
        storage, names = pending.popitem()
        remove_unused(storage, names, using=using)


def remove_unused(storage, names, *, using="default"):
    """Delete each of ``names`` from ``storage`` that no live row and no
    history row refers to. Returns the names deleted."""
    unused = set(names) - referenced(storage, names, using=using)
    for name in sorted(unused):
        storage.delete(name)
        _remove_empty_folder(storage, name)
        logger.info("Removed the unused upload %s", name)
    return unused


def _remove_empty_folder(storage, name):
    """Each upload has a folder of its own (resources/storage.py); an empty
    one would be left behind for every removed file."""
    folder = os.path.dirname(name)
    if not folder or not hasattr(storage, "path"):
        return
    try:
        os.rmdir(storage.path(folder))
    except (OSError, NotImplementedError):
        pass  # not empty, already gone, or not a local folder


def referenced(storage, names, *, using="default"):
    """Which of ``names`` a live row, or a history row that tracks the field,
    refers to (any model whose file field uses ``storage``)."""
    names = sorted(set(names))
    found = set()
    for model in apps.get_models():
        for field in file_fields(model):
            if field.storage is not storage:
                continue
            sources = [model]
            history = history_model(model)
            if history is not None and field.name in _field_names(history):
                sources.append(history)
            for source in sources:
                for start in range(0, len(names), _CHUNK):
                    chunk = names[start : start + _CHUNK]
                    found.update(
                        source._base_manager.using(using)
                        .filter(**{f"{field.name}__in": chunk})
                        .values_list(field.name, flat=True)
                        .distinct()
                    )
    return found


def _field_names(model):
    return {field.name for field in model._meta.concrete_fields}
