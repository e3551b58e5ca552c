"""The staff groups “Ledere” and “Videnscenter” (see goals/roles.py)."""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from goals.roles import sync_role_groups

    sync_role_groups(apps, using=schema_editor.connection.alias)


def remove_role_groups(apps, schema_editor):
    from goals.roles import ROLES

    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=list(ROLES)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("goals", "0002_history"),
        ("methods", "0001_initial"),
        ("resources", "0001_initial"),
        ("services", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
