from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The project itself: composes the apps (seed loading, site search, home)
    and holds the policies that span them (roles)."""

    name = "config"
    verbose_name = _("Portal")

    def ready(self):
        # Registered on import: checks, middleware's receivers, signals.
        from . import cache, checks, middleware, signals  # noqa: F401

        cache.connect_signals()
        # post_migrate is sent once per app that has models; config has none,
        # so the roles follow auth's signal, which every migrate and flush send.
        post_migrate.connect(
            _sync_role_groups,
            sender=apps.get_app_config("auth"),
            dispatch_uid="config.sync_role_groups",
        )


def _sync_role_groups(sender, using="default", apps=apps, **kwargs):
    # Keeps the role groups complete when an app gains a model after the data
    # migration that made them (see config/roles.py).
    from .roles import sync_role_groups

    sync_role_groups(apps, using=using)


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's own site (config/admin_site.py)."""

    default = False  # config's own AppConfig stays the default for "config"
    default_site = "config.admin_site.PortalAdminSite"
