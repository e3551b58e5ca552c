from django.urls import path

from . import views

app_name = "resources"
urlpatterns = [
    path("", views.ResourceListView.as_view(), name="index"),
    path("<slug:slug>/", views.ResourceDetailView.as_view(), name="detail"),
    path("<slug:slug>/hent/", views.download, name="download"),
]
