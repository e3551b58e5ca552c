"""The synonyms that existed before their history get a first history row, so
the list from before the first change can be restored from the admin."""

from django.db import migrations

from core.history import record_existing_rows


def record(apps, schema_editor):
    record_existing_rows(
        apps, "core", ["Synonym"], reason="Indholdet, da historikken blev indført"
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0004_synonym_history")]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
