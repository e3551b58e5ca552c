"""The loader is idempotent and keeps what curators have edited."""

import io

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from core.models import SeedRecord
from methods.models import Method
from services.models import Location, Offer, OpeningHours

# Every test starts from the seed content as the session loaded it
# (tests/conftest.py), so each test's own load() is the second run.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

PROJECT_APPS = ("core", "methods", "services", "resources", "goals")


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
    first = snapshot()
    output = load()
    assert snapshot() == first
    assert "Intet at indlæse" in output


def test_seed_content_fills_every_main_table_and_records_each_row():
    for label in (
        "methods.Method",
        "services.Offer",
        "resources.Resource",
        "goals.Goal",
    ):
        model = apps.get_model(label)
        rows = set(model.objects.values_list("pk", flat=True))
        recorded = set(
            SeedRecord.objects.filter(
                content_type=ContentType.objects.get_for_model(model)
            ).values_list("object_id", flat=True)
        )
        assert rows, label
        assert rows == recorded, label


def test_a_curators_edit_survives_a_second_run():
    Offer.objects.filter(slug="perron-4").update(summary="Rettet af en kurator.")
    load()
    assert Offer.objects.get(slug="perron-4").summary == "Rettet af en kurator."


def test_update_rewrites_an_edit_and_reports_it():
    Offer.objects.filter(slug="perron-4").update(summary="Rettet af en kurator.")
    output = load("--update")
    assert Offer.objects.get(slug="perron-4").summary != "Rettet af en kurator."
    assert "Perron 4" in output and "summary" in output


def test_a_deleted_child_row_stays_deleted():
    offer = Offer.objects.get(slug="hjoernestenen")
    offer.locations.all().delete()
    output = load()
    assert not offer.locations.exists()
    assert "Slettet i admin, ikke genskabt" in output
    assert "Intet at indlæse" in output


def test_update_restores_a_deleted_child_row_and_reports_it():
    offer = Offer.objects.get(slug="hjoernestenen")
    streets = set(offer.locations.values_list("street", flat=True))
    hours = OpeningHours.objects.filter(location__offer=offer).count()
    offer.locations.all().delete()
    output = load("--update")
    assert set(offer.locations.values_list("street", flat=True)) == streets
    assert OpeningHours.objects.filter(location__offer=offer).count() == hours
    assert "Genskabt: adresse" in output
    # ... and the next runs are quiet again.
    quiet = load()
    assert "Intet at indlæse" in quiet
    assert load() == quiet


def test_a_renamed_slug_is_kept_and_not_duplicated():
    count = Offer.objects.count()
    Offer.objects.filter(slug="perron-4").update(slug="perron-fire")
    output = load()
    assert Offer.objects.count() == count
    assert not Offer.objects.filter(slug="perron-4").exists()
    assert Offer.objects.get(slug="perron-fire").name == "Perron 4"
    assert "Intet at indlæse" in output


def test_a_renamed_slug_still_serves_as_a_reference():
    Method.objects.filter(slug="cti").update(slug="critical-time-intervention")
    load()
    assert Method.objects.filter(slug="cti").count() == 0
    assert Method.objects.get(slug="critical-time-intervention").name


def test_a_corrected_address_is_kept_and_not_duplicated():
    location = Location.objects.filter(offer__slug="hjoernestenen").first()
    count = Location.objects.count()
    Location.objects.filter(pk=location.pk).update(street="Rettet Vej 1")
    load()
    assert Location.objects.count() == count
    assert Location.objects.get(pk=location.pk).street == "Rettet Vej 1"


def test_update_reports_a_renamed_slug_and_puts_it_back():
    Offer.objects.filter(slug="perron-4").update(slug="perron-fire")
    output = load("--update")
    assert Offer.objects.filter(slug="perron-4").exists()
    assert not Offer.objects.filter(slug="perron-fire").exists()
    assert "slug: 'perron-fire' → 'perron-4'" in output


def test_a_deleted_offer_and_its_rows_stay_deleted_until_update():
    before = snapshot()
    Offer.objects.get(slug="hjoernestenen").delete()
    load()
    assert not Offer.objects.filter(slug="hjoernestenen").exists()
    output = load("--update")
    assert "Genskabt: tilbud “Hjørnestenen”" in output
    restored = Offer.objects.get(slug="hjoernestenen")
    assert restored.locations.exists()
    assert counts(snapshot()) == counts(before)


def counts(tables):
    """Rows per table, leaving out the history tables an edit adds rows to."""
    return {
        label: len(rows) for label, rows in tables.items() if ".Historical" not in label
    }


def test_rows_loaded_before_seed_records_existed_are_adopted():
    SeedRecord.objects.all().delete()
    Offer.objects.filter(slug="perron-4").update(summary="Rettet af en kurator.")
    before = snapshot()
    output = load()
    after = snapshot()
    before.pop("core.SeedRecord")
    after.pop("core.SeedRecord")
    assert after == before
    assert "Intet at indlæse" in output
    assert SeedRecord.objects.exists()
    # From now on the records, not the editable fields, find the rows.
    Offer.objects.filter(slug="perron-4").update(slug="perron-fire")
    load()
    assert not Offer.objects.filter(slug="perron-4").exists()
