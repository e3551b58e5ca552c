"""The relevance test set (tests/config/relevance.py) against the seed
content: the share of queries that find what they must among their first
three results is printed, and must be at least 95 %."""

import importlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection

from config.search import search_site
from core.models import Synonym
from core.search import SYNONYMS_CACHE_KEY

from .relevance import (
    ENGLISH,
    NAME,
    NO_DANISH_LETTERS,
    QUERIES,
    SYNONYM,
    TYPO,
)

REQUIRED_SHARE = 0.95
# SQLite matches substrings without stemming: the kinds that do not depend on
# Danish stemming or PostgreSQL's ranking.
SQLITE_KINDS = {NAME, NO_DANISH_LETTERS, TYPO, ENGLISH, SYNONYM}


@pytest.fixture
def first_synonyms(db):
    """The synonyms the migration adds (a transactional test elsewhere may
    have emptied the table)."""
    if not Synonym.objects.exists():
        migration = importlib.import_module(
            "core.migrations.0002_search_synonyms_and_words"
        )
        for word, synonyms in migration.FIRST_SYNONYMS:
            Synonym.objects.create(word=word, synonyms=synonyms)
    cache.delete(SYNONYMS_CACHE_KEY)
    yield
    cache.delete(SYNONYMS_CACHE_KEY)


def test_the_set_has_at_least_100_queries_of_every_kind():
    assert len(QUERIES) >= 100
    assert len({query for query, _kind, _expected in QUERIES}) == len(QUERIES)
    assert {kind for _query, kind, _expected in QUERIES} >= SQLITE_KINDS


def test_relevance(seed, first_synonyms, capsys):
    postgres = connection.vendor == "postgresql"
    queries = [q for q in QUERIES if postgres or q[1] in SQLITE_KINDS]
    failures = []
    for query, kind, expected in queries:
        first_three = search_site(query, AnonymousUser()).hits[:3]
        found = {hit.url for hit in first_three} | {
            hit.title.casefold() for hit in first_three
        }
        missing = [
            item
            for item in expected
            if (item if item.startswith("/") else item.casefold()) not in found
        ]
        if missing:
            shown = [hit.title for hit in first_three]
            failures.append(f"{query!r} ({kind}): missing {missing}, got {shown}")
    share = 1 - len(failures) / len(queries)
    with capsys.disabled():
        print(
            f"\nRelevance on {connection.vendor}: {len(queries) - len(failures)} "
            f"of {len(queries)} queries ({share:.0%}) find what they must in "
            "their first three results."
        )
        for failure in failures:
            print("  not found:", failure)
    assert share >= REQUIRED_SHARE, "\n".join(failures)
