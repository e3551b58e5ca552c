"""The stored search document (core/fields.py): on PostgreSQL a trigger keeps
it equal to what the search definition says, on every path that writes; on
SQLite the column migrates and stays empty."""

from io import StringIO

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast

from goals.models import FocusArea, Goal, Initiative, Plan
from goals.search import (
    FOCUS_AREA_SEARCH,
    GOAL_SEARCH,
    INITIATIVE_SEARCH,
    PLAN_SEARCH,
)
from methods.models import Method, MethodCategory, Presenter, Talk
from methods.search import METHOD_SEARCH, PRESENTER_SEARCH, TALK_SEARCH
from resources.models import KnowledgeSource, Resource
from resources.search import KNOWLEDGE_SOURCE_SEARCH, RESOURCE_SEARCH
from services.models import Offer
from services.search import OFFER_SEARCH
from tests.factories import MethodFactory, OfferFactory

DOCUMENTS = [
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
]

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stored tsvector is PostgreSQL only"
)


@postgres_only
@pytest.mark.parametrize(("model", "spec"), DOCUMENTS)
def test_the_trigger_weighs_the_fields_as_the_search_definition_does(seed, model, spec):
    stored, expected = documents(model, spec)

    assert stored
    assert stored == expected


@postgres_only
def test_a_saved_change_is_found_at_once(seed):
    method = Method.objects.get(slug="mi")
    method.summary = "Et ord, ingen har brugt før: trylleformular."
    method.save()

    assert Method.objects.filter(search_vector=danish("trylleformularen")).exists()


@postgres_only
def test_bulk_writes_are_kept_current_too(seed):
    Offer.objects.filter(slug="fremskudt-indsats").update(name="Gadeplanskontoret")
    [created] = Method.objects.bulk_create(
        [
            Method(
                name="Kassevognsmetoden",
                slug="kassevogn",
                category=MethodCategory.objects.first(),
                summary="",
            )
        ]
    )

    assert Offer.objects.filter(search_vector=danish("gadeplanskontoret")).exists()
    assert Method.objects.filter(
        pk=created.pk, search_vector=danish("kassevognsmetode")
    ).exists()


@postgres_only
def test_the_rebuild_command_leaves_every_document_as_defined(seed):
    Method.objects.update(search_vector=None)  # as after a restore without triggers

    call_command("rebuild_search_index", stdout=StringIO())

    for model, spec in DOCUMENTS:
        stored, expected = documents(model, spec)
        assert stored == expected, model


@postgres_only
def test_search_uses_the_stored_document(seed):
    from core.search import filter_queryset

    sql = str(filter_queryset(Method.objects.all(), METHOD_SEARCH, "bolig").query)

    assert '"methods_method"."search_vector" @@' in sql
    # Only the title's own document, which its GIN index holds ready-made.
    assert sql.count("to_tsvector") == 1


def test_the_column_migrates_and_stays_empty_elsewhere(db):
    if connection.vendor == "postgresql":
        pytest.skip("on PostgreSQL the trigger fills it")
    method = MethodFactory()
    offer = OfferFactory()

    method.refresh_from_db()
    offer.refresh_from_db()

    assert method.search_vector is None
    assert offer.search_vector is None


def test_a_saved_instance_never_writes_its_own_document(db):
    method = MethodFactory(name="Første navn")
    method.search_vector = "'forfalsket':1A"
    method.save()

    method.refresh_from_db()
    if connection.vendor == "postgresql":
        assert "forfalsk" not in method.search_vector
        assert "forst" in method.search_vector  # "Første", folded and stemmed
    else:
        assert method.search_vector is None


# Helpers.


def danish(words):
    return SearchQuery(words, config="danish_folded")


def documents(model, spec):
    """Each row's stored document and the one its search definition gives, as
    text, in the same order."""
    rows = model.objects.order_by("pk").values_list(
        Cast("search_vector", TextField()), Cast(spec.vector(), TextField())
    )
    return [stored for stored, _ in rows], [expected for _, expected in rows]
