"""A citizen's journey through the seed content: from the offers list to
Perron 4, to learn what it is, how to get in, and where it is."""

import pytest

from services.models import Offer

pytestmark = pytest.mark.django_db


def test_a_citizen_finds_the_drop_in_centre_perron_4(client, seed):
    listing = client.get("/tilbud/?kind=vaerested&access=walk_in")
    assert listing.status_code == 200
    assert 'href="/tilbud/perron-4/"' in listing.content.decode()

    response = client.get("/tilbud/perron-4/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>Perron 4</h1>" in text
    assert "Værested" in text
    assert "værested, hvor du bare kan komme" in text
    assert "Du kan bare møde op" in text
    assert "SEL § 104" in text
    # Where it is: its addresses, or a plain note when the documents give none.
    locations = list(Offer.objects.get(slug="perron-4").locations.all())
    if locations:
        for location in locations:
            assert location.street in text
    else:
        assert "Adressen er ikke oplyst." in text
    assert "2.331.443\xa0kr." in text


def test_the_municipality_filter_separates_randers_and_viborg(client, seed):
    randers = client.get("/tilbud/?municipality=randers-kommune")
    viborg = client.get("/tilbud/?municipality=viborg-kommune")
    randers_slugs = {offer.slug for offer in randers.context["paginator"].object_list}
    viborg_slugs = {offer.slug for offer in viborg.context["paginator"].object_list}
    assert "perron-4" in randers_slugs
    assert "perron-4" not in viborg_slugs
    assert randers_slugs and viborg_slugs
    assert not randers_slugs & viborg_slugs


@pytest.mark.parametrize(
    "slug", ["perron-4", "mestringsvejledning", "rusmiddelcenter-randers"]
)
def test_seed_offers_have_pages(client, seed, slug):
    assert client.get(f"/tilbud/{slug}/").status_code == 200
