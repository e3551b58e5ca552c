"""Reads of offers for the public pages, each at a fixed number of queries.

Resources build on offers: what they list on an offer's page, they contribute
(core/relations.py).
"""

from django.db.models import Prefetch

from core.relations import contributed_prefetches
from core.visibility import visible_through

from .models import Location, Offer, OfferMethod


def offer_list(user):
    """Offers for the list page: what a card shows, at two queries per page."""
    return (
        Offer.objects.visible_to(user)
        .select_related("kind", "legal_basis")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.order_by("name", "street"))
        )
    )


def offer_detail(user):
    """Offers for the offer page, with everything it shows, for ``user``."""
    visible = Offer.objects.visible_to(user)
    return visible.select_related(
        "kind", "legal_basis", "owner__parent", "parent"
    ).prefetch_related(
        "other_legal_bases",
        "target_groups",
        Prefetch(
            "locations",
            queryset=Location.objects.prefetch_related("opening_hours"),
        ),
        Prefetch(
            "sub_offers",
            queryset=visible.select_related("kind"),
            to_attr="published_sub_offers",
        ),
        Prefetch(
            "method_uses",
            queryset=OfferMethod.objects.filter(
                visible_through(OfferMethod, "method", user)
            )
            .select_related("method")
            .order_by("method__name"),
            to_attr="published_method_uses",
        ),
        "key_figures",
        *contributed_prefetches(Offer, user),
    )
