"""Two-factor login for staff over HTTP, the real step (config/two_factor.py).

The test client's login()/force_login() count as a finished login
(tests/conftest.py); every login here goes through /log-ind/ as a person's does.
"""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def log_in(client, username):
    return client.post(
        "/log-ind/", {"username": username, "password": PASSWORD, "next": "/admin/"}
    )


def current_code(device, offset=0):
    code = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=offset,
    )
    return f"{code:06d}"


def enrol(client):
    page = client.get("/log-ind/kode/opsaet/?next=/admin/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(
        "/log-ind/kode/opsaet/", {"code": current_code(device), "next": "/admin/"}
    )
    return page, response, device


@pytest.mark.parametrize("role", ["manager", "curator", "superuser"])
def test_managers_curators_and_superusers_must_connect_an_app_first(
    client, django_user_model, role
):
    user = make_user(django_user_model, role)
    response = log_in(client, user.username)
    assert response.status_code == 302
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].startswith("/log-ind/kode/opsaet/")
    # Nothing else opens either, until the app is connected.
    assert client.get("/materialer/")["Location"].startswith("/log-ind/kode/opsaet/")

    page, response, device = enrol(client)
    text = page.content.decode()
    assert "Slå totrinsbekræftelse til" in text
    assert "<svg" in text
    assert response.status_code == 200
    codes = re.findall(
        r"<li><code>([a-z0-9]{10})</code></li>", response.content.decode()
    )
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_the_next_login_asks_for_the_code_and_refuses_a_wrong_one(
    client, django_user_model
):
    user = make_user(django_user_model, "manager")
    log_in(client, user.username)
    _page, _response, device = enrol(client)
    client.post("/log-ud/")
    log_in(client, user.username)
    assert client.get("/admin/")["Location"].startswith("/log-ind/kode/?")
    wrong = client.post("/log-ind/kode/", {"code": "000000", "next": "/admin/"})
    assert "Koden er forkert" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # The next step's code: django-otp refuses a code used twice.
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(
        "/log-ind/kode/", {"code": current_code(device, 1), "next": "/admin/"}
    )
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, django_user_model):
    user = make_user(django_user_model, "superuser")
    log_in(client, user.username)
    _page, response, _device = enrol(client)
    code = re.findall(
        r"<li><code>([a-z0-9]{10})</code></li>", response.content.decode()
    )[0]
    client.post("/log-ud/")
    log_in(client, user.username)
    assert client.post("/log-ind/kode/", {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/log-ud/")
    log_in(client, user.username)
    again = client.post("/log-ind/kode/", {"code": code})
    assert "Koden er forkert" in again.content.decode()


def test_a_password_alone_cannot_connect_a_new_app(client, django_user_model):
    user = make_user(django_user_model, "manager")
    log_in(client, user.username)
    enrol(client)
    client.post("/log-ud/")
    log_in(client, user.username)
    response = client.get("/log-ind/kode/opsaet/")
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/kode/")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_staff_in_no_group_log_in_with_the_password_alone(client, staff_user):
    response = log_in(client, "staff")
    assert response.status_code == 302
    assert client.get("/materialer/").status_code == 200
    assert SESSION_KEY in client.session


def test_the_admin_login_leads_to_the_second_step_too(client, django_user_model):
    user = make_user(django_user_model, "superuser")
    client.post(
        "/admin/login/?next=/admin/",
        {"username": user.username, "password": PASSWORD, "next": "/admin/"},
    )
    assert client.get("/admin/goals/goal/")["Location"].startswith("/log-ind/kode/")
