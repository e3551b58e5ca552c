"""The loader is idempotent and keeps what curators have edited."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from services.models import Offer

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("methods", "services", "resources", "goals")


def snapshot():
    """Every row of every project table, as plain values."""
    return {
        model._meta.label: sorted(
            tuple(
                sorted(
                    (k, str(v))
                    for k, v in row.items()
                    if k not in {"created_at", "updated_at"}
                )
            )
            for row in model.objects.values()
        )
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
    }


def load(*args):
    out = io.StringIO()
    call_command("load_seed_content", *args, stdout=out)
    return out.getvalue()


def test_loading_twice_changes_nothing():
    load()
    first = snapshot()
    output = load()
    assert snapshot() == first
    assert "Intet at indlæse" in output


def test_seed_content_fills_every_main_table():
    load()
    for label in (
        "methods.Method",
        "services.Offer",
        "resources.Resource",
        "goals.Goal",
    ):
        assert apps.get_model(label).objects.exists(), label


def test_a_curators_edit_survives_a_second_run():
    load()
    Offer.objects.filter(slug="perron-4").update(summary="Rettet af en kurator.")
    load()
    assert Offer.objects.get(slug="perron-4").summary == "Rettet af en kurator."


def test_update_rewrites_an_edit_and_reports_it():
    load()
    Offer.objects.filter(slug="perron-4").update(summary="Rettet af en kurator.")
    output = load("--update")
    assert Offer.objects.get(slug="perron-4").summary != "Rettet af en kurator."
    assert "Perron 4" in output and "summary" in output


def test_a_deleted_child_row_is_restored():
    load()
    offer = Offer.objects.get(slug="hjoernestenen")
    offer.locations.all().delete()
    load()
    assert offer.locations.exists()
