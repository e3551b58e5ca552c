"""Site search at /soeg/: what a citizen or a member of staff finds, and what
nobody may find."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.models import Publication, SiteContact
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
    offers = next(group for group in results.context["groups"] if group.key == "tilbud")
    assert offers.hits[0].title == "Perron 4"
    assert offers.hits[0].url == "/tilbud/perron-4/"


def test_capitals_find_the_same(client):
    OfferFactory(name="Quokka 4", summary="Et værested.")
    for query in ("quokka", "QUOKKA", "Quokka"):
        groups = search(client, query).context["groups"]
        assert groups[0].count == 1, query


def test_danish_letters_in_any_case_find_the_same(client):
    OfferFactory(name="ÆBLEGRØDHAVEN", summary="Et bosted ved Ørnereden.")
    for query in ("æblegrødhaven", "Æblegrødhaven", "ørnereden", "ØRNEREDEN"):
        groups = search(client, query).context["groups"]
        assert groups[0].count == 1, query


def test_results_are_grouped_by_type_with_counts(client):
    OfferFactory(name="Quokka tilbud")
    MethodFactory(name="Quokka metode")
    ResourceFactory(title="Quokka materiale")
    GoalFactory(title="Quokka mål")
    response = search(client, "quokka")
    counts = {group.key: group.count for group in response.context["groups"]}
    assert counts == {
        "tilbud": 1,
        "metoder": 1,
        "materialer": 1,
        "planer": 1,
        "akut": 0,
    }
    assert "Vi fandt 4 resultater" in response.text


def test_a_full_group_links_to_its_filtered_list(client):
    create_public_items(7, word="Quokka")
    response = search(client, "quokka")
    methods = next(g for g in response.context["groups"] if g.key == "metoder")
    assert methods.count == 7
    assert len(methods.hits) == 5
    assert 'href="/metoder/?q=quokka"' in response.text
    assert "Se alle 7 resultater i metoder" in response.text


def test_a_title_match_ranks_above_a_summary_match(client):
    OfferFactory(name="Værestedet", summary="Her kan du møde Quokka-folkene.")
    OfferFactory(name="Quokka", summary="Et værested.")
    offers = search(client, "quokka").context["groups"][0]
    assert [hit.title for hit in offers.hits] == ["Quokka", "Værestedet"]


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


@pytest.mark.parametrize("count", [10, 500])
def test_search_costs_the_same_queries_at_any_size(
    client, django_assert_num_queries, count
):
    create_public_items(count, word="Quokka")
    # A count and a page of hits for offers, methods, resources, plans and
    # goals (goals are fetched even when plans fill the group); a count of
    # "Akut hjælp" entries. The footer's site contact is read once, then cached.
    SiteContact.current()
    with django_assert_num_queries(11):
        response = search(client, "quokka")
    assert response.status_code == 200
    assert response.context["total"] == 5 * count


@pytest.mark.parametrize("count", [10, 500])
def test_staff_search_costs_the_same_queries_at_any_size(
    admin_client, django_assert_num_queries, count
):
    create_public_items(count, word="Quokka")
    # Session and user, then the same searches.
    SiteContact.current()
    with django_assert_num_queries(13):
        response = search(admin_client, "quokka")
    assert response.status_code == 200


def test_plans_and_goals_share_one_group(client):
    plan = PlanFactory(title="Plan for quokkaernes trivsel")
    GoalFactory(plan=plan, title="Flere trivelige quokkaer")
    groups = {g.key: g for g in search(client, "quokkaer").context["groups"]}
    assert groups["planer"].count == 2


# PostgreSQL: Danish full-text search.


@postgres_only
def test_a_word_finds_its_other_forms(client):
    MethodFactory(name="Quokkaforløb", summary="Quokka får behandling i grupper.")
    response = search(client, "behandlingen quokka")
    methods = next(g for g in response.context["groups"] if g.key == "metoder")
    assert methods.count == 1
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
