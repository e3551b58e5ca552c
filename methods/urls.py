from django.urls import path

from . import views

app_name = "methods"
urlpatterns = [
    path("", views.MethodListView.as_view(), name="index"),
    path("<slug:slug>/", views.MethodDetailView.as_view(), name="detail"),
]
