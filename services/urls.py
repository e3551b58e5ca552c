from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("", views.OfferListView.as_view(), name="index"),
    # Before the offers' own addresses; no offer may take this slug.
    path("akut-hjaelp/", views.UrgentHelpView.as_view(), name="urgent_help"),
    path("<slug:slug>/", views.OfferDetailView.as_view(), name="detail"),
]
