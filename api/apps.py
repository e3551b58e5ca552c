from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The open data: offers in HSDS 3.0, methods and goals as documented JSON.

    A composing layer like ``config``: it reads the content apps and no app
    reads it."""

    name = "api"
    verbose_name = _("Åbne data")
