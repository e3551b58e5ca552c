"""The sitemap lists public pages only: each section reads its items by the one
visibility rule for no user (core/visibility.py).

/sitemap.xml is an index of one sitemap per section, each in pages of
SITEMAP_LIMIT addresses, so no response grows with the amount of content; the
items are read with only the columns their address and date need.
"""

from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.db.models import Max

from goals.models import Goal, Plan
from methods.models import Method, Talk
from resources.models import Resource
from services.models import Offer

SITEMAP_LIMIT = 500


class Sitemap(BaseSitemap):
    limit = SITEMAP_LIMIT

    def get_latest_lastmod(self):
        # For the index: one aggregate, not every item read (Django's default).
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class OfferSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Offer.objects.visible_to(None).only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class MethodSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Method.objects.visible_to(None).only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class TalkSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        # Talks have no draft state: every talk is public.
        return Talk.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ResourceSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        # The sitemap is public, so staff-only material never shows.
        return (
            Resource.objects.visible_to(None).only("slug", "updated_at").order_by("pk")
        )

    def lastmod(self, item):
        return item.updated_at


class PlanSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Plan.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class GoalSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        # get_absolute_url needs the plan's slug.
        return (
            Goal.objects.select_related("plan")
            .only("code", "updated_at", "plan", "plan__slug")
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "tilbud": OfferSitemap,
    "metoder": MethodSitemap,
    "oplaeg": TalkSitemap,
    "materialer": ResourceSitemap,
    "planer": PlanSitemap,
    "maal": GoalSitemap,
}
