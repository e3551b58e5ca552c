"""“Last verified by” becomes a user. The old free text moves to the new note
field "om bekræftelsen" (renamed, so nothing is lost); where it names exactly one
user (user name, e-mail or full name), that user is set and the note cleared."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


def link_users(apps, schema_editor):
    Offer = apps.get_model("services", "Offer")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    names = _names(User)
    for offer in Offer.objects.exclude(verification_note=""):
        user = names.get(_normal(offer.verification_note))
        if user is not None:
            offer.last_verified_by = user
            offer.verification_note = ""
            offer.save(update_fields=["last_verified_by", "verification_note"])


def _names(User):
    """Each user by user name, e-mail and full name; a name two users share
    points to neither."""
    found = {}
    for user in User.objects.all():
        full_name = f"{user.first_name} {user.last_name}"
        for name in {_normal(user.username), _normal(user.email), _normal(full_name)}:
            if name:
                found[name] = None if name in found else user
    return {name: user for name, user in found.items() if user is not None}


def _normal(text):
    return " ".join(text.split()).casefold()


def unlink_users(apps, schema_editor):
    Offer = apps.get_model("services", "Offer")
    for offer in Offer.objects.filter(
        last_verified_by__isnull=False, verification_note=""
    ):
        user = offer.last_verified_by
        offer.verification_note = str(getattr(user, "username", user.pk))[:200]
        offer.save(update_fields=["verification_note"])


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0004_list_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="offer",
            old_name="last_verified_by",
            new_name="verification_note",
        ),
        migrations.AlterField(
            model_name="offer",
            name="verification_note",
            field=models.CharField(
                blank=True,
                help_text="Fx hvem uden for Videnscentret der har bekræftet oplysningerne.",
                max_length=200,
                verbose_name="om bekræftelsen",
            ),
        ),
        migrations.AddField(
            model_name="offer",
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
        migrations.AlterField(
            model_name="offer",
            name="last_verified_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="oplysninger senest bekræftet"
            ),
        ),
        migrations.RunPython(link_users, unlink_users),
    ]
