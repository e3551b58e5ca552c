"""“Senest gennemgået” on a method becomes "last verified": the date (renamed, so
kept) and, from now on, the user who confirmed it."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0006_seedrecord_to_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="method",
            old_name="last_reviewed_on",
            new_name="last_verified_on",
        ),
        migrations.AlterField(
            model_name="method",
            name="last_verified_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="oplysninger senest bekræftet"
            ),
        ),
        migrations.AddField(
            model_name="method",
            name="last_verified_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="bekræftet af",
            ),
        ),
    ]
