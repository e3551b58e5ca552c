"""Fill the stored search documents again, for every row (PostgreSQL only).

A trigger keeps the documents current on every insert and update (see
core/fields.py), so this is needed only after restoring a dump with triggers
disabled, or to check that the stored documents match the search definitions.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from config.search import ensure_vocabulary
from goals.models import FocusArea, Goal, Initiative, Plan
from goals.search import (
    FOCUS_AREA_SEARCH,
    GOAL_SEARCH,
    INITIATIVE_SEARCH,
    PLAN_SEARCH,
)
from methods.models import Method, Presenter, Talk
from methods.search import METHOD_SEARCH, PRESENTER_SEARCH, TALK_SEARCH
from resources.models import KnowledgeSource, Resource
from resources.search import KNOWLEDGE_SOURCE_SEARCH, RESOURCE_SEARCH
from services.models import Offer
from services.search import OFFER_SEARCH

DOCUMENTS = (
    (Method, METHOD_SEARCH),
    (Offer, OFFER_SEARCH),
    (Resource, RESOURCE_SEARCH),
    (Plan, PLAN_SEARCH),
    (Goal, GOAL_SEARCH),
    (Talk, TALK_SEARCH),
    (Presenter, PRESENTER_SEARCH),
    (KnowledgeSource, KNOWLEDGE_SOURCE_SEARCH),
    (FocusArea, FOCUS_AREA_SEARCH),
    (Initiative, INITIATIVE_SEARCH),
)


class Command(BaseCommand):
    help = "Genopbygger søgeindekset (kun PostgreSQL)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Intet at gøre: fuldtekstsøgning kræver PostgreSQL.")
            return
        for model, spec in DOCUMENTS:
            started = time.monotonic()
            with transaction.atomic():
                count = model.objects.update(search_vector=spec.vector())
            self.stdout.write(
                f"{model._meta.verbose_name_plural}: {count} "
                f"({time.monotonic() - started:.1f} s)"
            )
        started = time.monotonic()
        ensure_vocabulary(force=True)
        self.stdout.write(f"søgeord: ({time.monotonic() - started:.1f} s)")
