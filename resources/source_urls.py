"""The knowledge sources, at /videnskilder/ (the library itself is resources.urls)."""

from django.urls import path

from . import views

app_name = "knowledge_sources"
urlpatterns = [
    path("", views.KnowledgeSourceListView.as_view(), name="index"),
    path("<slug:slug>/", views.KnowledgeSourceDetailView.as_view(), name="detail"),
]
