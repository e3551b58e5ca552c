"""Login, logout and password reset, under Danish addresses.

The URL names are Django's own, so ``{% url 'login' %}`` and the admin's links work.
"""

from django.contrib import admin
from django.urls import path

from . import auth_views, two_factor

# The admin's login gets the same input checks as the site's (see auth_views).
admin.site.login_form = auth_views.AdminAuthenticationForm

urlpatterns = [
    path("log-ind/", auth_views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("log-ind/kode/", two_factor.verify, name="two_factor_verify"),
    path("log-ind/kode/opsaet/", two_factor.setup, name="two_factor_setup"),
    path(
        "log-ind/glemt-kodeord/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "log-ind/glemt-kodeord/sendt/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "log-ind/nyt-kodeord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "log-ind/nyt-kodeord/gemt/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
