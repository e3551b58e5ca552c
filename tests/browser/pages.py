"""One address for each page type, taken from the seed content."""

from django.urls import reverse

# (name, how to find the address). Detail pages prefer a known seed row and
# fall back to any public one, so a renamed seed slug does not hide the page.
PAGE_TYPES = [
    "home",
    "offers",
    "offer",
    "offer-hours",
    "methods",
    "method",
    "resources",
    "resource",
    "sources",
    "source",
    "plans",
    "plan",
    "goal",
    "search",
    "login",
    "not-found",
    "urgent-help",
    "accessibility",
]


def _first(queryset, preferred_slug):
    row = (
        queryset.filter(slug=preferred_slug).first() or queryset.order_by("pk").first()
    )
    assert row is not None, f"no public {queryset.model.__name__} in the seed content"
    return row.get_absolute_url()


def page_path(name):
    from goals.models import Goal, Plan
    from methods.models import Method
    from resources.models import KnowledgeSource, Resource
    from services.models import Offer

    if name == "home":
        return "/"
    if name == "offers":
        return "/tilbud/"
    if name == "offer":  # address, key figures table
        return _first(Offer.objects.exclude(status="draft"), "hjoernestenen")
    if name == "offer-hours":  # opening hours, walk-in
        return _first(Offer.objects.exclude(status="draft"), "slotsgaarden")
    if name == "methods":
        return "/metoder/"
    if name == "method":
        return _first(Method.objects.exclude(status="draft"), "cti")
    if name == "resources":
        return "/materialer/"
    if name == "resource":
        return _first(
            Resource.objects.filter(visibility="public"), "guideline-mi-samtale"
        )
    if name == "sources":
        return reverse("knowledge_sources:index")
    if name == "source":
        source = KnowledgeSource.objects.filter(slug="vive").first()
        source = source or KnowledgeSource.objects.order_by("pk").first()
        return reverse("knowledge_sources:detail", args=[source.slug])
    if name == "plans":
        return "/planer/"
    if name == "plan":
        return _first(Plan.objects.all(), "aftale-csi-2019-2020")
    if name == "goal":
        goal = (
            Goal.objects.filter(plan__slug="aftale-csi-2019-2020", code="hjemloese")
            .select_related("plan")
            .first()
            or Goal.objects.select_related("plan").order_by("pk").first()
        )
        return goal.get_absolute_url()
    if name == "search":
        return reverse("search") + "?q=hjemløse"
    if name == "login":
        return "/log-ind/"
    if name == "not-found":
        return "/findes-ikke/"
    if name == "urgent-help":
        return reverse("services:urgent_help")
    if name == "accessibility":
        return reverse("accessibility_statement")
    raise ValueError(name)


def expected_status(name):
    return 404 if name == "not-found" else 200
