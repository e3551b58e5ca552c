from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel: what every app builds on. It imports no app."""

    name = "core"
    verbose_name = _("Fælles")

    def ready(self):
        # Stamps history rows with the action that writes them.
        from django.db.models.signals import post_delete, post_save

        from . import history, uploads  # noqa: F401
        from .models import Synonym

        # Replaced and deleted uploads leave storage once nothing needs them.
        uploads.connect()

        # A changed synonym counts from the next search on.
        post_save.connect(_forget_synonyms, sender=Synonym)
        post_delete.connect(_forget_synonyms, sender=Synonym)


def _forget_synonyms(**kwargs):
    from django.db import transaction

    from . import caching
    from .search import SYNONYMS_CACHE_KEY

    caching.delete(SYNONYMS_CACHE_KEY)
    # Again once the change commits: a search in between would have cached
    # the list as it was before.
    transaction.on_commit(partial(caching.delete, SYNONYMS_CACHE_KEY), robust=True)
