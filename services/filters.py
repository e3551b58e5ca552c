"""The filters of the offers list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import PortalFilterSet, SlugChoiceFilter, TextQueryFilter
from methods.models import TargetGroup

from . import search
from .models import LegalBasis, Offer, OfferKind, Organisation


class OfferFilter(PortalFilterSet):
    q = TextQueryFilter(
        matcher=search.matching,
        label=_("Søg i tilbud"),
    )
    kind = SlugChoiceFilter(label=_("Type"), queryset=OfferKind.objects.all())
    target_group = SlugChoiceFilter(
        label=_("Målgruppe"),
        queryset=TargetGroup.objects.all(),
        field_name="target_groups",
    )
    access = django_filters.ChoiceFilter(
        label=_("Adgang"),
        choices=Offer.Access.choices,
        empty_label=_("Alle"),
        method="filter_access",
    )
    legal_basis = SlugChoiceFilter(
        label=_("Lovgrundlag"),
        queryset=LegalBasis.objects.all(),
        method="filter_legal_basis",
    )
    municipality = SlugChoiceFilter(
        label=_("Kommune"),
        queryset=Organisation.objects.filter(parent__isnull=True),
        method="filter_municipality",
    )

    class Meta:
        model = Offer
        fields = ["q", "kind", "target_group", "access", "legal_basis", "municipality"]

    def filter_access(self, queryset, name, value):
        """An offer open both with and without referral answers both questions:
        "Du kan bare møde op" and "Kræver visitation" each include it."""
        wanted = {value}
        if value in (Offer.Access.WALK_IN, Offer.Access.REFERRED):
            wanted.add(Offer.Access.BOTH)
        return queryset.filter(access__in=wanted)

    def filter_legal_basis(self, queryset, name, value):
        """The primary paragraph or one of the others."""
        secondary = Offer.other_legal_bases.through.objects.filter(legalbasis=value)
        return queryset.filter(
            Q(legal_basis=value) | Q(pk__in=secondary.values("offer_id"))
        )

    def filter_municipality(self, queryset, name, value):
        """Offers owned anywhere in the municipality's organisation tree, at
        any depth (the rule: ``Organisation.objects.in_municipality``)."""
        return queryset.filter(owner__in=Organisation.objects.in_municipality(value))
