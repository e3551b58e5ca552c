"""Once made the staff groups “Ledere” and “Videnscenter”.

The role policy moved to the project (config/roles.py), and the groups are now
made by config/migrations/0001_role_groups.py. This step stays in the graph so
databases that ran it keep a consistent history; it does nothing, because an app
may not import the project (and the groups it made are kept as they are).
Its dependency on resources went with its work: goals know no resources.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("goals", "0002_history"),
        ("methods", "0001_initial"),
        ("services", "0001_initial"),
    ]

    operations = []
