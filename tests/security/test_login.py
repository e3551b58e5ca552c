"""Staff log in at /log-ind/, log out with a POST, and reset a forgotten password."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(
        "/log-ind/", {"username": username, "password": password, **extra}
    )


def test_the_login_page_is_in_danish(client):
    response = client.get("/log-ind/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Log ind</h1>" in page
    assert 'autocomplete="current-password"' in page
    assert "Har du glemt din adgangskode?" in page


def test_a_staff_member_logs_in_and_is_sent_on(client, staff_user):
    response = log_in(client, "staff", next="/metoder/")
    assert response.status_code == 302
    assert response["Location"] == "/metoder/"
    assert client.session[SESSION_KEY] == str(staff_user.pk)


def test_a_wrong_password_gets_a_danish_message_and_no_session(client, staff_user):
    response = log_in(client, "staff", "forkert")
    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_an_account_without_staff_status_is_turned_away(client, django_user_model):
    make_user(django_user_model, "user")
    response = log_in(client, "user")
    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_right_password_of_a_non_staff_account_is_answered_as_a_wrong_one(
    client, django_user_model
):
    """No credential oracle: the page, and the lockout's count, are the same."""
    from axes.models import AccessAttempt

    make_user(django_user_model, "user")
    right = log_in(client, "user").content.decode()
    wrong = client.post(
        "/log-ind/", {"username": "user", "password": "forkert-kodeord"}
    ).content.decode()

    def message(page):
        return page.split('class="alert-text">')[1].split("<")[0]

    assert message(right) == message(wrong)
    assert AccessAttempt.objects.get(username="user").failures_since_start == 2


def test_a_closed_account_cannot_log_in(client, staff_user):
    staff_user.is_active = False
    staff_user.save()
    response = log_in(client, "staff")
    assert SESSION_KEY not in client.session
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"],
)
def test_login_never_redirects_to_another_site(client, staff_user, next_url):
    response = log_in(client, "staff", next=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_logout_needs_a_post(staff_client):
    assert staff_client.get("/log-ud/").status_code == 405
    assert SESSION_KEY in staff_client.session


def test_logout_ends_the_session(staff_client):
    response = staff_client.post("/log-ud/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert SESSION_KEY not in staff_client.session


def test_logout_is_protected_against_cross_site_posts(staff_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.post("/log-ud/").status_code == 403
    assert SESSION_KEY in client.session


def test_a_logged_in_member_visiting_the_login_page_goes_on(staff_client):
    response = staff_client.get("/log-ind/")
    assert response.status_code == 302


def test_the_test_clients_login_still_works(client, staff_user):
    # The lockout backend refuses authenticate() calls without a request;
    # the test settings keep client.login() usable for the rest of the suite.
    assert client.login(username="staff", password=PASSWORD)
    assert not client.login(username="staff", password="forkert")


def test_password_reset_sends_a_danish_link_that_sets_a_new_password(
    client, staff_user
):
    response = client.post("/log-ind/glemt-kodeord/", {"email": "staff@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/log-ind/glemt-kodeord/sendt/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staff@example.com"]
    assert message.subject.startswith("Ny adgangskode til ")
    assert "Dit brugernavn er: staff" in message.body
    link = re.search(r"http://testserver(/log-ind/nyt-kodeord/\S+/)", message.body)
    assert link is not None

    form_page = client.get(link.group(1), follow=True)
    assert "Vælg en ny adgangskode" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {
            "new_password1": "en ny og lang kode 2025",
            "new_password2": "en ny og lang kode 2025",
        },
    )
    assert done.status_code == 302
    assert done["Location"] == "/log-ind/nyt-kodeord/gemt/"
    staff_user.refresh_from_db()
    assert staff_user.check_password("en ny og lang kode 2025")


def test_password_reset_does_not_tell_whether_an_address_exists(client, staff_user):
    known = client.post("/log-ind/glemt-kodeord/", {"email": "staff@example.com"})
    unknown = client.post("/log-ind/glemt-kodeord/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_a_used_or_forged_reset_link_says_so_in_danish(client, staff_user):
    response = client.get("/log-ind/nyt-kodeord/MQ/forfalsket-token/")
    assert response.status_code == 200
    assert "Linket virker ikke længere" in response.content.decode()


def test_the_password_reset_pages_answer(client):
    for path in (
        "/log-ind/glemt-kodeord/",
        "/log-ind/glemt-kodeord/sendt/",
        "/log-ind/nyt-kodeord/gemt/",
    ):
        assert client.get(path).status_code == 200, path


def render_account_links(user):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/metoder/?side=2")
    request.user = user or AnonymousUser()
    return render_to_string(
        "includes/account_links.html", {"user": request.user}, request=request
    )


def test_the_header_offers_login_to_visitors():
    html = render_account_links(None)
    assert "Log ind" in html
    assert 'href="/log-ind/?next=/metoder/%3Fside%3D2"' in html
    assert "Log ud" not in html


def test_the_header_shows_the_name_and_a_logout_button(staff_user):
    html = render_account_links(staff_user)
    assert "Logget ind som Staff" in html
    assert 'action="/log-ud/" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Log ind" not in html
