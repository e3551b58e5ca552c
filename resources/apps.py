from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Materialer og videnskilder")

    def ready(self):
        # The lists this app adds to lower apps' pages (core/relations.py).
        from .relations import contribute

        contribute()
