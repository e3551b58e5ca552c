"""The methods list and the method page, as a visitor and as staff.

The test database holds the seed content too, so names here are the tests' own."""

import pytest

from methods.models import MethodPhase, MethodSource, Presenter
from services.models import OfferMethod
from tests.factories import (
    MethodCategoryFactory,
    MethodFactory,
    OfferFactory,
    ResourceFactory,
    TalkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_user(
            "medarbejder", password="x", is_staff=True
        )
    )
    return client


def test_the_list_shows_published_methods_with_category_and_evidence(client):
    category = MethodCategoryFactory(name="Testbostøtte", slug="t-bostoette")
    MethodFactory(
        name="Critical Time Testing",
        abbreviation="CTT",
        category=category,
        rating_effect="B",
    )
    MethodFactory(name="Testsamtalen", category=category)
    page = client.get("/metoder/?category=t-bostoette").content.decode()
    assert "Critical Time Testing (CTT)" in page
    assert "Testbostøtte" in page
    assert 'class="rating rating-b"' in page
    assert "Evidensniveau: ikke vurderet" in page
    assert "2 metoder" in page


def test_drafts_are_not_listed_and_have_no_page(client):
    MethodFactory(name="Hemmelig kladde", slug="kladde", status="draft")
    assert "Hemmelig kladde" not in client.get("/metoder/").content.decode()
    assert client.get("/metoder/kladde/").status_code == 404


def test_drafts_stay_hidden_from_staff_on_public_pages(staff_client):
    MethodFactory(name="Hemmelig kladde", slug="kladde", status="draft")
    assert "Hemmelig kladde" not in staff_client.get("/metoder/").content.decode()
    assert staff_client.get("/metoder/kladde/").status_code == 404


def test_an_unknown_method_is_a_danish_404(client):
    response = client.get("/metoder/findes-ikke/")
    assert response.status_code == 404


