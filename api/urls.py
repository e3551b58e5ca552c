from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import pages, views
from .v1 import views as v1

app_name = "api"

urlpatterns = [
    path("aabne-data/", pages.open_data_page, name="open_data"),
    path("api/hsds/", views.index, name="hsds_index"),
    path("api/hsds/services", views.services, name="hsds_services"),
    path("api/hsds/services/<str:id>", views.service, name="hsds_service"),
    path("api/hsds/organizations", views.organizations, name="hsds_organizations"),
    path(
        "api/hsds/organizations/<str:id>", views.organization, name="hsds_organization"
    ),
    path(
        "api/hsds/service_at_locations",
        views.service_at_locations,
        name="hsds_service_at_locations",
    ),
    path(
        "api/hsds/service_at_locations/<str:id>",
        views.service_at_location,
        name="hsds_service_at_location",
    ),
    path("api/hsds/taxonomies", views.taxonomies, name="hsds_taxonomies"),
    path("api/hsds/taxonomies/<str:id>", views.taxonomy, name="hsds_taxonomy"),
    path("api/hsds/taxonomy_terms", views.taxonomy_terms, name="hsds_taxonomy_terms"),
    path(
        "api/hsds/taxonomy_terms/<str:id>",
        views.taxonomy_term,
        name="hsds_taxonomy_term",
    ),
    path("api/", pages.api_page, name="api_page"),
    path("api/schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("api/v1/methods", v1.MethodList.as_view(), name="v1_methods"),
    path("api/v1/methods/<slug:slug>", v1.MethodDetail.as_view(), name="v1_method"),
    path("api/v1/goals", v1.GoalList.as_view(), name="v1_goals"),
    path(
        "api/v1/goals/<slug:plan>/<slug:code>", v1.GoalDetail.as_view(), name="v1_goal"
    ),
]
