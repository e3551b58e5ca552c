"""The two staff roles, as permission groups.

“Ledere” (managers) keep plans and goals current; they may look up offers and
organisations to link goals to them. “Videnscenter” (the knowledge centre's
curators) keep methods, offers, resources and knowledge sources current.

The policy spans the apps (a manager looks up offers from goals; curators keep
methods, offers and resources), so it belongs to the project, not to one app.
The groups are made by a data migration (config/migrations/0001_role_groups.py)
and brought up to date after every ``migrate`` (config/apps.py), so a model
added to one of the apps later joins its role; a permission an administrator
removes by hand from one of these groups comes back on the next ``migrate``.
"""

from django.contrib.auth.management import create_permissions

MANAGERS = "Ledere"
CURATORS = "Videnscenter"

ALL_ACTIONS = ("add", "change", "delete", "view")

#: group name → list of (app label, model name or None for every model, actions)
ROLES = {
    MANAGERS: [
        ("goals", None, ALL_ACTIONS),
        ("services", "offer", ("view",)),
        ("services", "organisation", ("view",)),
    ],
    CURATORS: [
        ("methods", None, ALL_ACTIONS),
        ("services", None, ALL_ACTIONS),
        ("resources", None, ALL_ACTIONS),
        ("core", "sitecontact", ALL_ACTIONS),
        # The search's synonym list: curators know the words people use.
        ("core", "synonym", ALL_ACTIONS),
    ],
}


def sync_role_groups(apps, using="default"):
    """Create the groups and give them every permission their role names.

    ``apps`` is a migration's historical registry or the global one.
    """
    for app_config in apps.get_app_configs():
        # Permissions are normally made after migrate (post_migrate); a data
        # migration needs them now.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        wanted = []
        for app_label, model, actions in grants:
            permissions = Permission.objects.using(using).filter(
                content_type__app_label=app_label
            )
            if model is not None:
                permissions = permissions.filter(content_type__model=model)
            wanted.extend(
                permission
                for permission in permissions
                if permission.codename.split("_", 1)[0] in actions
            )
        group.permissions.add(*wanted)
