from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Tilbud og organisationer")

    def ready(self):
        # The lists this app adds to lower apps' pages (core/relations.py).
        from .relations import contribute

        contribute()
