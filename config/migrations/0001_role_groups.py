"""The staff groups “Ledere” and “Videnscenter” (the policy: config/roles.py).

Databases that ran goals' 0003_role_groups already have the groups; syncing
again only adds what is missing.
"""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from config.roles import sync_role_groups

    sync_role_groups(apps, using=schema_editor.connection.alias)


def remove_role_groups(apps, schema_editor):
    from config.roles import ROLES

    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=list(ROLES)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("goals", "0007_percentage_guard"),
        ("methods", "0006_seedrecord_to_core"),
        ("resources", "0004_list_indexes"),
        ("services", "0004_list_indexes"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
