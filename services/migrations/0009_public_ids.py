"""Stable public ids (UUIDs) for the open-data API, filled in for existing rows."""

import uuid

from django.db import migrations, models

from core.public_ids import fill_public_ids


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0008_history_of_existing_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="historicalorganisation",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="historicallegalbasis",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="offerkind",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="historicalofferkind",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="offer",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="historicaloffer",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="historicallocation",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="openinghours",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        migrations.AddField(
            model_name="historicalopeninghours",
            name="uuid",
            field=models.UUIDField(
                editable=False, null=True, verbose_name="offentligt id"
            ),
        ),
        fill_public_ids(
            "services",
            "Organisation",
            "LegalBasis",
            "OfferKind",
            "Offer",
            "Location",
            "OpeningHours",
        ),
        migrations.AlterField(
            model_name="organisation",
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
            model_name="historicalorganisation",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Fast id i de åbne data; ændres aldrig.",
                verbose_name="offentligt id",
            ),
        ),
        migrations.AlterField(
            model_name="legalbasis",
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
            model_name="historicallegalbasis",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Fast id i de åbne data; ændres aldrig.",
                verbose_name="offentligt id",
            ),
        ),
        migrations.AlterField(
            model_name="offerkind",
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
            model_name="historicalofferkind",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Fast id i de åbne data; ændres aldrig.",
                verbose_name="offentligt id",
            ),
        ),
        migrations.AlterField(
            model_name="offer",
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
            model_name="historicaloffer",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Fast id i de åbne data; ændres aldrig.",
                verbose_name="offentligt id",
            ),
        ),
        migrations.AlterField(
            model_name="location",
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
            model_name="historicallocation",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Fast id i de åbne data; ændres aldrig.",
                verbose_name="offentligt id",
            ),
        ),
        migrations.AlterField(
            model_name="openinghours",
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
            model_name="historicalopeninghours",
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
