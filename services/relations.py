"""What services adds to the methods app's pages (core/relations.py): the offers
that use a method, on its page, and the "used in the offer" filter of the
methods list."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.filters import SlugChoiceFilter, name_with_parent, requester
from core.relations import contribute_filter, contribute_prefetch
from core.visibility import visible_through

from .models import Offer, OfferMethod


def method_offer_uses(user):
    """A method's uses in the offers ``user`` may see: ``published_offer_uses``."""
    return Prefetch(
        "offer_uses",
        queryset=OfferMethod.objects.filter(visible_through(OfferMethod, "offer", user))
        .select_related("offer", "offer__kind")
        .order_by("offer__name"),
        to_attr="published_offer_uses",
    )


def visible_offers(request):
    return Offer.objects.visible_to(requester(request)).select_related("parent")


def method_offer_filter():
    """The methods list's "used in the offer" filter."""
    return SlugChoiceFilter(
        label=_("Bruges i tilbuddet"),
        queryset=visible_offers,
        field_name="offers",
        label_from_instance=name_with_parent,
    )


def contribute():
    contribute_prefetch("methods.Method", method_offer_uses)
    contribute_filter(
        "methods.Method", "offer", method_offer_filter, before="target_group"
    )
