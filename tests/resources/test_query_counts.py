"""The library and knowledge-source pages cost the same number of queries with
10 and with 500 of everything they list."""

import pytest

from tests.methods.catalogue import build_catalogue
from tests.methods.test_query_counts import measure

pytestmark = pytest.mark.django_db

# Per page, for an anonymous visitor; a logged-in staff user costs two more.
EXPECTED = {
    # The years to choose from, count, rows; the options of method, offer and
    # source.
    "list": 6,
    # The same, and a lookup of each chosen method, offer and source.
    "list, filtered": 9,
    "list, page 2": 6,
    # The resource, its published methods and offers.
    "detail": 3,
    "sources": 2,
    "sources, filtered": 2,
    # The source with its count, and its latest resources.
    "source": 2,
}


def pages(catalogue):
    return {
        "list": "/materialer/",
        "list, filtered": (
            "/materialer/?q=materiale&kind=guideline"
            f"&method={catalogue.method.slug}&offer={catalogue.offer.slug}"
            f"&source={catalogue.source.slug}&year=1991"
        ),
        "list, page 2": "/materialer/?page=2",
        "detail": "/materialer/qc-materiale-0/",
        "sources": "/videnskilder/",
        "sources, filtered": "/videnskilder/?q=qc&kind=national_agency",
        "source": f"/videnskilder/{catalogue.source.slug}/",
    }


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
        name: count + 3 + (2 if name in {"detail", "source"} else 0)
        for name, count in EXPECTED.items()
    }
    assert measure(client, pages(catalogue)) == expected
