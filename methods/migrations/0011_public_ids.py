"""Stable public ids (UUIDs) for the open-data API, filled in for existing rows."""

import uuid

from django.db import migrations, models

from core.public_ids import fill_public_ids


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0010_history_of_existing_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="targetgroup",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="historicaltargetgroup",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        fill_public_ids("methods", "TargetGroup"),
        migrations.AlterField(
            model_name="targetgroup",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Fast id i de åbne data; ændres aldrig.",
                unique=True,
                verbose_name="offentligt id",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltargetgroup",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Fast id i de åbne data; ændres aldrig.",
                verbose_name="offentligt id",
            ),
        ),
    ]
