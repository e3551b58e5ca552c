"""Filling the stable public ids (``core.models.PublicIdModel``) of rows that
existed before the field did: a migration helper.

A field added with ``default=uuid.uuid4`` would give every existing row the
same value, so a migration adds it empty, runs ``fill_public_ids`` and only
then makes it unique and required. History rows get the id of the row they
record, so an item's history and its open-data id agree.
"""

import uuid

from django.db import migrations


def fill_public_ids(app_label, *model_names):
    """A ``RunPython`` that gives each row of the models a new UUID and each of
    their history rows the UUID of the row it records."""

    def forwards(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            ids = {}
            for row in model.objects.filter(uuid__isnull=True).only("pk"):
                row.uuid = uuid.uuid4()
                row.save(update_fields=["uuid"])
                ids[row.pk] = row.uuid
            historical = apps.get_model(app_label, f"Historical{name}")
            for row in historical.objects.filter(uuid__isnull=True).only("pk", "id"):
                row.uuid = ids.get(row.id) or uuid.uuid4()
                row.save(update_fields=["uuid"])

    return migrations.RunPython(forwards, migrations.RunPython.noop)
