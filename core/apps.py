from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel: what every app builds on. It imports no app."""

    name = "core"
    verbose_name = _("Fælles")

    def ready(self):
        # Stamps history rows with the action that writes them.
        from . import history  # noqa: F401
