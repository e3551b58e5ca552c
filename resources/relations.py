"""What resources adds to the pages of methods and offers (core/relations.py):
the materials about them that the reader may see."""

from django.db.models import Prefetch

from core.relations import contribute_prefetch

from .models import Resource


def visible_resources(user):
    """The materials ``user`` may see: ``visible_resources``."""
    return Prefetch(
        "resources",
        queryset=Resource.objects.visible_to(user),
        to_attr="visible_resources",
    )


def contribute():
    contribute_prefetch("methods.Method", visible_resources)
    contribute_prefetch("services.Offer", visible_resources)
