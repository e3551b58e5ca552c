"""One address per page type, picked from the database: the public object of
each type with the most related rows, so every related list on its page has
something in it (an empty list can skip a prefetch query and hide a problem)."""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from core.models import Publication
from goals.models import Goal, Plan
from methods.models import Method, MethodCategory
from resources.models import KnowledgeSource, Resource
from services.models import Location, Offer, OfferKind

PUBLISHED = {"status": Publication.PUBLISHED}


def page_addresses():
    """``{page type: address}`` for every public page type."""
    offer = _heaviest(
        Offer.objects.filter(**PUBLISHED), "method_uses", "resources", "locations"
    )
    method = _heaviest(
        Method.objects.filter(**PUBLISHED), "offer_uses", "resources", "talks"
    )
    resource = _heaviest(Resource.objects.visible_to(None), "methods", "offers")
    source = _heaviest(KnowledgeSource.objects.all(), "resources")
    plan = _heaviest(Plan.objects.all(), "goals", "focus_areas", "initiatives")
    goal = _heaviest(
        Goal.objects.select_related("plan").filter(baseline__isnull=False),
        "measurements",
        "targets",
        "responsible_offers",
    )
    category = _heaviest(MethodCategory.objects.all(), "methods")
    kind = _heaviest(OfferKind.objects.all(), "offers")
    return {
        "home": "/",
        "offers": "/tilbud/",
        "offers filtered": f"/tilbud/?{urlencode({'kind': kind.slug, 'q': 'bolig'})}",
        "offer": offer.get_absolute_url(),
        "methods": "/metoder/",
        "methods filtered": f"/metoder/?{urlencode({'category': category.slug})}",
        "method": method.get_absolute_url(),
        "resources": "/materialer/",
        "resources filtered": "/materialer/?kind=report",
        "resource": resource.get_absolute_url(),
        "knowledge sources": "/videnskilder/",
        "knowledge source": reverse(
            "knowledge_sources:detail", kwargs={"slug": source.slug}
        ),
        "search": f"/soeg/?{urlencode({'q': 'borgere'})}",
        "plans": "/planer/",
        "plan": plan.get_absolute_url(),
        "goal": goal.get_absolute_url(),
        "sitemap": "/sitemap.xml",
        "sitemap section": "/sitemap-tilbud.xml",
        **_open_data_addresses(offer, method, goal),
    }


def _open_data_addresses(offer, method, goal):
    """The open data (api/): each list and each kind of item."""
    place = (
        Location.objects.filter(offer__status=Publication.PUBLISHED)
        .annotate(weight=Count("opening_hours"))
        .order_by("-weight", "pk")
        .first()
    )
    return {
        "hsds services": "/api/hsds/services",
        "hsds services filtered": "/api/hsds/services?search=bolig",
        "hsds service": f"/api/hsds/services/{offer.uuid}",
        "hsds services at locations": "/api/hsds/service_at_locations",
        "hsds service at location": f"/api/hsds/service_at_locations/{place.uuid}",
        "hsds organizations": "/api/hsds/organizations",
        "hsds organization": f"/api/hsds/organizations/{offer.owner.uuid}",
        "hsds taxonomy terms": "/api/hsds/taxonomy_terms",
        "api methods": "/api/v1/methods",
        "api method": f"/api/v1/methods/{method.slug}",
        "api goals": "/api/v1/goals",
        "api goal": f"/api/v1/goals/{goal.plan.slug}/{goal.code}",
    }


def _heaviest(queryset, *relations):
    weight = sum(
        (Count(relation, distinct=True) for relation in relations[1:]),
        Count(relations[0], distinct=True),
    )
    return queryset.annotate(weight=weight).order_by("-weight", "pk").first()
