"""Sessions, headers, body limit and passwords (issue #16: findings 4, 5, 7, 10)."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse

from config.middleware import LOGGED_IN_AT_KEY, SEEN_AT_KEY

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, username="staff", password=PASSWORD):
    return client.post("/log-ind/", {"username": username, "password": password})


def age_session(client, key, seconds):
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_a_session_ends_after_thirty_idle_minutes(client, staff_user, settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert log_in(client).status_code == 302
    age_session(client, SEEN_AT_KEY, 29 * 60)
    client.get("/")
    assert SESSION_KEY in client.session
    age_session(client, SEEN_AT_KEY, 31 * 60)
    client.get("/")
    assert SESSION_KEY not in client.session


def test_a_session_ends_twelve_hours_after_the_login_however_busy(
    client, staff_user, settings
):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert log_in(client).status_code == 302
    age_session(client, LOGGED_IN_AT_KEY, 12 * 60 * 60 + 1)
    client.get("/")  # seen a moment ago, but logged in too long ago
    assert SESSION_KEY not in client.session


def test_the_idle_limit_is_configurable(client, staff_user, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    log_in(client)
    age_session(client, SEEN_AT_KEY, 6 * 60)
    client.get("/")
    assert SESSION_KEY not in client.session


def test_the_session_key_changes_at_login(client, staff_user):
    client.get("/log-ind/")
    session = client.session
    session["before"] = 1
    session.save()
    before = session.session_key
    log_in(client)
    assert client.session.session_key != before


def test_log_out_everywhere_from_the_admin_ends_every_session_of_the_user(
    client, admin_client, staff_user, django_user_model
):
    from django.test import Client

    phone, laptop = Client(), Client()
    log_in(phone)
    log_in(laptop)
    assert SESSION_KEY in phone.session
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "log_out_everywhere", "_selected_action": [staff_user.pk]},
        follow=True,
    )
    assert "2 sessioner er afsluttet" in response.content.decode()
    assert SESSION_KEY not in phone.session
    assert SESSION_KEY not in laptop.session
    # The administrator's own session is untouched.
    assert Session.objects.count() >= 1
    assert admin_client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("path", ["/", "/materialer/", "/soeg/?q=vold", "/admin/"])
def test_pages_for_a_logged_in_user_are_private_and_not_stored(
    admin_client, path, seed
):
    response = admin_client.get(path)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control
    assert "max-age" not in cache_control


def test_robots_txt_for_a_logged_in_user_is_private_too(staff_client):
    response = staff_client.get("/robots.txt")
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_an_anonymous_page_is_not_marked_private(client, seed):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_a_large_body_to_the_login_is_refused_before_it_is_read(client, settings):
    # Finding 10: a 30 MB anonymous POST to /log-ind/ used to be parsed.
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("x.bin", b"0" * (settings.REQUEST_BODY_MAX_SIZE + 1))
    response = client.post("/log-ind/", {"username": "x", "password": "y", "f": big})
    assert response.status_code == 413
    assert "Forespørgslen er for stor" in response.content.decode()


def test_staff_may_still_upload_large_files_in_the_admin(admin_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n" + b"0" * (settings.REQUEST_BODY_MAX_SIZE * 2)
    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        {"title": "Stor fil", "file": SimpleUploadedFile("stor.pdf", pdf)},
    )
    assert response.status_code == 200  # the form answers (other fields missing)
    assert response.context["adminform"].form.errors


def test_robots_txt_does_not_name_the_admin(client, settings):
    body = client.get("/robots.txt").content.decode()
    assert settings.ADMIN_URL_PATH.strip("/") not in body
    assert "Sitemap:" in body


@pytest.mark.parametrize("path", ["/", "/healthz", "/robots.txt", "/log-ind/"])
def test_every_answer_has_a_permissions_policy(client, path, seed):
    policy = client.get(path)["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy


@pytest.mark.parametrize(
    "password",
    ["Kort-1a!", "password1234", "Password123!", "iloveyou2024", "123456789012345"],
)
def test_weak_short_or_breached_passwords_are_refused(staff_user, password):
    with pytest.raises(ValidationError):
        validate_password(password, staff_user)


def test_a_long_unbreached_passphrase_is_accepted(staff_user):
    assert validate_password("Sommerhus-Regn-47-Kaffe", staff_user) is None


def test_an_admin_cannot_set_an_eight_character_password(admin_client, staff_user):
    # Finding 5: an 8-character staff password was accepted.
    url = reverse("admin:auth_user_password_change", args=[staff_user.pk])
    response = admin_client.post(
        url,
        {"password1": "Hq7#kP2z", "password2": "Hq7#kP2z", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "mindst 12 tegn" in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def test_the_session_clock_is_written_at_login(client, staff_user):
    log_in(client)
    assert abs(client.session[LOGGED_IN_AT_KEY] - time.time()) < 60
