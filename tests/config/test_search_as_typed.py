"""Search as people type (issue #18): without æøå, with typos, with the
curators' synonyms, several words, and every type of content in one ranked
list. Runs on SQLite and PostgreSQL; each database uses its own matching
(core/search.py)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from config.roles import CURATORS
from core.models import Publication, Synonym
from core.search import SYNONYMS_CACHE_KEY, fold, parse_query, spelt_out
from services.models import Organisation
from tests.factories import (
    FocusAreaFactory,
    GoalFactory,
    InitiativeFactory,
    KnowledgeSourceFactory,
    MethodFactory,
    OfferFactory,
    OrganisationFactory,
    PlanFactory,
    TalkFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")

# Real Danish words in which "aa", "oe" or "ae" are the letters themselves.
GENUINE_WORDS = [
    "koen",
    "koerne",
    "skoene",
    "boede",
    "troede",
    "poesi",
    "poetisk",
    "koefficient",
    "israel",
    "aerobic",
    "dataansvarlig",
    "ekstraarbejde",
    "metaanalyse",
    "zoo",
]
# Words written without æ, ø and å, and how they are meant.
SPELT_OUT = {
    "maerke": "mærke",
    "hjemloes": "hjemløs",
    "vaerested": "værested",
    "ladegaarden": "ladegården",
    "paaroerende": "pårørende",
    "stoette": "støtte",
    "boern": "børn",
    "laege": "læge",
    "aabo": "åbo",
    "raadgivning": "rådgivning",
}


@pytest.fixture(autouse=True)
def fresh_synonyms():
    cache.delete(SYNONYMS_CACHE_KEY)
    yield
    cache.delete(SYNONYMS_CACHE_KEY)


def search(client, query, **params):
    return client.get(SEARCH, {"q": query, **params})


def titles(response):
    return [hit.title for hit in response.context["result"].hits]


# 1. Folding.


@pytest.mark.parametrize("word", GENUINE_WORDS)
def test_genuine_letters_are_left_alone(word):
    assert spelt_out(word) == word


@pytest.mark.parametrize(("typed", "meant"), SPELT_OUT.items())
def test_spelt_out_letters_become_aeoeaa(typed, meant):
    assert spelt_out(typed) == meant
    assert fold(typed) != fold(meant) or "ae" in typed
    assert fold(spelt_out(typed)) == fold(meant)


def test_words_without_danish_letters_find_the_danish_spelling(client):
    OfferFactory(name="Quokkaværestedet", summary="For hjemløse quokkaer.")
    OfferFactory(name="Quokkagården", summary="Et bosted.")
    for query, title in [
        ("quokkavaerestedet", "Quokkaværestedet"),
        ("quokkaverestedet", "Quokkaværestedet"),
        ("hjemlose quokkaer", "Quokkaværestedet"),
        ("hjemloese quokkaer", "Quokkaværestedet"),
        ("quokkagaarden", "Quokkagården"),
        ("quokkagarden", "Quokkagården"),
    ]:
        assert titles(search(client, query))[:1] == [title], query


def test_accents_are_folded_on_both_sides(client):
    OfferFactory(name="Quokka Café", slug="quokka-cafe-1", summary="Kaffe og kage.")
    OfferFactory(name="Quokka Cafe", slug="quokka-cafe-2", summary="Uden kage.")
    for query in ("quokka cafe", "quokka café", "QUOKKA CAFÉ"):
        assert set(titles(search(client, query))[:2]) == {
            "Quokka Café",
            "Quokka Cafe",
        }, query


def test_a_genuine_word_does_not_find_its_lookalike(client):
    OfferFactory(name="Quokkakoen på marken", summary="En ko.")
    OfferFactory(name="Quokkakøn og ligestilling", summary="Om køn.")
    # "koen" is the cow: never read as "køn".
    assert parse_query("koen").terms[0].alternatives == ("koen",)
    assert titles(search(client, "quokkakoen")) == ["Quokkakoen på marken"]


# 2. Typos.


def test_a_misspelt_word_shows_the_results_of_the_correction(client):
    OfferFactory(name="Quokkahuset", summary="Et værested for quokkaer.")
    response = search(client, "qoukkahuset")
    result = response.context["result"]
    assert result.searched == "quokkahuset"
    assert titles(response) == ["Quokkahuset"]
    assert "Viser resultater for “quokkahuset”" in response.text
    assert "Vi fandt intet om “qoukkahuset”" in response.text


def test_a_few_results_offer_the_likely_word(client):
    OfferFactory(name="Quokkahuset", summary="Et hus.")
    MethodFactory(name="Quokka", summary="En metode.")
    response = search(client, "quokkah")
    assert response.context["total"] == 1
    assert response.context["result"].suggestion == "quokka"
    assert "Mente du" in response.text
    assert 'href="?q=quokka"' in response.text


def test_a_misspelt_word_among_others_is_corrected(client):
    OfferFactory(name="Quokkahuset", summary="Gratis morgenmad hver dag.")
    OfferFactory(name="Morgenmadsklubben", summary="For alle.")
    response = search(client, "quokkahuset morgnmad")
    assert response.context["result"].searched == "quokkahuset morgenmad"
    assert titles(response)[0] == "Quokkahuset"


def test_words_never_in_the_text_are_not_corrected_into_drafts(client):
    OfferFactory(name="Quokkahemmeligt", status=Publication.DRAFT)
    response = search(client, "quokkahemmelig")
    result = response.context["result"]
    assert "quokkahemmeligt" not in (result.searched, result.suggestion)
    assert "Quokkahemmeligt" not in response.text


# 3. Synonyms.


def test_the_first_synonyms_come_with_the_migration():
    words = set(Synonym.objects.values_list("word", flat=True))
    assert {"hash", "tandlæge", "misbrug", "hjemløs", "alkohol", "sove"} <= words
    assert "cannabis" in Synonym.objects.get(word="hash").terms


def test_a_synonym_a_curator_adds_is_used_at_once(client):
    curator = _curator()
    OfferFactory(name="Quokkaklinikken", summary="Tandbehandling for quokkaer.")
    assert search(client, "quokkadoktor").context["total"] == 0

    admin = Client()
    admin.force_login(curator)
    response = admin.post(
        f"/{settings.ADMIN_URL_PATH}core/synonym/add/",
        {"word": "quokkadoktor", "synonyms": "quokkaklinik, quokkavet"},
    )
    assert response.status_code == 302

    assert titles(search(client, "quokkadoktor")) == ["Quokkaklinikken"]


def test_english_and_lay_words_find_the_professional_terms(client):
    OfferFactory(name="Quokkaherberget", summary="Natherberg for hjemløse quokkaer.")
    for query in ("homeless quokkaer", "sove quokkaer", "quokkaer shelter"):
        assert titles(search(client, query))[:1] == ["Quokkaherberget"], query


# 4. Several words.


def test_items_with_every_word_come_before_items_with_some(client):
    OfferFactory(name="Kagemad", summary="Mad til dyr.")
    OfferFactory(name="Sofaen", summary="Gratis ophold.")
    OfferFactory(name="Quokkasofa", summary="Gratis mad og en sofa til quokkaer.")
    response = search(client, "gratis kagemad")
    # No item has both: the one with the most words first, and a note.
    assert response.context["result"].any_word
    assert "Ingen resultater indeholder alle ordene" in response.text
    response = search(client, "gratis mad quokkaer")
    assert titles(response)[0] == "Quokkasofa"
    assert not response.context["result"].any_word


def test_a_quoted_phrase_is_exact(client):
    OfferFactory(name="Quokka røde kors", summary="Et tilbud.")
    OfferFactory(name="Quokka kors", summary="Et røde tilbud.")
    quoted = search(client, 'quokka "røde kors"').context["result"]
    assert [hit.title for hit in quoted.hits] == ["Quokka røde kors", "Quokka kors"]
    unquoted = search(client, "quokka røde kors").context["result"]
    assert {hit.title for hit in unquoted.hits[:2]} == {
        "Quokka røde kors",
        "Quokka kors",
    }
    # Without the other item the phrase finds one, and the words two.
    assert search(client, '"kors quokka"').context["total"] == 0


def test_the_title_that_is_the_query_comes_first(client):
    MethodFactory(name="Quokka behandling for unge", summary="En metode.")
    OfferFactory(name="Quokka behandling", summary="Et tilbud.")
    MethodFactory(name="Anden metode", summary="Quokka behandling i grupper.")
    assert titles(search(client, "quokka behandling"))[0] == "Quokka behandling"


# 5. Everything a user looks for, each with its own link.


def test_talks_presenters_sources_focus_areas_and_initiatives_are_found(client):
    method = MethodFactory(name="Quokkametoden", slug="quokkametoden")
    talk = TalkFactory(title="Oplæg om quokkaer", description="Et oplæg.")
    talk.methods.add(method)
    presenter = talk.presenters.create(name="Quokka Quokkasen", job_title="Pædagog")
    source = KnowledgeSourceFactory(name="Quokkainstituttet")
    plan = PlanFactory(title="Plan for dyr")
    area = FocusAreaFactory(plan=plan, number=3, title="Quokkaernes trivsel")
    initiative = InitiativeFactory(plan=plan, title="Quokkaprojektet")

    hits = search(client, "quokka").context["result"].hits
    urls = {hit.title: hit.url for hit in hits}
    talk_url = urls["Oplæg om quokkaer"]
    assert talk_url == talk.get_absolute_url() == f"/oplaeg/{talk.slug}/"
    assert urls[presenter.name] == urls["Oplæg om quokkaer"]
    assert urls["Quokkainstituttet"] == f"/videnskilder/{source.slug}/"
    assert urls["Quokkaernes trivsel"] == f"{plan.get_absolute_url()}#focus-3"
    assert urls["Quokkaprojektet"] == (
        f"{plan.get_absolute_url()}#initiative-{initiative.pk}"
    )
    labels = {hit.title: hit.type_label for hit in hits}
    assert labels[area.title] == "Fokusområde"
    assert labels[initiative.title] == "Indsats"
    # The anchors are on the pages.
    assert f'id="talk-{talk.slug}"' in client.get("/metoder/quokkametoden/").text
    plan_page = client.get(plan.get_absolute_url()).text
    assert f'id="initiative-{initiative.pk}"' in plan_page
    assert 'id="focus-3"' in plan_page


def test_talks_only_about_drafts_are_not_found(client):
    draft = MethodFactory(name="Kladdemetode", status=Publication.DRAFT)
    talk = TalkFactory(title="Oplæg om quokkakladder")
    talk.methods.add(draft)
    talk.presenters.create(name="Quokkakladde Person")
    TalkFactory(title="Oplæg om quokkaer i det hele taget")
    result = search(client, "quokka").context["result"]
    assert [hit.title for hit in result.hits] == ["Oplæg om quokkaer i det hele taget"]


# 6. One ranked list.


def test_a_title_match_of_any_type_comes_before_a_body_match(client):
    OfferFactory(name="Værestedet", summary="Her taler vi om quokkaer.")
    GoalFactory(title="Flere quokkaer", definition="Et mål.")
    hits = search(client, "quokkaer").context["result"].hits
    assert [(h.type_label, h.title) for h in hits] == [
        ("Mål", "Flere quokkaer"),
        ("Tilbud", "Værestedet"),
    ]


def test_each_result_shows_its_type_and_municipality(client):
    randers = OrganisationFactory(
        name="Quokkaby Kommune", kind=Organisation.Kind.MUNICIPALITY
    )
    centre = OrganisationFactory(name="Quokkacentret", parent=randers)
    OfferFactory(name="Quokkahjemmet", owner=centre)
    MethodFactory(name="Quokkametoden")
    response = search(client, "quokka")
    hits = {hit.title: hit for hit in response.context["result"].hits}
    assert hits["Quokkahjemmet"].municipality == "Quokkaby Kommune"
    assert hits["Quokkametoden"].municipality == ""
    assert "Quokkaby Kommune" in response.text
    assert '<span class="tag">Tilbud</span>' in response.text


def test_no_object_is_listed_twice(client):
    method = MethodFactory(name="Quokkametoden")
    talk = TalkFactory(title="Quokkaoplæg", description="Quokka quokka.")
    talk.methods.add(method)
    talk.presenters.create(name="Quokkaholderen")
    hits = search(client, "quokka").context["result"].hits
    keys = [(hit.key, hit.title) for hit in hits]
    assert len(keys) == len(set(keys)) == 3


def _curator():
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from config.roles import sync_role_groups

    sync_role_groups(apps)
    user = get_user_model().objects.create_user(
        "kurator", password="pw-for-tests-only", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CURATORS))
    return user
