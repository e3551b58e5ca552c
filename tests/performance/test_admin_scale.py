"""Admin lists at scale: a list filter on a relation with more items than a
select can help with offers only the chosen one, instead of loading them all
on every page of the list (4,000 offers as a goal's responsible offers)."""

from django.urls import reverse

from core.filters import MAX_CHOICES
from services.models import Offer
from tests.factories import OfferFactory, OrganisationFactory, PlanFactory

from .test_instance_counts import counting_instances


def offer_choices(response):
    for spec in response.context["cl"].filter_specs:
        if getattr(spec, "field_path", "") == "responsible_offers":
            return [label for _pk, label in spec.lookup_choices]
    return None  # not shown


def test_a_relation_filter_with_too_many_items_offers_only_the_chosen_one(
    admin_client,
):
    owner = OrganisationFactory()
    kind = OfferFactory(owner=owner).kind
    legal_basis = Offer.objects.get(owner=owner).legal_basis
    Offer.objects.bulk_create(
        Offer(
            name=f"Massetilbud {n}",
            slug=f"massetilbud-{n}",
            owner=owner,
            kind=kind,
            legal_basis=legal_basis,
        )
        for n in range(MAX_CHOICES + 1)
    )
    PlanFactory()
    url = reverse("admin:goals_goal_changelist")
    with counting_instances() as loaded:
        response = admin_client.get(url)
    assert response.status_code == 200
    assert offer_choices(response) is None
    assert loaded["services.Offer"] <= MAX_CHOICES + 1

    chosen = Offer.objects.get(slug="massetilbud-7")
    response = admin_client.get(url, {"responsible_offers__id__exact": chosen.pk})
    assert offer_choices(response) == ["Massetilbud 7"]


def test_a_small_relation_filter_still_lists_every_item(admin_client):
    OfferFactory(name="Et lille tilbud")
    response = admin_client.get(reverse("admin:goals_goal_changelist"))
    assert "Et lille tilbud" in offer_choices(response)
