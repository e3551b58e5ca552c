"""What a citizen cannot see: the completeness report for curators.

For every published offer, every organisation and every public or internal
material, the details a reader would look for and not find (no phone, no
e-mail, no address, no opening hours, no digital copy, not verified or
reviewed for ``settings.VERIFICATION_MAX_AGE_MONTHS`` months). It spans the
services and resources apps, so it lives with the project.

``report()`` gives the rows (the admin page ``completeness_report``);
``counts()`` the totals per gap (the admin index, and a curator's start page).
Each costs a fixed number of queries whatever the amount of content.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.verification import verification_cutoff
from resources.models import Resource
from services.models import Offer, OpeningHours, Organisation


class Kind:
    OFFER = "tilbud"
    ORGANISATION = "organisation"
    RESOURCE = "materiale"


KIND_LABELS = {
    Kind.OFFER: _("Tilbud"),
    Kind.ORGANISATION: _("Organisation"),
    Kind.RESOURCE: _("Materiale"),
}


class Gap:
    PHONE = "telefon"
    EMAIL = "email"
    ADDRESS = "adresse"
    HOURS = "aabningstider"
    COPY = "digital-kopi"
    VERIFIED = "ikke-bekraeftet"


def gap_labels():
    months = settings.VERIFICATION_MAX_AGE_MONTHS
    return {
        Gap.PHONE: _("Intet telefonnummer"),
        Gap.EMAIL: _("Ingen e-mail"),
        Gap.ADDRESS: _("Ingen adresse"),
        Gap.HOURS: _("Ingen åbningstider"),
        Gap.COPY: _("Ingen digital kopi"),
        Gap.VERIFIED: ngettext_lazy(
            "Ikke bekræftet i %(months)d måned",
            "Ikke bekræftet i %(months)d måneder",
            "months",
        )
        % {"months": months},
    }


@dataclass
class Row:
    kind: str
    name: str
    admin_url: str
    gaps: list = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def gap_labels(self):
        labels = gap_labels()
        return [labels[gap] for gap in self.gaps]


def report():
    """Every item with at least one gap, offers first, then organisations and
    materials, each by name."""
    rows = [*_offer_rows(), *_organisation_rows(), *_resource_rows()]
    return [row for row in rows if row.gaps]


def counts():
    """``{(kind, gap): number of items}`` for every gap that occurs."""
    totals = {}
    for row in report():
        for gap in row.gaps:
            totals[(row.kind, gap)] = totals.get((row.kind, gap), 0) + 1
    return totals


@dataclass
class CountLine:
    kind: str
    gap: str
    label: str
    count: int
    url: str


def count_lines():
    """The totals as lines to show ("Tilbud: Intet telefonnummer – 43"),
    each linking to the report filtered to it."""
    labels = gap_labels()
    base = reverse("completeness_report")
    return [
        CountLine(
            kind,
            gap,
            f"{KIND_LABELS[kind]}: {labels[gap]}",
            count,
            f"{base}?type={kind}&mangler={gap}",
        )
        for (kind, gap), count in sorted(counts().items(), key=_line_order)
    ]


def _line_order(item):
    (kind, gap), _count = item
    kinds = list(KIND_LABELS)
    gaps = list(gap_labels())
    return kinds.index(kind), gaps.index(gap)


def _offer_rows():
    cutoff = verification_cutoff()
    hours = OpeningHours.objects.filter(location__offer=OuterRef("pk"))
    offers = (
        Offer.objects.visible_to(None)
        .annotate(address_count=Count("locations"), has_hours=Exists(hours))
        .only("name", "phone", "email", "last_verified_on")
        .order_by("name")
    )
    for offer in offers:
        gaps = []
        if not offer.phone:
            gaps.append(Gap.PHONE)
        if not offer.email:
            gaps.append(Gap.EMAIL)
        if not offer.address_count:
            gaps.append(Gap.ADDRESS)
        if not offer.has_hours:
            gaps.append(Gap.HOURS)
        if offer.last_verified_on is None or offer.last_verified_on < cutoff:
            gaps.append(Gap.VERIFIED)
        yield Row(Kind.OFFER, offer.name, _admin_url(offer), gaps)


def _organisation_rows():
    for organisation in Organisation.objects.only("name", "phone", "email"):
        gaps = []
        if not organisation.phone:
            gaps.append(Gap.PHONE)
        if not organisation.email:
            gaps.append(Gap.EMAIL)
        yield Row(Kind.ORGANISATION, organisation.name, _admin_url(organisation), gaps)


def _resource_rows():
    cutoff = verification_cutoff()
    readable = Q(visibility__in=[*Resource.public_values, *Resource.staff_values])
    for resource in (
        Resource.objects.filter(readable)
        .only("title", "file", "url", "last_reviewed_on")
        .order_by("title")
    ):
        gaps = []
        if not resource.file and not resource.url:
            gaps.append(Gap.COPY)
        if resource.last_reviewed_on is None or resource.last_reviewed_on < cutoff:
            gaps.append(Gap.VERIFIED)
        yield Row(Kind.RESOURCE, resource.title, _admin_url(resource), gaps)


def _admin_url(item):
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
