from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The project itself: composes the apps (seed loading, site search, home)."""

    name = "config"
    verbose_name = _("Portal")

    def ready(self):
        from . import cache

        cache.connect_signals()
