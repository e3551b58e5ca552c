from django.urls import path

from . import views

# Included at the site's root: methods live under /metoder/, talks under /oplaeg/.
app_name = "methods"
urlpatterns = [
    path("metoder/", views.MethodListView.as_view(), name="index"),
    path("metoder/<slug:slug>/", views.MethodDetailView.as_view(), name="detail"),
    path("oplaeg/", views.TalkListView.as_view(), name="talk_index"),
    path("oplaeg/<slug:slug>/", views.TalkDetailView.as_view(), name="talk_detail"),
]
