"""The library list and the resource page, by the one visibility rule."""

import pytest

from tests.factories import (
    KnowledgeSourceFactory,
    MethodFactory,
    OfferFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "medarbejder", password="x", is_staff=True
    )


@pytest.fixture
def library():
    return {
        visibility: ResourceFactory(
            title=f"Materiale {visibility}", slug=visibility, visibility=visibility
        )
        for visibility in ("public", "staff", "draft")
    }


def test_visitors_see_only_public_resources(client, library):
    text = client.get("/materialer/").content.decode()
    assert "Materiale public" in text
    assert "Materiale staff" not in text
    assert "Materiale draft" not in text
    assert client.get("/materialer/public/").status_code == 200
    assert client.get("/materialer/staff/").status_code == 404
    assert client.get("/materialer/draft/").status_code == 404


def test_users_who_are_not_staff_are_visitors(client, django_user_model, library):
    client.force_login(django_user_model.objects.create_user("borger", password="x"))
    assert "Materiale staff" not in client.get("/materialer/").content.decode()
    assert client.get("/materialer/staff/").status_code == 404


def test_staff_see_internal_resources_marked_but_never_drafts(
    client, staff_user, library
):
    client.force_login(staff_user)
    text = client.get("/materialer/").content.decode()
    assert "Materiale staff" in text
    assert 'class="tag tag-internal">Kun for medarbejdere' in text
    assert "Materiale draft" not in text
    detail = client.get("/materialer/staff/")
    assert detail.status_code == 200
    assert "Kun for medarbejdere" in detail.content.decode()
    assert client.get("/materialer/draft/").status_code == 404


def test_the_resource_page_shows_its_facts(client):
    source = KnowledgeSourceFactory(name="Teststyrelsen", slug="t-styrelsen")
    method = MethodFactory(name="Critical Time Testing", abbreviation="CTT")
    offer = OfferFactory(name="Testvejledning")
    resource = ResourceFactory(
        title="Ydelsesbeskrivelse for CTT",
        kind="service_description",
        authors="Anne Andersen, Bo Berg",
        publisher="Center for Socialt Udsatte",
        source=source,
        year=2018,
        summary="Beskriver forløbet.",
        url="https://example.org/media/ydelsesbeskrivelse-cti.docx",
    )
    resource.methods.add(method, MethodFactory(name="Kladdemetode", status="draft"))
    resource.offers.add(offer, OfferFactory(name="Kladdetilbud", status="draft"))
    text = client.get(resource.get_absolute_url()).content.decode()
    assert "Ydelsesbeskrivelse" in text
    assert "Beskriver forløbet." in text
    assert "Anne Andersen, Bo Berg" in text
    assert "Center for Socialt Udsatte" in text
    assert "2018" in text
    assert "DOCX" in text
    assert 'href="https://example.org/media/ydelsesbeskrivelse-cti.docx"' in text
    assert 'href="/videnskilder/t-styrelsen/"' in text
    assert f'href="{method.get_absolute_url()}"' in text
    assert f'href="{offer.get_absolute_url()}"' in text
    assert "Kladdemetode" not in text
    assert "Kladdetilbud" not in text


def test_a_link_to_a_web_page_has_no_file_type(client):
    resource = ResourceFactory(url="https://example.org/metoder/cti")
    text = client.get(resource.get_absolute_url()).content.decode()
    assert "Gå til materialet" in text
    assert "Webside" in text


def test_a_resource_with_neither_file_nor_link_says_so(client):
    resource = ResourceFactory()
    text = client.get(resource.get_absolute_url()).content.decode()
    assert "Materialet findes ikke i en digital udgave her." in text


def test_unknown_facts_are_said_plainly(client):
    resource = ResourceFactory(year=None)
    text = client.get(resource.get_absolute_url()).content.decode()
    assert text.count("Ikke oplyst") == 3  # authors, publisher, year
