"""Repeated failed logins lock out a username from the address they came from,
for longer each time; an address trying many usernames is stopped on its own;
colleagues behind one town-hall address and the owner elsewhere keep logging in
(django-axes, config/lockout.py)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT
WRONG = "forkert"


def attempt(client, username, password=WRONG, ip="10.0.0.1", path="/log-ind/"):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail(client, username, times=LIMIT, **kwargs):
    for _ in range(times):
        response = attempt(client, username, **kwargs)
        assert response.status_code in {200, 429}


def test_the_limit_is_five_failures_and_a_quarter_of_an_hour():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.LOCKOUT_BASE_COOLOFF == timedelta(minutes=15)
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_after_the_limit_even_the_right_password_is_refused_in_danish(
    client, staff_user
):
    fail(client, "staff")
    response = attempt(client, "staff", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429
    assert "Log ind er midlertidigt spærret" in page
    assert "15 minutter" in page
    assert response["Retry-After"] == "900"
    assert SESSION_KEY not in client.session


def test_failures_below_the_limit_do_not_lock(client, staff_user):
    fail(client, "staff", times=LIMIT - 1)
    response = attempt(client, "staff", PASSWORD)
    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_a_guesser_elsewhere_does_not_lock_the_owner_out(client, staff_user):
    # Finding 8: five requests from anyone used to lock any username.
    fail(client, "staff", ip="198.51.100.7")
    assert attempt(client, "staff", PASSWORD, ip="198.51.100.7").status_code == 429
    response = attempt(client, "staff", PASSWORD, ip="10.0.2.1")
    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_the_lockout_counts_the_username_with_the_address():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_each_new_lockout_lasts_twice_as_long(client, staff_user):
    fail(client, "staff", ip="10.0.5.1")
    assert attempt(client, "staff", PASSWORD, ip="10.0.5.1")["Retry-After"] == "900"
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timedelta(minutes=16)
    )
    fail(client, "staff", ip="10.0.5.1")
    second = attempt(client, "staff", PASSWORD, ip="10.0.5.1")
    assert second.status_code == 429
    assert second["Retry-After"] == "1800"
    assert "30 minutter" in second.content.decode()


def test_one_address_trying_many_usernames_is_stopped(client, staff_user, settings):
    settings.ADDRESS_FAILURE_LIMIT = 12
    for number in range(12):
        attempt(client, f"navn-{number}", ip="203.0.113.9")
    response = attempt(client, "staff", PASSWORD, ip="203.0.113.9")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    # Only that address: the owner elsewhere logs in.
    assert attempt(client, "staff", PASSWORD, ip="10.0.6.1").status_code == 302


def test_a_username_is_locked_from_the_address_it_was_guessed_from(client, staff_user):
    fail(client, "staff", ip="10.0.3.1")
    assert attempt(client, "staff", PASSWORD, ip="10.0.3.1").status_code == 429


def test_colleagues_behind_the_same_address_are_not_locked_out(
    client, staff_user, django_user_model
):
    # One town hall, one address: a colleague's failures (or a guesser's
    # attempts at other usernames) do not lock this user out.
    fail(client, "kollega", ip="10.0.3.2")
    for number in range(LIMIT):
        attempt(client, f"gaet-{number}", ip="10.0.3.2")
    response = attempt(client, "staff", PASSWORD, ip="10.0.3.2")
    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_a_forged_forwarded_for_header_does_not_change_the_counted_address(
    client, staff_user
):
    for number in range(LIMIT):
        client.post(
            "/log-ind/",
            {"username": "staff", "password": "x"},
            REMOTE_ADDR="10.0.4.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "10.0.4.1"
    }
    response = client.post(
        "/log-ind/",
        {"username": "staff", "password": PASSWORD},
        REMOTE_ADDR="10.0.4.1",
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert response.status_code == 429


def test_a_successful_login_clears_earlier_failures(client, staff_user):
    fail(client, "staff", times=LIMIT - 1)
    assert attempt(client, "staff", PASSWORD).status_code == 302
    client.post("/log-ud/")
    fail(client, "staff", times=LIMIT - 1)
    assert attempt(client, "staff", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, staff_user):
    fail(client, "staff")
    assert attempt(client, "staff", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now()
        - settings.LOCKOUT_BASE_COOLOFF
        - timedelta(minutes=1)
    )
    assert attempt(client, "staff", PASSWORD).status_code == 302


def test_the_admin_login_is_locked_too(client, superuser):
    admin_login = reverse("admin:login")
    fail(client, "admin", path=admin_login)
    response = attempt(client, "admin", "pw-for-tests-only", path=admin_login)
    assert response.status_code == 429
    assert "Log ind er midlertidigt spærret" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_failures_on_the_site_count_on_the_admin(client, superuser):
    fail(client, "admin")
    response = attempt(
        client, "admin", "pw-for-tests-only", path=reverse("admin:login")
    )
    assert response.status_code == 429
