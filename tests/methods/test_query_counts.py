"""The method pages cost the same number of queries with 10 and with 500 of
everything they list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .catalogue import build_catalogue

pytestmark = pytest.mark.django_db

# Per page: the queries an anonymous visitor's request costs. A logged-in staff
# user costs two more (the session and the user). The list's evidence filter
# counts the ratings that exist once a request (issue #14).
EXPECTED = {
    "list": 6,
    "list, filtered": 9,
    "list, page 2": 6,
    "detail": 10,
}


def pages(catalogue):
    return {
        "list": "/metoder/",
        "list, filtered": (
            f"/metoder/?q=metode&category={catalogue.category.slug}&evidence=B"
            f"&offer={catalogue.offer.slug}"
            f"&target_group={catalogue.target_group.slug}"
        ),
        "list, page 2": "/metoder/?page=2",
        "detail": catalogue.method.get_absolute_url(),
    }


def measure(client, urls):
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("size", [10, 500])
def test_anonymous_query_counts_do_not_grow(client, size):
    catalogue = build_catalogue(size)
    assert measure(client, pages(catalogue)) == EXPECTED


@pytest.mark.parametrize("size", [10, 500])
def test_staff_query_counts_do_not_grow(client, django_user_model, size):
    catalogue = build_catalogue(size)
    client.force_login(
        django_user_model.objects.create_user("staff", password="x", is_staff=True)
    )
    # Staff cost three more on every page (the session, the user, the
    # two-factor device), and two more on a page showing one object: whether
    # they may edit it ("Redigér denne side" reads their permissions).
    expected = {
        name: count + 3 + (2 if name in {"detail"} else 0)
        for name, count in EXPECTED.items()
    }
    assert measure(client, pages(catalogue)) == expected
