from django.views.generic import DetailView

from core.views import FilteredListView

from . import selectors
from .filters import OfferFilter


class OfferListView(FilteredListView):
    filterset_class = OfferFilter
    template_name = "services/offer/index.html"
    context_object_name = "offers"

    def get_queryset(self):
        return selectors.offer_list(self.request.user)


class OfferDetailView(DetailView):
    template_name = "services/offer/detail.html"
    context_object_name = "offer"

    def get_queryset(self):
        return selectors.offer_detail(self.request.user)
