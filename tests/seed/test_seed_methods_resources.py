"""Facts from the municipality's documents that the methods and resources seed
files must carry over exactly (see ../shared/seeds/000-004)."""

import pytest

from methods.models import Method, Presenter, Talk
from resources.models import KnowledgeSource, Resource

pytestmark = pytest.mark.django_db


def test_cti_runs_nine_months_in_three_phases_under_housing_first(seed):
    cti = Method.objects.get(slug="cti")
    assert cti.abbreviation == "CTI"
    assert cti.duration_months == 9
    assert cti.phases.count() == 3
    assert cti.category.slug == "bostoette"
    assert cti.parent.slug == "housing-first"
    assert cti.related_methods.filter(slug="icm").exists()


def test_icm_and_act_are_housing_first_support_methods(seed):
    for slug in ("icm", "act"):
        method = Method.objects.get(slug=slug)
        assert method.category.slug == "bostoette"
        assert method.parent.slug == "housing-first"


def test_no_method_has_an_invented_knowledge_declaration(seed):
    assert not Method.objects.exclude(rating_effect="").exists()


def test_all_talks_are_loaded_and_mi_is_given_by_felix_venndt(seed):
    assert Talk.objects.count() == 15
    talk = Talk.objects.get(
        title="Undervisning og træning i Motiverende Interview (MI)"
    )
    assert list(talk.presenters.values_list("name", flat=True)) == ["Felix Venndt"]
    assert talk.methods.filter(slug="mi").exists()
    assert (
        Presenter.objects.get(name="Felix Venndt").job_title == "Udviklingsmedarbejder"
    )


def test_cti_and_icm_talk_is_given_by_a_mestringsvejleder(seed):
    talk = Talk.objects.get(title="Oplæg om CTI og ICM")
    presenter = talk.presenters.get()
    assert (presenter.name, presenter.job_title) == (
        "Allan Hansen",
        "Mestringsvejleder",
    )
    assert set(talk.methods.values_list("slug", flat=True)) == {"cti", "icm"}


def test_laer_at_tackle_has_seven_modules_at_perron_4(seed):
    method = Method.objects.get(slug="laer-at-tackle")
    assert "7 moduler" in method.summary
    assert "Perron 4" in method.summary
    assert Talk.objects.get(title="Oplæg om Lær at Tackle").presenters.get().name == (
        "Charlotte Harbo Søndergaard"
    )


def test_the_two_safety_procedures_are_for_staff_only(seed):
    titles = {
        "Retningslinjer for risikovurderinger",
        "Retningslinjer og kriseplan vedr. sikkerhed, vold, trusler",
    }
    procedures = Resource.objects.filter(title__in=titles)
    assert procedures.count() == 2
    assert set(procedures.values_list("kind", "visibility")) == {("guideline", "staff")}
    assert not Resource.objects.visible_to(None).filter(title__in=titles).exists()
    assert Resource.objects.filter(visibility="staff").count() == 2


def test_service_descriptions_carry_their_links(seed):
    cti = Resource.objects.get(title="Ydelsesbeskrivelse for CTI")
    assert cti.url == "https://broen.randers.dk/media/51583/ydelsesbeskrivelse-cti.docx"
    assert cti.kind == "service_description"
    assert list(cti.methods.values_list("slug", flat=True)) == ["cti"]
    assert list(cti.offers.values_list("slug", flat=True)) == ["mestringsvejledning"]
    perron = Resource.objects.get(title="Ydelsesbeskrivelse for Perron 4")
    assert (
        perron.url == "https://broen.randers.dk/media/49296/ydelsesbeskrivelse-104.docx"
    )


def test_articles_keep_their_authors(seed):
    assert Resource.objects.get(title="Din hjerne belønner misbrug").authors == (
        "Henrik Rindom"
    )
    assert Resource.objects.get(title="Forråelse").authors == "Dorthe Birkemose"


def test_national_alcohol_guideline_comes_from_sundhedsstyrelsen(seed):
    nkr = Resource.objects.get(
        title="Nationale kliniske retningslinjer for behandling af alkoholafhængighed"
    )
    assert nkr.source.slug == "sundhedsstyrelsen"
    assert nkr.year == 2015
    assert nkr.methods.filter(slug="cra").exists()


def test_knowledge_providers_from_the_centre_note_are_loaded(seed):
    expected = {
        "sundhedsstyrelsen",
        "alkohol-og-samfund",
        "vive",
        "alkopedia",
        "socialstyrelsen",
        "center-for-rusmiddelforskning",
        "enheden-for-klinisk-alkoholforskning",
        "kls-rusmiddelkonference",
        "den-nationale-alkoholkonference",
        "viso",
        "ramboell-management-consulting",
        "cowi",
    }
    slugs = set(KnowledgeSource.objects.values_list("slug", flat=True))
    assert expected <= slugs
    assert KnowledgeSource.objects.get(slug="viso").kind == "advisory"
