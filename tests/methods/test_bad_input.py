"""Nothing typed into a list's address breaks it: bad pages, unknown filter
values, very long queries, NUL bytes and invalid UTF-8 give 200, 400 or 404 with
a Danish message, never a server error.

The cases are shared with the offers, library and knowledge-source lists."""

import pytest

from methods.models import Method
from tests.factories import MethodCategoryFactory, MethodFactory

pytestmark = pytest.mark.django_db

LONG = "x" * 5000

# Cases for any list page; "{filter}" is replaced by each of the page's filters.
GENERAL_CASES = [
    "page=abc",
    "page=999999",
    "page=0",
    "page=-1",
    "page=1.5",
    "page=%00",
    "page=" + "9" * 400,
    f"q={LONG}",
    "q=%00",
    "q=a%00b",
    "q=%ff%fe",
    "q=%25%5F%5C",
    "%ff%fe=%ff",
    "q=1&q=2&page=1&page=abc",
]
FILTER_CASES = [
    "{filter}=does-not-exist",
    "{filter}=%00",
    "{filter}=a%00b",
    "{filter}=%ff%fe",
    "{filter}=" + LONG,
    "{filter}=",
    "{filter}=../../etc/passwd",
    "{filter}=<script>",
]


def cases(filters):
    expanded = list(GENERAL_CASES)
    for name in filters:
        expanded += [case.format(filter=name) for case in FILTER_CASES]
    return expanded


def assert_answers_in_danish(client, path, query_string):
    response = client.get(f"{path}?{query_string}")
    assert response.status_code in {200, 400, 404}, query_string
    if response.status_code == 200:
        assert '<html lang="da">' in response.content.decode()
    return response


def assert_raw_query_survives(client, path, filters):
    # Bytes that are not UTF-8 straight in the WSGI environment.
    raw = "&".join(f"{name}=\xff\xfe\x00" for name in ["q", "page", *filters])
    response = client.get(path, QUERY_STRING=raw)
    assert response.status_code in {200, 400, 404}


FILTERS = ["category", "evidence", "offer", "target_group"]


@pytest.fixture
def methods():
    category = MethodCategoryFactory(name="Testkategori", slug="t-kategori")
    return [
        MethodFactory(name=f"Testmetode {n:02d}", category=category) for n in range(25)
    ]


def published_methods():
    return Method.objects.filter(status="published").count()


def assert_cases_cover_every_filter(client, path, filters):
    """The hostile cases go to parameters the page reads: all of its filters."""
    response = client.get(path)
    assert set(response.context["filter"].filters) == {"q", *filters}
    assert response.context["view"].page_kwarg == "page"


def test_the_cases_cover_every_filter_of_the_methods_list(client):
    assert_cases_cover_every_filter(client, "/metoder/", FILTERS)


@pytest.mark.parametrize("query_string", cases(FILTERS))
def test_the_methods_list_never_fails(client, methods, query_string):
    assert_answers_in_danish(client, "/metoder/", query_string)


def test_raw_invalid_bytes_in_the_methods_list(client, methods):
    assert_raw_query_survives(client, "/metoder/", FILTERS)


@pytest.mark.parametrize(
    "path", ["/metoder/%00/", "/metoder/%ff%fe/", "/metoder/a%00b/", "/metoder/..%2f/"]
)
def test_bad_method_addresses_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_page_that_is_not_a_number_shows_the_first_page(client, methods):
    response = client.get("/metoder/?page=abc")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert "Siden findes ikke. Du ser side 1." in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, methods):
    response = client.get("/metoder/?category=t-kategori&page=999999")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert "Du ser den sidste side, side 2." in response.content.decode()


def test_an_unknown_filter_value_is_explained_and_ignored(client, methods):
    response = client.get("/metoder/?category=does-not-exist")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in text
    assert "Et af filtrene kunne ikke bruges" in text
    assert 'aria-describedby="id_category-error"' in text
    assert response.context["paginator"].count == published_methods()


def test_the_other_filters_still_apply(client, methods):
    response = client.get("/metoder/?category=does-not-exist&q=testmetode+07")
    assert [m.name for m in response.context["methods"]] == ["Testmetode 07"]


def test_a_long_query_is_refused_with_a_danish_message(client, methods):
    response = client.get("/metoder/", {"q": LONG})
    assert response.status_code == 200
    assert "Søgeteksten er for lang. Skriv højst 200 tegn." in response.content.decode()


def test_a_nul_byte_in_the_query_is_refused_politely(client, methods):
    response = client.get("/metoder/?q=a%00b")
    assert response.status_code == 200
    assert "Null-tegn er ikke tilladte" in response.content.decode()
