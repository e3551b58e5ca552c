from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from core.history import last_curated_on
from core.models import SiteContact
from core.seeding import source_years
from core.templatetags.fragments import prefetch_once
from core.views import FilteredListView

from . import selectors
from .contact import way_in
from .filters import OfferFilter
from .models import Offer


class OfferListView(FilteredListView):
    filterset_class = OfferFilter
    template_name = "services/offer/index.html"
    results_template_name = "services/offer/_results.html"
    context_object_name = "offers"

    def get_queryset(self):
        return selectors.offer_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selectors.label_places(context["offers"])
        return context

    def get_surrounding_data(self):
        return {"urgent_help": selectors.urgent_help(self.request.user)}


class OfferDetailView(DetailView):
    template_name = "services/offer/detail.html"
    context_object_name = "offer"

    def get_queryset(self):
        return selectors.offer_detail(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer = self.object
        context["prepare_fragments"] = prefetch_once(
            offer, *selectors.offer_fragment_prefetches(self.request.user)
        )
        # Shown in a fragment only: read when that is rendered.
        context["way_in"] = SimpleLazyObject(
            lambda: way_in(offer, SiteContact.current())
        )
        offer.curated_on = None
        if offer.last_verified_on is None:
            offer.curated_on = last_curated_on(offer)
        if offer.last_verified_on is None and offer.curated_on is None:
            # Only the seed has written it: say how old its source is.
            context["source_year"] = source_years(Offer, [offer.pk]).get(offer.pk)
        return context


class UrgentHelpView(ListView):
    """“Akut hjælp” on a page of its own: where search and the home page's
    block lead."""

    template_name = "services/urgent_help.html"
    context_object_name = "entries"

    def get_queryset(self):
        return selectors.urgent_help(self.request.user)
