from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = _("Planer og mål")

    def ready(self):
        post_migrate.connect(_sync_role_groups, sender=self)


def _sync_role_groups(sender, apps, using, **kwargs):
    # Keeps the role groups complete when an app gains a model after the data
    # migration that made them (see goals/roles.py).
    from .roles import sync_role_groups

    sync_role_groups(apps, using=using)
