from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("soeg/", views.search, name="search"),
    path("was", views.accessibility_statement, name="accessibility_statement"),
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
    # Before the admin's own: "Se på siden" only for what the user may see there.
    path(
        f"{settings.ADMIN_URL_PATH}r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(views.admin_view_on_site),
    ),
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    path("tilbud/", include("services.urls")),
    path("metoder/", include("methods.urls")),
    path("materialer/", include("resources.urls")),
    path("videnskilder/", include("resources.source_urls")),
    path("planer/", include("goals.urls")),
    path("", include("api.urls")),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler500 = "config.views.server_error"
