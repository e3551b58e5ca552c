"""Site search at /soeg/: what a citizen or a member of staff finds, and what
nobody may find."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Publication
from resources.models import Resource
from tests.factories import (
    GoalFactory,
    MethodFactory,
    OfferFactory,
    PlanFactory,
    ResourceFactory,
    create_public_items,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL only"
)


def search(client, query, **params):
    return client.get(SEARCH, {"q": query, **params})


def test_search_page_without_a_query_asks_for_words(client):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "Skriv et eller flere ord" in response.text


def test_perron_finds_perron_4_and_links_to_its_page(client, seed):
    response = search(client, "perron")
    assert response.status_code == 200
    assert 'href="/tilbud/perron-4/"' in response.text
    assert "<mark>Perron</mark>" in response.text


def test_a_citizen_goes_from_home_through_search_to_perron_4(client, seed):
    home = client.get("/")
    assert f'action="{SEARCH}"' in home.text
    results = search(client, "perron")
    first = results.context["result"].hits[0]
    assert first.title == "Perron 4"
    assert first.url == "/tilbud/perron-4/"
    assert first.type_label == "Tilbud"
    assert first.municipality == "Randers Kommune"


def test_capitals_find_the_same(client):
    OfferFactory(name="Quokka 4", summary="Et værested.")
    for query in ("quokka", "QUOKKA", "Quokka"):
        assert search(client, query).context["total"] == 1, query


def test_danish_letters_in_any_case_find_the_same(client):
    OfferFactory(name="ÆBLEGRØDHAVEN", summary="Et bosted ved Ørnereden.")
    for query in ("æblegrødhaven", "Æblegrødhaven", "ørnereden", "ØRNEREDEN"):
        assert search(client, query).context["total"] == 1, query


def test_results_of_every_type_come_in_one_list_with_counts_per_type(client):
    OfferFactory(name="Quokka tilbud")
    MethodFactory(name="Quokka metode")
    ResourceFactory(title="Quokka materiale")
    GoalFactory(title="Quokka mål")
    response = search(client, "quokka")
    counts = {t.key: t.count for t in response.context["result"].types}
    assert counts == {"tilbud": 1, "metoder": 1, "materialer": 1, "maal": 1}
    assert "Vi fandt 4 resultater" in response.text
    labels = {hit.type_label for hit in response.context["result"].hits}
    assert labels == {"Tilbud", "Metode", "Materiale", "Mål"}


def test_the_type_filter_keeps_one_type_and_pages_through_it(client):
    create_public_items(25, word="Quokka")
    response = search(client, "quokka", type="metoder")
    result = response.context["result"]
    assert result.total == 25
    assert {hit.key for hit in result.hits} == {"metoder"}
    assert len(result.hits) == 20
    assert 'href="?q=quokka&amp;type=tilbud"' in response.text
    second = search(client, "quokka", type="metoder", page=2).context["result"]
    assert len(second.hits) == 5
    assert not {h.url for h in second.hits} & {h.url for h in result.hits}


def test_an_unknown_type_shows_every_type(client):
    OfferFactory(name="Quokka tilbud")
    response = search(client, "quokka", type="<script>")
    assert response.status_code == 200
    assert response.context["total"] == 1


def test_a_title_match_ranks_above_a_summary_match(client):
    OfferFactory(name="Værestedet", summary="Her kan du møde Quokka-folkene.")
    MethodFactory(name="Quokka", summary="En metode.")
    OfferFactory(name="Quokka", summary="Et værested.")
    hits = search(client, "quokka").context["result"].hits
    assert [hit.title for hit in hits][2] == "Værestedet"


def test_snippets_escape_the_text_and_mark_the_words(client):
    OfferFactory(name="Tilbud", summary="<script>alert(1)</script> quokka")
    response = search(client, "quokka")
    assert "<script" not in response.text
    assert "<mark>quokka</mark>" in response.text


def test_drafts_are_never_found(admin_client):
    OfferFactory(name="Quokka kladde", status=Publication.DRAFT)
    MethodFactory(name="Quokka metodekladde", status=Publication.DRAFT)
    ResourceFactory(
        title="Quokka materialekladde", visibility=Resource.Visibility.DRAFT
    )
    for some_client in (Client(), admin_client):
        response = search(some_client, "quokka")
        assert "kladde" not in response.text
        assert response.context["total"] == 0


def test_staff_material_is_found_by_staff_only(admin_client):
    ResourceFactory(title="Quokka intern", visibility=Resource.Visibility.STAFF)
    assert "Quokka intern" not in search(Client(), "quokka").text
    staff_response = search(admin_client, "quokka")
    assert "Quokka intern" in staff_response.text
    assert "Kun for medarbejdere" in staff_response.text


def test_nothing_found_says_so_in_danish(client):
    response = search(client, "xyzzy")
    assert response.status_code == 200
    assert "Vi fandt intet om" in response.text


@pytest.mark.parametrize(
    ("query_string", "message"),
    [
        ("q=" + "a" * 5000, "Søgningen er for lang"),
        ("q=a%00b", "Søgningen indeholder et tegn"),
        ("q=%00", "Søgningen indeholder et tegn"),
        ("q=%ff%fe", "Skriv mindst ét ord"),
        ("q=!!!%3F%3F", "Skriv mindst ét ord"),
        ("q=%22", "Skriv mindst ét ord"),
    ],
)
def test_hostile_queries_get_a_danish_message(client, query_string, message):
    response = client.get(f"{SEARCH}?{query_string}")
    assert response.status_code == 400
    assert message in response.text


@pytest.mark.parametrize(
    "query_string",
    [
        "q=quokka&page=abc",
        "q=quokka%ff",
        "q=quokka%20%26%20OR%20-%22",
        "q=a:*%20%26%20!b%20%7C",
        "q=" + "quokka%20" * 22,
        "q=ab%C3",
        "q[]=quokka",
    ],
)
def test_odd_but_valid_queries_answer(client, query_string):
    OfferFactory(name="Quokka 4")
    response = client.get(f"{SEARCH}?{query_string}")
    assert response.status_code == 200


def test_search_is_not_indexed(client):
    assert '<meta name="robots" content="noindex">' in search(client, "perron").text


def test_search_costs_the_same_queries_at_any_size(client, admin_client):
    search(client, "warm")  # the synonyms, read once and cached
    counts = []
    for size in (10, 500):
        create_public_items(size, word=f"Quokka{size}")
        for some_client in (client, admin_client):
            with CaptureQueriesContext(connection) as queries:
                response = search(some_client, f"quokka{size}")
            assert response.context["total"] == 5 * size
            # Savepoints guard the prepared statements inside the test's
            # transaction; a request outside one has none.
            counts.append(
                sum(
                    not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
                    for query in queries.captured_queries
                )
            )
    # One ranking query (PostgreSQL) or one per type (SQLite), then one per
    # type on the page shown, one for the snippets of them all (PostgreSQL)
    # and one for the municipalities: never more.
    most = 1 + 10 + 1 + 1 if connection.vendor == "postgresql" else 10 + 10 + 1
    assert max(counts) <= most


def test_plans_and_goals_are_found_each_with_its_type(client):
    plan = PlanFactory(title="Plan for quokkaernes trivsel")
    GoalFactory(plan=plan, title="Flere trivelige quokkaer")
    result = search(client, "quokkaer").context["result"]
    assert {t.key: t.count for t in result.types} == {"planer": 1, "maal": 1}


# PostgreSQL: Danish full-text search.


@postgres_only
def test_a_word_finds_its_other_forms(client):
    MethodFactory(name="Quokkaforløb", summary="Quokka får behandling i grupper.")
    response = search(client, "behandlingen quokka")
    assert response.context["result"].hits[0].title == "Quokkaforløb"
    assert "<mark>behandling</mark>" in response.text


@postgres_only
@pytest.mark.parametrize(
    ("app", "model", "index"),
    [
        ("methods", "Method", "method_search_idx"),
        ("services", "Offer", "offer_search_idx"),
        ("resources", "Resource", "resource_search_idx"),
    ],
)
def test_search_uses_the_gin_index(app, model, index):
    from django.apps import apps

    from core.search import filter_queryset

    spec = {
        "methods": "methods.search.METHOD_SEARCH",
        "services": "services.search.OFFER_SEARCH",
        "resources": "resources.search.RESOURCE_SEARCH",
    }[app]
    module, name = spec.rsplit(".", 1)
    spec = getattr(__import__(module, fromlist=[name]), name)
    queryset = filter_queryset(apps.get_model(app, model).objects.all(), spec, "bolig")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert f"Bitmap Index Scan on {index}" in queryset.explain()


@postgres_only
@pytest.mark.parametrize("reset", ["DEALLOCATE ALL", "DISCARD PLANS"])
def test_search_survives_a_session_reset_by_a_pool(client, reset):
    # The search's statements are prepared once per database session; a pool
    # or an administrator may drop them (DEALLOCATE ALL, DISCARD ALL).
    OfferFactory(name="Quokkahuset", summary="Et værested for quokkaer.")
    OfferFactory(name="Wombathuset", summary="Et værested for wombatter.")
    assert search(client, "quokkahuset").context["result"].hits[0].title == (
        "Quokkahuset"
    )
    with connection.cursor() as cursor:
        cursor.execute(reset)
    hit = search(client, "wombatter").context["result"].hits[0]
    assert hit.title == "Wombathuset"
    assert "<mark>wombatter</mark>" in hit.snippet


@postgres_only
def test_search_finds_its_statements_already_prepared_in_the_session(client):
    # A second worker process on the same pooled session: the statements exist
    # though this process did not prepare them.
    from core import search as core_search

    OfferFactory(name="Quokkahuset", summary="Et værested for quokkaer.")
    OfferFactory(name="Wombathuset", summary="Et værested for wombatter.")
    search(client, "quokkahuset")
    core_search._PREPARED.clear()
    response = search(client, "wombathuset")
    assert response.context["result"].hits[0].title == "Wombathuset"


def test_a_renamed_item_is_found_under_its_new_name(admin_client):
    # What a hit shows is kept in the cache by content version: a change to
    # the content shows at once (staff get no page cache).
    offer = OfferFactory(name="Quokkahuset", summary="Et værested for quokkaer.")
    assert [
        hit.title for hit in search(admin_client, "quokkaer").context["result"].hits
    ] == ["Quokkahuset"]
    offer.name = "Quokkastedet"
    offer.save()
    assert [
        hit.title for hit in search(admin_client, "quokkaer").context["result"].hits
    ] == ["Quokkastedet"]


@postgres_only
def test_search_beyond_the_prepared_statements_still_answers(client, monkeypatch):
    # Only so many statement shapes are prepared in each session; a query of
    # an odd shape (many words, a deep page) is planned afresh.
    from core import search as core_search

    monkeypatch.setattr(core_search, "_STATEMENTS", {})
    monkeypatch.setattr(core_search, "MAX_STATEMENTS", 0)
    OfferFactory(name="Wombathuset", summary="Et værested for wombatter.")
    hit = search(client, "wombatter").context["result"].hits[0]
    assert hit.title == "Wombathuset"
    assert "<mark>wombatter</mark>" in hit.snippet
    assert core_search._STATEMENTS == {}
