"""The HSDS 3.0 API (``/api/hsds/``): the published offers, their
organisations, addresses and vocabularies, read-only, in the shapes of Open
Referral's ``openapi.json``. Lists and items both go through ``api.selectors``
(the public rule) so an item is found exactly when a list shows it."""

from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from methods.models import TargetGroup
from services import search as offer_search
from services.models import (
    LegalBasis,
    Location,
    Offer,
    OfferKind,
    OpeningHours,
    Organisation,
)

from . import hsds, params, selectors
from .http import json_response, open_data, page, with_last_modified

# Whose history says when a response last changed (Last-Modified).
SERVICE_MODELS = (
    Offer,
    Location,
    OpeningHours,
    Organisation,
    OfferKind,
    LegalBasis,
    TargetGroup,
)
ORGANISATION_MODELS = (Organisation, Offer)
VOCABULARY_MODELS = (OfferKind, LegalBasis, TargetGroup)


@open_data
def index(request):
    return json_response(
        {
            "version": hsds.HSDS_VERSION,
            "profile": hsds.PROFILE_URL,
            "openapi_url": (
                "https://raw.githubusercontent.com/openreferral/specification/"
                "3.0/schema/openapi.json"
            ),
        }
    )


@open_data
def services(request):
    offers = filter_services(selectors.services(), request.GET)
    body = page(
        request, offers, lambda offer: hsds.service_item(offer, _page(request, offer))
    )
    return with_last_modified(json_response(body), *SERVICE_MODELS)


@open_data
def service(request, id):
    offer = _get(selectors.full_services(), id)
    body = hsds.service(offer, _page(request, offer))
    return with_last_modified(json_response(body), *SERVICE_MODELS)


@open_data
def service_at_locations(request):
    offers = filter_services(Offer.objects.all(), request.GET)
    places = selectors.service_at_locations().filter(offer__in=offers.values("pk"))
    body = page(
        request,
        places,
        lambda place: hsds.service_at_location_item(place, _page(request, place.offer)),
    )
    return with_last_modified(json_response(body), *SERVICE_MODELS)


@open_data
def service_at_location(request, id):
    found = _get(selectors.full_service_at_locations(), id)
    body = hsds.service_at_location(found, _page(request, found.offer))
    return with_last_modified(json_response(body), *SERVICE_MODELS)


@open_data
def organizations(request):
    found = selectors.organisations()
    query = params.text(request.GET, "search")
    if query:
        found = found.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    body = page(request, found, hsds.organization_item)
    return with_last_modified(json_response(body), *ORGANISATION_MODELS)


@open_data
def organization(request, id):
    body = hsds.organization(_get(selectors.full_organisations(), id))
    return with_last_modified(json_response(body), *ORGANISATION_MODELS)


@open_data
def taxonomies(request):
    found = list(hsds.TAXONOMIES)
    query = params.text(request.GET, "search").casefold()
    if query:
        found = [item for item in found if query in str(item.name).casefold()]
    return json_response(page(request, found, hsds.taxonomy))


@open_data
def taxonomy(request, id):
    wanted = str(_uuid(id))
    for item in hsds.TAXONOMIES:
        if item.id == wanted:
            return json_response(hsds.taxonomy(item))
    raise Http404


@open_data
def taxonomy_terms(request):
    terms = all_terms()
    taxonomy_id = params.uuid_value(request.GET, "taxonomy_id")
    if taxonomy_id is not None:
        terms = [term for term in terms if term["taxonomy_id"] == str(taxonomy_id)]
    if params.uuid_value(request.GET, "parent_id") is not None:
        terms = []  # the vocabularies are flat: no term has a parent
    query = params.text(request.GET, "search").casefold()
    if query:
        terms = [term for term in terms if query in term["name"].casefold()]
    body = page(request, terms, lambda term: term)
    return with_last_modified(json_response(body), *VOCABULARY_MODELS)


@open_data
def taxonomy_term(request, id):
    wanted = str(_uuid(id))
    for term in all_terms():
        if term["id"] == wanted:
            return with_last_modified(json_response(term), *VOCABULARY_MODELS)
    raise Http404


def all_terms():
    """Every term of the three vocabularies (tens of rows: read whole)."""
    return [
        *(hsds.target_group_term(group) for group in selectors.target_groups()),
        *(hsds.offer_kind_term(kind) for kind in selectors.offer_kinds()),
        *(hsds.legal_basis_term(basis) for basis in selectors.legal_bases()),
    ]


def filter_services(offers, query):
    """Narrow offers by HSDS's filters: ``search``, ``taxonomy_term_id``,
    ``taxonomy_id``, ``organization_id`` and ``modified_after``."""
    offers = offers.filter(pk__in=selectors.services().values("pk"))
    term = params.uuid_value(query, "taxonomy_term_id")
    if term is not None:
        offers = offers.filter(
            pk__in=Offer.objects.filter(
                Q(kind__uuid=term)
                | Q(legal_basis__uuid=term)
                | Q(other_legal_bases__uuid=term)
                | Q(target_groups__uuid=term)
            ).values("pk")
        )
    taxonomy_id = params.uuid_value(query, "taxonomy_id")
    if taxonomy_id is not None:
        offers = offers.filter(_in_taxonomy(str(taxonomy_id)))
    organisation = params.uuid_value(query, "organization_id")
    if organisation is not None:
        offers = offers.filter(owner__uuid=organisation)
    since = params.moment(query, "modified_after")
    if since is not None:
        offers = offers.filter(updated_at__gte=since)
    words = params.text(query, "search")
    if words:
        offers = offers.filter(
            pk__in=offer_search.matching(Offer.objects.all(), words).values("pk")
        )
    return offers


def _in_taxonomy(taxonomy_id):
    """Offers with at least one term of the taxonomy ``taxonomy_id``."""
    if taxonomy_id == hsds.OFFER_KINDS.id:
        return Q()  # every offer has a kind
    if taxonomy_id == hsds.LEGAL_BASES.id:
        return Q(
            pk__in=Offer.objects.filter(
                Q(legal_basis__isnull=False) | Q(other_legal_bases__isnull=False)
            ).values("pk")
        )
    if taxonomy_id == hsds.TARGET_GROUPS.id:
        return Q(pk__in=Offer.objects.filter(target_groups__isnull=False).values("pk"))
    return Q(pk__in=[])


def _uuid(raw):
    try:
        return params.uuid_value({"id": raw}, "id")
    except params.BadParameter:
        raise Http404 from None


def _get(queryset, raw_id):
    found = queryset.filter(uuid=_uuid(raw_id)).first()
    if found is None:
        raise Http404
    return found


def _page(request, offer):
    return request.build_absolute_uri(reverse("services:detail", args=[offer.slug]))
