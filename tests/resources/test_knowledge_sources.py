"""The knowledge sources: what each publishes and how many resources the
visitor may see from it."""

import pytest

from tests.factories import KnowledgeSourceFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    source = KnowledgeSourceFactory(
        name="Teststyrelsen",
        slug="t-styrelsen",
        publishes="Metodebeskrivelser og vidensdeklarationer.",
        url="https://teststyrelsen.example/",
    )
    for n in range(12):
        ResourceFactory(title=f"Testoffentlig {n:02d}", source=source, year=2000 + n)
    ResourceFactory(title="Intern testnote", source=source, visibility="staff")
    ResourceFactory(title="Testkladde", source=source, visibility="draft")
    return source


def test_the_list_says_what_each_source_publishes_and_counts_what_you_may_see(
    client, source
):
    KnowledgeSourceFactory(name="Testcentret", kind="research_centre")
    text = client.get("/videnskilder/").content.decode()
    assert "Teststyrelsen" in text
    assert "Metodebeskrivelser og vidensdeklarationer." in text
    assert "12 materialer" in text
    assert "0 materialer" in text


def test_staff_counts_include_internal_resources(client, django_user_model, source):
    client.force_login(
        django_user_model.objects.create_user(
            "medarbejder", password="x", is_staff=True
        )
    )
    assert "13 materialer" in client.get("/videnskilder/").content.decode()


def test_the_source_page_lists_the_newest_and_links_to_all(client, source):
    text = client.get("/videnskilder/t-styrelsen/").content.decode()
    assert 'href="https://teststyrelsen.example/"' in text
    assert "Testoffentlig 11" in text
    assert "Testoffentlig 01" not in text  # only the newest ten are shown
    assert "Intern testnote" not in text
    assert "Testkladde" not in text
    assert 'href="/materialer/?source=t-styrelsen"' in text
    assert "Se alle 12 materialer fra kilden" in text


def test_filter_by_kind(client, source):
    KnowledgeSourceFactory(name="Testcentret", kind="research_centre")
    response = client.get("/videnskilder/?kind=research_centre")
    found = {s.name for s in response.context["paginator"].object_list}
    assert "Testcentret" in found
    assert "Teststyrelsen" not in found


def test_an_unknown_source_is_not_found(client):
    assert client.get("/videnskilder/findes-ikke/").status_code == 404
