from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = _("Planer og mål")

    def ready(self):
        # The receiver that links history rows to the import writing them.
        from . import actions, status  # noqa: F401

        status.connect_signals()
