"""Content that existed before the change history gets a first history row, so
the version from before the first change can be restored from the admin."""

from django.db import migrations

from core.history import record_existing_rows

MODELS = [
    "Organisation",
    "LegalBasis",
    "OfferKind",
    "Offer",
    "OfferMethod",
    "Location",
    "OpeningHours",
    "KeyFigure",
]


def record(apps, schema_editor):
    record_existing_rows(
        apps, "services", MODELS, reason="Indholdet, da historikken blev indført"
    )


class Migration(migrations.Migration):
    dependencies = [("services", "0007_history_of_links")]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
