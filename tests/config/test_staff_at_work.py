"""Staff between the site and the admin: the admin in the centre's name, grouped
by role, with a start page per role; the staff bar on public pages; messages
after logging in and out; a login prompt that does not tell whether a page
exists."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from config.roles import CURATORS, MANAGERS
from resources.models import Resource
from services.models import Offer
from tests.factories import ResourceFactory

pytestmark = pytest.mark.usefixtures("seed")

PASSWORD = "pw-for-tests-only-42"  # noqa: S105


@pytest.fixture
def staff_in(client, django_user_model):
    def login(*groups, **fields):
        user = django_user_model.objects.create_user(
            username="medarbejder", password=PASSWORD, is_staff=True, **fields
        )
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        client.force_login(user)
        return client

    return login


def group_names(page):
    return [str(app["name"]) for app in page.context["app_list"]]


def test_admin_carries_the_portal_and_municipality_name_and_favicon(staff_in, settings):
    page = staff_in(CURATORS).get(reverse("admin:index"))
    content = page.content.decode()
    assert f"{settings.SITE_NAME} · {settings.SITE_OWNER}" in content
    assert "Django" not in content
    assert "Website-administration" not in content
    assert "<h1>Administration af portalen</h1>" in content
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.svg"', content)


@pytest.mark.parametrize(
    "groups, fields, expected",
    [
        ([CURATORS], {}, ["Indhold"]),
        ([MANAGERS], {}, ["Indhold", "Planer og mål"]),
        ([], {"is_superuser": True}, ["Indhold", "Planer og mål", "Brugere"]),
        ([], {}, []),
    ],
)
def test_index_is_grouped_by_role(staff_in, groups, fields, expected):
    page = staff_in(*groups, **fields).get(reverse("admin:index"))
    assert group_names(page) == expected


def test_a_manager_sees_content_only_to_look_up(staff_in):
    page = staff_in(MANAGERS).get(reverse("admin:index"))
    content_group = page.context["app_list"][0]
    assert {m["object_name"] for m in content_group["models"]} == {
        "Offer",
        "Organisation",
    }
    assert all(m["view_only"] for m in content_group["models"])


def test_curator_start_page_counts_what_is_overdue(staff_in):
    page = staff_in(CURATORS).get(reverse("admin:index"))
    content = page.content.decode()
    assert "Skal bekræftes" in content
    assert "Afrapportering" not in content
    overdue = {
        str(group["name"]): group["count"]
        for _template, start in page.context["start_pages"]
        for group in start.get("overdue", [])
    }
    assert overdue["tilbud"] == Offer.objects.overdue().count() > 0
    assert "?skal_bekraeftes=ja" in content


def test_staff_without_a_group_gets_no_start_page(staff_in):
    page = staff_in().get(reverse("admin:index"))
    assert page.context["start_pages"] == []


# The staff bar --------------------------------------------------------------------


def public_offer():
    return Offer.objects.visible_to(None).order_by("pk").first()


def test_curator_reads_an_offer_and_may_edit_it_from_the_page(staff_in):
    offer = public_offer()
    page = staff_in(CURATORS).get(offer.get_absolute_url()).content.decode()
    change = reverse("admin:services_offer_change", args=[offer.pk])
    assert f'<a href="{change}">Redigér denne side</a>' in page
    assert f'<a href="{reverse("admin:index")}">Administration</a>' in page


def test_manager_may_not_edit_an_offer_so_only_the_admin_link(staff_in):
    offer = public_offer()
    page = staff_in(MANAGERS).get(offer.get_absolute_url()).content.decode()
    assert "Redigér denne side" not in page
    assert ">Administration</a>" in page


def test_visitors_see_no_staff_bar(client):
    page = client.get(public_offer().get_absolute_url()).content.decode()
    assert "Redigér denne side" not in page
    assert "staff-bar" not in page


# Login and logout -----------------------------------------------------------------


def test_messages_after_logging_in_and_out(client, django_user_model):
    django_user_model.objects.create_user(
        username="kurator", password=PASSWORD, is_staff=True, first_name="Karen"
    )
    page = client.post(
        reverse("login"), {"username": "kurator", "password": PASSWORD}, follow=True
    )
    assert "Du er logget ind som Karen." in page.content.decode()
    page = client.post(reverse("logout"), follow=True)
    assert "Du er logget ud." in page.content.decode()


# A staff-only page asked for without logging in -----------------------------------


def test_staff_only_and_unknown_pages_answer_alike_with_a_login_prompt(client):
    hidden = ResourceFactory(visibility=Resource.Visibility.STAFF)
    url = hidden.get_absolute_url()
    unknown = url.rstrip("/") + "-findes-ikke/"
    answers = [client.get(url), client.get(unknown)]
    for answer, path in zip(answers, [url, unknown], strict=True):
        content = answer.content.decode()
        assert answer.status_code == 404
        assert "<h1>Siden findes ikke, eller den kræver log ind</h1>" in content
        assert f'href="/log-ind/?next={path}"' in content
    assert answers[0].content.decode().replace(url, "") == answers[
        1
    ].content.decode().replace(unknown, "")


def test_after_logging_in_staff_read_the_staff_only_page(staff_in):
    hidden = ResourceFactory(visibility=Resource.Visibility.STAFF)
    assert staff_in(CURATORS).get(hidden.get_absolute_url()).status_code == 200
