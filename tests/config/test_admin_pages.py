"""Every admin page a curator uses answers for a superuser, with the seed content."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from goals.models import ImportEvent
from tests.factories import MeasurementFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"methods", "services", "resources", "goals"}
REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in PROJECT_APPS
)

# Models the seed content has no row of: the change page test makes one.
NOT_IN_THE_SEED = {
    "measurement": MeasurementFactory,
    "importevent": lambda: ImportEvent.objects.create(
        kind=ImportEvent.Kind.MEASUREMENTS, file_name="maalinger.csv", new=1
    ),
}


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_changelist_answers(admin_client, seed, app, model):
    response = admin_client.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_add_page_answers(admin_client, app, model):
    response = admin_client.get(reverse(f"admin:{app}_{model}_add"))
    model_admin = next(
        model_admin
        for m, model_admin in admin.site._registry.items()
        if (m._meta.app_label, m._meta.model_name) == (app, model)
    )
    # A record nobody types (an import's event) has no add page, even for a
    # superuser: the admin refuses it instead of showing an empty form.
    addable = model_admin.has_add_permission(response.wsgi_request)
    assert response.status_code == (200 if addable else 403)


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_change_page_answers(admin_client, seed, app, model):
    model_class = next(
        m
        for m in admin.site._registry
        if (m._meta.app_label, m._meta.model_name) == (app, model)
    )
    instance = model_class.objects.first() or NOT_IN_THE_SEED[model]()
    response = admin_client.get(
        reverse(f"admin:{app}_{model}_change", args=[instance.pk])
    )
    assert response.status_code == 200


def test_every_project_model_is_in_the_admin():
    from django.apps import apps

    registered = set(admin.site._registry)
    missing = [
        model.__name__
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if model not in registered
        and not model.__name__.startswith("Historical")
        and model._meta.auto_created is False
        # Inlines, and the seed loader's own bookkeeping (SeedRecord).
        and model.__name__
        not in {
            "OfferMethod",
            "TalkMethod",
            "MethodPhase",
            "MethodSource",
            "OpeningHours",
            "BudgetLine",
            "SeedRecord",
        }
    ]
    assert missing == []


def test_a_curator_finds_an_offer_by_searching(admin_client, seed):
    response = admin_client.get(
        reverse("admin:services_offer_changelist"), {"q": "Perron"}
    )
    assert "Perron 4" in response.content.decode()


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_the_breadcrumbs_do_not_say_the_same_thing_twice(admin_client, app, model):
    # The app's crumb and the model's crumb used to read "Tilbud › Tilbud".
    response = admin_client.get(reverse(f"admin:{app}_{model}_changelist"))
    crumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', response.text, re.S)
    names = [
        re.sub(r"<[^>]+>", "", part).strip().casefold()
        for part in crumbs[1].split("&rsaquo;")
    ]
    assert len(names) == len(set(names)), names
