"""The 400 and 403 pages (and the failed-CSRF page) are Danish, carry the
security headers, and are rendered without the database or the request's
context, so a bad Host header cannot break them."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from config import urls as root_urls
from config.views import permission_denied

from .test_headers import assert_no_inline_code, assert_security_headers

pytestmark = pytest.mark.django_db


def assert_danish_error_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert heading in page
    assert '<html lang="da">' in page
    assert "Randers Kommune" in page  # SITE_OWNER, from settings, not the request
    for english in ["Bad Request", "Forbidden", "CSRF verification failed"]:
        assert english not in page
    assert_security_headers(response)
    assert_no_inline_code(page, heading)


def test_the_handlers_are_the_site_own():
    assert root_urls.handler400 == "config.views.bad_request"
    assert root_urls.handler403 == "config.views.permission_denied"


def test_a_bad_host_header_gets_the_danish_400_page(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/", HTTP_HOST="angriber.example")
    assert_danish_error_page(response, 400, "Forespørgslen kunne ikke læses")


def test_too_many_query_fields_get_the_danish_400_page(client):
    query = "&".join(f"f{number}=1" for number in range(2001))
    response = client.get(f"{reverse('search')}?{query}")
    assert_danish_error_page(response, 400, "Forespørgslen kunne ikke læses")


def test_a_page_without_permission_gets_the_danish_403_page(staff_client):
    response = staff_client.get(reverse("admin:goals_goal_changelist"))
    assert_danish_error_page(response, 403, "Du har ikke adgang til siden")
    assert 'href="/log-ind/"' in response.content.decode()


def test_the_403_page_does_not_show_the_exception_text(rf):
    response = permission_denied(rf.get("/"), PermissionDenied("intern-detalje"))
    assert response.status_code == 403
    assert "intern-detalje" not in response.content.decode()


def test_a_failed_csrf_check_gets_the_danish_page(staff_user):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/log-ind/", {"username": "staff", "password": "x"})
    assert_danish_error_page(response, 403, "Formularen er udløbet")
    assert "Tillad cookies fra portalen" in response.content.decode()


def test_the_staff_member_still_gets_a_403_with_a_permission(staff_user):
    # Sanity: the 403 above is the missing permission, not a broken admin.
    staff_user.user_permissions.add(Permission.objects.get(codename="view_goal"))
    client = Client()
    client.force_login(staff_user)
    assert client.get(reverse("admin:goals_goal_changelist")).status_code == 200
