from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="index"),
    path("<slug:slug>/", views.PlanDetailView.as_view(), name="plan"),
    path(
        "<slug:slug>/<slug:kind>.<slug:fmt>",
        views.PlanExportView.as_view(),
        name="export",
    ),
    path("<slug:plan>/<slug:code>/", views.GoalDetailView.as_view(), name="goal"),
]
