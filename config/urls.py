from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language

from . import admin_views, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("soeg/", views.search, name="search"),
    path(
        "tilgaengelighed/",
        views.accessibility_statement,
        name="accessibility_statement",
    ),
    path("was", RedirectView.as_view(pattern_name="accessibility_statement")),
    # The language switch in the header: Django's view, which sets the language
    # cookie and returns to the page. Without a CSRF token, so that pages with
    # the switch stay in the page cache; choosing a language is all it can do.
    path("sprog/", csrf_exempt(set_language), name="set_language"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of one sitemap per section, each in pages of SITEMAP_LIMIT.
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<slug:section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("config.auth_urls")),
    # Before the admin's own URLs, under its address and its login.
    path(
        f"{settings.ADMIN_URL_PATH}fuldstaendighed/",
        admin.site.admin_view(admin_views.completeness_report),
        name="completeness_report",
    ),
    # Before the admin's own: "Se på siden" only for what the user may see there.
    path(
        f"{settings.ADMIN_URL_PATH}r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(views.admin_view_on_site),
    ),
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    path("tilbud/", include("services.urls")),
    path("", include("methods.urls")),
    path("materialer/", include("resources.urls")),
    path("videnskilder/", include("resources.source_urls")),
    path("planer/", include("goals.urls")),
    path("", include("api.urls")),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler500 = "config.views.server_error"
