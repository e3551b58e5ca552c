from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("", views.OfferListView.as_view(), name="index"),
    path("<slug:slug>/", views.OfferDetailView.as_view(), name="detail"),
]
