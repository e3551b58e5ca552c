from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel: what every app builds on. It imports no app."""

    name = "core"
    verbose_name = _("Fælles")

    def ready(self):
        # Stamps history rows with the action that writes them.
        from django.db.models.signals import post_delete, post_save

        from . import history  # noqa: F401
        from .models import Synonym

        # A changed synonym counts from the next search on.
        post_save.connect(_forget_synonyms, sender=Synonym)
        post_delete.connect(_forget_synonyms, sender=Synonym)


def _forget_synonyms(**kwargs):
    from . import caching
    from .search import SYNONYMS_CACHE_KEY

    caching.delete(SYNONYMS_CACHE_KEY)
