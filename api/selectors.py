"""Reads for the open data: what anyone may see (the one visibility rule with
no user), with every relation a response shows fetched up front, so a page of
the API costs the same few queries however long it is."""

from django.db.models import Prefetch

from core.visibility import visible_through
from methods.models import TargetGroup
from services.models import LegalBasis, Location, Offer, OfferKind, Organisation

PUBLIC = None  # the public rule: the open data is the same for everyone


def services():
    """Published offers with what a list item shows."""
    return (
        Offer.objects.visible_to(PUBLIC).select_related("owner").order_by("name", "pk")
    )


def full_services():
    """Published offers with everything a fully nested service shows."""
    return (
        services()
        .select_related("kind", "legal_basis")
        .prefetch_related(
            "other_legal_bases",
            "target_groups",
            Prefetch("locations", queryset=_locations().select_related(None)),
        )
    )


def service_at_locations():
    """Addresses of published offers: each is one service at one location."""
    return _locations().select_related("offer__owner")


def full_service_at_locations():
    return (
        service_at_locations()
        .select_related("offer__kind", "offer__legal_basis")
        .prefetch_related("offer__other_legal_bases", "offer__target_groups")
    )


def organisations():
    """The organisation tree: every organisation is public (they own the offers
    and have no drafts)."""
    return Organisation.objects.select_related("parent").order_by("name", "pk")


def full_organisations():
    return organisations().prefetch_related(
        Prefetch("offers", queryset=services(), to_attr="public_offers")
    )


def target_groups():
    return TargetGroup.objects.order_by("name", "pk")


def offer_kinds():
    return OfferKind.objects.order_by("name", "pk")


def legal_bases():
    return LegalBasis.objects.order_by("code", "pk")


def _locations():
    return (
        Location.objects.filter(visible_through(Location, "offer", PUBLIC))
        .prefetch_related("opening_hours")
        .order_by("offer__name", "name", "street", "pk")
    )
