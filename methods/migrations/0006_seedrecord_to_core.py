"""The seed record moved to the shared kernel (core): its rows are copied into
core's table, then methods' table is dropped."""

from django.core.management.color import no_style
from django.db import migrations


def copy_records(apps, schema_editor):
    old = apps.get_model("methods", "SeedRecord")
    new = apps.get_model("core", "SeedRecord")
    db = schema_editor.connection.alias
    new.objects.using(db).bulk_create(
        new(
            id=record.id,
            content_type_id=record.content_type_id,
            object_id=record.object_id,
            seed_key=record.seed_key,
            loaded_at=record.loaded_at,
        )
        for record in old.objects.using(db).iterator()
    )
    _reset_sequence(schema_editor, new)


def copy_back(apps, schema_editor):
    old = apps.get_model("methods", "SeedRecord")
    new = apps.get_model("core", "SeedRecord")
    db = schema_editor.connection.alias
    old.objects.using(db).bulk_create(
        old(
            id=record.id,
            content_type_id=record.content_type_id,
            object_id=record.object_id,
            seed_key=record.seed_key,
            loaded_at=record.loaded_at,
        )
        for record in new.objects.using(db).iterator()
    )
    _reset_sequence(schema_editor, old)


def _reset_sequence(schema_editor, model):
    # Rows were copied with their ids: the next id must come after them.
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("methods", "0005_seedrecord"),
    ]

    operations = [
        migrations.RunPython(copy_records, copy_back),
        migrations.DeleteModel(name="SeedRecord"),
    ]
