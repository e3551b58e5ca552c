from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = _("Planer og mål")

    def ready(self):
        from . import status

        status.connect_signals()