def test_the_method_page_shows_what_staff_need(client):
    parent = MethodFactory(name="Housing Testing")
    method = MethodFactory(
        name="Critical Time Testing",
        abbreviation="CTT",
        parent=parent,
        summary="En bostøttemetode i en kritisk overgang.",
        description="CTI er **tidsafgrænset**.\n\n<script>alert(1)</script>",
        target_group="Borgere i en kritisk overgang.",
        core_elements="Tidsafgrænset forløb\nTre faser\n",
        duration_months=9,
        training="Et kursus på to dage.",
        fidelity_tool="CTI-fidelitetsskala.",
        rating_effect="B",
        reason_effect="To studier viser effekt.",
        last_verified_on="2024-03-01",
    )
    child = MethodFactory(name="CTT for unge", parent=method)
    other = MethodFactory(name="Intensive Case Testing", abbreviation="ICT")
    method.related_methods.add(other)
    for number in (1, 2, 3):
        MethodPhase.objects.create(method=method, number=number, title=f"Fase {number}")
    MethodSource.objects.create(
        method=method,
        title="Testmetodeside",
        url="https://example.org/ctt",
    )
    talk = TalkFactory(title="Oplæg om CTT", audience="Nye medarbejdere")
    talk.methods.add(method)
    talk.presenters.add(
        Presenter.objects.create(name="Testa Hansen", job_title="Mestringsvejleder")
    )

    page = client.get(method.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "En bostøttemetode i en kritisk overgang." in text
    assert "<strong>tidsafgrænset</strong>" in text
    assert "<script>alert" not in text
    assert "<li>Tidsafgrænset forløb</li>" in text
    assert "9 måneder i 3 faser" in text
    assert "Fase 3" in text
    assert "Et kursus på to dage." in text
    assert "CTI-fidelitetsskala." in text
    assert "Oplæg om CTT" in text
    assert "Testa Hansen (mestringsvejleder)" in text
    assert "Nye medarbejdere" in text
    assert f'href="{parent.get_absolute_url()}"' in text
    assert f'href="{child.get_absolute_url()}"' in text
    assert f'href="{other.get_absolute_url()}"' in text
    assert 'href="https://example.org/ctt"' in text
    assert "1. marts 2024" in text


def test_the_knowledge_declaration_reads_at_a_glance_and_as_text(client):
    method = MethodFactory(
        rating_target_group="A",
        reason_target_group="Målgruppen er velbeskrevet.",
        rating_effect="C",
    )
    text = client.get(method.get_absolute_url()).content.decode()
    assert 'class="rating-grid"' in text
    assert 'class="rating rating-a"' in text
    assert "A – stærkt vidensgrundlag" in text
    assert "C – nogen viden" in text
    assert "Målgruppen er velbeskrevet." in text
    # Metode, implementering and økonomi are not rated.
    assert text.count("Ikke vurderet endnu") == 3


def test_a_draft_parent_approach_is_not_shown(client):
    parent = MethodFactory(name="Kladdetilgang", status="draft")
    method = MethodFactory(parent=parent)
    assert "Kladdetilgang" not in client.get(method.get_absolute_url()).content.decode()


def test_draft_related_and_child_methods_are_not_shown(client):
    method = MethodFactory()
    MethodFactory(name="Kladdebarn", parent=method, status="draft")
    method.related_methods.add(MethodFactory(name="Kladdeslægtning", status="draft"))
    text = client.get(method.get_absolute_url()).content.decode()
    assert "Kladdebarn" not in text
    assert "Kladdeslægtning" not in text


def test_only_published_offers_that_use_the_method_are_listed(client):
    method = MethodFactory()
    used_by = OfferFactory(name="Testvejledning")
    hidden = OfferFactory(name="Kladdetilbud", status="draft")
    OfferMethod.objects.create(offer=used_by, method=method, note="Til unge hjemløse.")
    OfferMethod.objects.create(offer=hidden, method=method)
    text = client.get(method.get_absolute_url()).content.decode()
    assert f'href="{used_by.get_absolute_url()}"' in text
    assert "Til unge hjemløse." in text
    assert "Kladdetilbud" not in text


def test_resources_follow_the_visibility_rule_for_visitors(client):
    method = MethodFactory()
    for title, visibility in (
        ("Offentlig manual", "public"),
        ("Intern retningslinje", "staff"),
        ("Kladde til vejledning", "draft"),
    ):
        ResourceFactory(title=title, visibility=visibility).methods.add(method)
    text = client.get(method.get_absolute_url()).content.decode()
    assert "Offentlig manual" in text
    assert "Intern retningslinje" not in text
    assert "Kladde til vejledning" not in text


def test_staff_see_internal_resources_marked_as_internal(staff_client):
    method = MethodFactory()
    ResourceFactory(title="Intern retningslinje", visibility="staff").methods.add(
        method
    )
    ResourceFactory(title="Kladde til vejledning", visibility="draft").methods.add(
        method
    )
    text = staff_client.get(method.get_absolute_url()).content.decode()
    assert "Intern retningslinje" in text
    assert 'class="tag tag-internal">Kun for medarbejdere' in text
    assert "Kladde til vejledning" not in text


def test_a_logged_in_user_who_is_not_staff_sees_what_visitors_see(
    client, django_user_model
):
    client.force_login(django_user_model.objects.create_user("borger", password="x"))
    method = MethodFactory()
    ResourceFactory(title="Intern retningslinje", visibility="staff").methods.add(
        method
    )
    assert (
        "Intern retningslinje"
        not in client.get(method.get_absolute_url()).content.decode()
    )


def test_unknowns_are_said_plainly(client):
    method = MethodFactory()
    text = client.get(method.get_absolute_url()).content.decode()
    assert "Ingen tilbud har skrevet, at de bruger metoden." in text
    assert "Der er ingen materialer om metoden i biblioteket endnu." in text
    assert "Ingen medarbejdere tilbyder oplæg eller kurser om metoden endnu." in text
    assert "Det er ikke oplyst, hvornår siden sidst er gennemgået." in text


def test_the_list_is_paginated_by_20(client):
    category = MethodCategoryFactory(slug="t-mange")
    for n in range(45):
        MethodFactory(name=f"Testmetode {n:02d}", category=category)
    first = client.get("/metoder/?category=t-mange").content.decode()
    third = client.get("/metoder/?category=t-mange&page=3").content.decode()
    assert first.count('class="card method-card"') == 20
    assert third.count('class="card method-card"') == 5
    assert "Side 1 af 3" in first
    assert 'href="?category=t-mange&amp;page=2"' in first


def test_pagination_links_keep_the_filters(client):
    category = MethodCategoryFactory(name="Testbostøtte", slug="t-bostoette")
    for _ in range(25):
        MethodFactory(category=category)
    text = client.get("/metoder/?category=t-bostoette").content.decode()
    assert 'href="?category=t-bostoette&amp;page=2"' in text
