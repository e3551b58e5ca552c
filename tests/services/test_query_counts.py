"""The offer pages cost the same number of queries with 10 and with 500 of
everything they list."""

import pytest

from core.models import SiteContact
from tests.methods.catalogue import build_catalogue
from tests.methods.test_query_counts import measure

pytestmark = pytest.mark.django_db

# Per page, for an anonymous visitor; a logged-in staff user costs two more.
EXPECTED = {
    # count, rows, locations; the options of kind, target group, legal basis
    # and municipality; the organisation chart (each card's municipality and
    # centre) and the "Akut hjælp" entries.
    "list": 9,
    # The same, a lookup of each chosen kind, group, basis and municipality, and
    # the organisation tree (one query at any depth) to find the municipality's,
    # and whether the words are an address (issue #14).
    "list, filtered": 15,
    "list, page 2": 9,
    # The offer, and its other legal bases, target groups, locations, their
    # opening hours, sub-offers, methods, key figures and resources; the
    # organisation chart (the contact chain); for an offer not verified, the
    # date of the last change a person made and, when there is none, the
    # source document's year.
    "detail": 12,
}


@pytest.fixture(autouse=True)
def site_contact_read():
    """The footer's site contact is read once and then cached."""
    SiteContact.current()


def pages(catalogue):
    return {
        "list": "/tilbud/",
        "list, filtered": (
            f"/tilbud/?q=tilbud&kind={catalogue.kind.slug}"
            f"&target_group={catalogue.target_group.slug}&access=walk_in"
            f"&legal_basis={catalogue.legal_basis.slug}"
            f"&municipality={catalogue.municipality.slug}"
        ),
        "list, page 2": "/tilbud/?page=2",
        "detail": catalogue.offer.get_absolute_url(),
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
        name: count + 3 + (2 if name in {"detail"} else 0)
        for name, count in EXPECTED.items()
    }
    assert measure(client, pages(catalogue)) == expected
