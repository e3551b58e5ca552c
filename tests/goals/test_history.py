"""Every change to a goal and its figures is recorded, and can be undone."""

import codecs
from decimal import Decimal

import pytest
from django.urls import reverse

from goals.models import Target
from tests.factories import OfferFactory

from .test_admin import change_url, existing_rows, goal_form

pytestmark = pytest.mark.django_db


def change_title(admin_client, goal, title):
    rows = existing_rows(goal)
    data = goal_form(goal.plan, goal, title=title, **rows)
    response = admin_client.post(change_url(goal), data)
    assert response.status_code == 302


def test_change_is_recorded_with_who_when_and_what(admin_client, superuser, mastery):
    change_title(admin_client, mastery, "Flere opnår mestring")

    latest, earlier = mastery.history.all()[:2]
    assert latest.history_user == superuser
    assert latest.history_date is not None
    delta = latest.diff_against(earlier)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        (
            "title",
            "Flere borgere opnår større personlig mestring",
            "Flere opnår mestring",
        )
    ]


def test_changing_the_responsible_offers_is_recorded(admin_client, superuser, mastery):
    kept, removed, added = OfferFactory(), OfferFactory(), OfferFactory()
    mastery.responsible_offers.set([kept, removed])
    before = mastery.history.first()

    rows = existing_rows(mastery)
    data = goal_form(
        mastery.plan, mastery, responsible_offers=[kept.pk, added.pk], **rows
    )
    response = admin_client.post(change_url(mastery), data)
    assert response.status_code == 302

    latest = mastery.history.first()
    assert latest.history_user == superuser
    assert {o.offer for o in latest.responsible_offers.all()} == {kept, added}
    assert latest.pk != before.pk
    delta = latest.diff_against(before)
    assert delta.changed_fields == ["responsible_offers"]
    [change] = delta.changes
    assert {row["offer"] for row in change.old} == {kept.pk, removed.pk}
    assert {row["offer"] for row in change.new} == {kept.pk, added.pk}

    page = admin_client.get(reverse("admin:goals_goal_history", args=[mastery.pk]))
    assert page.status_code == 200
    assert page.content.decode().count(superuser.username) >= 1


def test_history_page_lists_the_change(admin_client, superuser, mastery):
    change_title(admin_client, mastery, "Flere opnår mestring")
    response = admin_client.get(reverse("admin:goals_goal_history", args=[mastery.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert superuser.username in content
    assert "Flere opnår mestring" in content


def test_earlier_version_is_restored_through_the_history_view(admin_client, mastery):
    original = mastery.history.earliest()
    change_title(admin_client, mastery, "En forkert titel")
    mastery.refresh_from_db()
    assert mastery.title == "En forkert titel"

    url = reverse("admin:goals_goal_simple_history", args=[mastery.pk, original.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: (value if value is not None else "")
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["responsible_offers"] = []
    data["_change_history"] = "1"
    response = admin_client.post(url, data)

    assert response.status_code == 302
    mastery.refresh_from_db()
    assert mastery.title == "Flere borgere opnår større personlig mestring"
    assert mastery.history.count() == 3  # created, changed, restored


def test_figures_changed_inline_are_recorded_and_restorable(
    admin_client, superuser, mastery
):
    rows = existing_rows(mastery)
    rows["targets"][0]["value"] = "65"
    admin_client.post(change_url(mastery), goal_form(mastery.plan, mastery, **rows))
    target = mastery.targets.get()
    assert target.value == 65
    latest, earlier = target.history.all()[:2]
    assert latest.history_user == superuser
    assert earlier.value == Decimal("63")

    url = reverse("admin:goals_target_simple_history", args=[target.pk, earlier.pk])
    response = admin_client.post(
        url,
        {
            "goal": mastery.pk,
            "year": 2020,
            "value": "63",
            "note": "",
            "_change_history": "1",
        },
    )
    assert response.status_code == 302
    assert Target.objects.get(pk=target.pk).value == 63


def test_import_is_recorded_with_the_manager_who_imported(
    admin_client, superuser, tmp_path, mastery
):
    path = tmp_path / "maalinger.csv"
    path.write_bytes(
        codecs.BOM_UTF8
        + (
            "plan;mål;periode;værdi\r\n"
            f"{mastery.plan.slug};personlig-mestring;2018;61,5\r\n"
        ).encode()
    )
    with path.open("rb") as handle:
        preview = admin_client.post(
            reverse("admin:goals_measurement_import"),
            {"format": 0, "import_file": handle},
        )
    admin_client.post(
        reverse("admin:goals_measurement_process_import"),
        preview.context["confirm_form"].initial,
    )
    measurement = mastery.measurements.get()
    assert measurement.value == Decimal("61.5")
    assert measurement.history.first().history_user == superuser


def test_a_deleted_target_is_listed_on_its_goal_and_can_be_restored(
    admin_client, mastery
):
    target = mastery.targets.get()
    target_pk = target.pk
    target.delete()

    page = admin_client.get(change_url(mastery))
    assert page.status_code == 200
    record = Target.history.get(id=target_pk, history_type="-")
    url = reverse("admin:goals_target_simple_history", args=[target_pk, record.pk])
    html = page.content.decode()
    assert url in html
    assert "Målsætning: 63\u00a0% (2020)" in html, html[html.find("Slettede") :][:1500]

    response = admin_client.post(
        url,
        {"goal": mastery.pk, "year": 2020, "value": "63", "note": ""},
    )
    assert response.status_code == 302
    assert Target.objects.get(pk=target_pk).value == 63
    assert (
        "Intet er slettet fra målet."
        in admin_client.get(change_url(mastery)).content.decode()
    )


# Who, why and through which door ---------------------------------------------------


def upload_and_confirm(client, model, path):
    """The admin's two-step import: preview, then confirm."""
    with path.open("rb") as handle:
        preview = client.post(
            reverse(f"admin:goals_{model}_import"),
            {"format": 0, "import_file": handle},
        )
    assert preview.status_code == 200
    confirmed = client.post(
        reverse(f"admin:goals_{model}_process_import"),
        preview.context["confirm_form"].initial,
    )
    assert confirmed.status_code == 302
    return confirmed


def test_every_row_an_admin_import_writes_names_the_import_and_the_file(
    admin_client, superuser, tmp_path, mastery, django_capture_on_commit_callbacks
):
    from core.signals import content_changed

    announced = []

    def listener(sender, change, **kwargs):
        announced.append((sender, change.channel, change.source))

    path = tmp_path / "målinger 2019.csv"
    path.write_bytes(
        codecs.BOM_UTF8
        + (
            "plan;mål;periode;værdi\r\n"
            f"{mastery.plan.slug};personlig-mestring;2018;61,5\r\n"
            f"{mastery.plan.slug};personlig-mestring;2019;62\r\n"
        ).encode()
    )
    content_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            upload_and_confirm(admin_client, "measurement", path)
    finally:
        content_changed.disconnect(listener)

    updated = mastery.measurements.get(period_label="2018").history.first()
    created = mastery.measurements.get(period_label="2019").history.first()
    assert (updated.history_type, created.history_type) == ("~", "+")
    for record in (updated, created):
        assert record.history_channel == "import"
        assert record.history_source == "målinger 2019.csv"
        assert record.history_user == superuser
    assert announced == [("goals", "import", "målinger 2019.csv")]


def test_a_goal_import_records_the_goal_and_its_baseline_as_the_import(
    admin_client, superuser, tmp_path, mastery
):
    path = tmp_path / "maal.csv"
    path.write_bytes(
        codecs.BOM_UTF8
        + (
            "plan;kode;titel;niveau;enhed;udgangspunkt;udgangspunkt periode\r\n"
            f"{mastery.plan.slug};personlig-mestring;Flere opnår mestring;"
            "Centermål;Procent;58,5;2017\r\n"
        ).encode()
    )
    upload_and_confirm(admin_client, "goal", path)

    mastery.refresh_from_db()
    assert mastery.title == "Flere opnår mestring"
    for record in (mastery.history.first(), mastery.baseline.history.first()):
        assert (record.history_channel, record.history_source) == ("import", "maal.csv")
        assert record.history_user == superuser
    assert mastery.baseline.history.first().value == Decimal("58.5")


def test_a_dry_run_records_nothing(admin_client, tmp_path, mastery):
    path = tmp_path / "maalinger.csv"
    path.write_bytes(
        f"plan;mål;periode;værdi\r\n{mastery.plan.slug};personlig-mestring;2019;62\r\n".encode()
    )
    before = Target.history.count(), mastery.measurements.model.history.count()
    with path.open("rb") as handle:
        admin_client.post(
            reverse("admin:goals_measurement_import"),
            {"format": 0, "import_file": handle},
        )
    after = Target.history.count(), mastery.measurements.model.history.count()
    assert after == before


def test_an_admin_edit_records_the_reason_given(admin_client, superuser, mastery):
    rows = existing_rows(mastery)
    rows["targets"][0]["value"] = "65"
    data = goal_form(
        mastery.plan,
        mastery,
        title="Flere opnår mestring",
        _change_reason="Rettet efter   byrådets beslutning",
        **rows,
    )
    response = admin_client.post(change_url(mastery), data)
    assert response.status_code == 302

    goal_record = mastery.history.first()
    target_record = mastery.targets.get().history.first()
    for record in (goal_record, target_record):
        assert record.history_channel == "admin"
        assert record.history_change_reason == "Rettet efter byrådets beslutning"
        assert record.history_user == superuser
        assert record.history_source == ""
    assert goal_record.title == "Flere opnår mestring"
    assert target_record.value == Decimal("65")


def test_a_deleted_goal_is_recorded_with_its_figures(admin_client, superuser, mastery):
    target = mastery.targets.get()
    response = admin_client.post(
        reverse("admin:goals_goal_delete", args=[mastery.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    for record in (
        mastery.history.latest(),
        Target.history.filter(id=target.pk).latest(),
    ):
        assert (record.history_type, record.history_channel) == ("-", "admin")
        assert record.history_user == superuser


def test_a_restored_goal_and_target_are_recorded_as_restores(
    admin_client, superuser, mastery
):
    original = mastery.history.earliest()
    change_title(admin_client, mastery, "En forkert titel")
    url = reverse("admin:goals_goal_simple_history", args=[mastery.pk, original.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: (value if value is not None else "")
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["responsible_offers"] = []
    assert admin_client.post(url, data).status_code == 302

    target_pk = mastery.targets.get().pk
    mastery.targets.get().delete()
    deleted = Target.history.get(id=target_pk, history_type="-")
    url = reverse("admin:goals_target_simple_history", args=[target_pk, deleted.pk])
    response = admin_client.post(
        url, {"goal": mastery.pk, "year": 2020, "value": "63", "note": ""}
    )
    assert response.status_code == 302

    mastery.refresh_from_db()
    assert mastery.title == original.title
    for record in (mastery.history.first(), Target.history.filter(id=target_pk)[0]):
        assert record.history_channel == "admin"
        assert record.history_user == superuser
        assert record.history_change_reason.startswith("Gendannet")


def test_the_seed_is_recorded_as_the_seed(db):
    from django.core.management import call_command

    from goals.models import Baseline, Goal, Plan

    call_command("load_seed_content", verbosity=0)

    for model in (Plan, Goal, Baseline, Target):
        channels = set(model.history.values_list("history_channel", flat=True))
        assert channels == {"seed"}, model


def test_the_goal_page_lists_who_changed_it_and_its_figures_how_and_why(
    admin_client, superuser, tmp_path, mastery
):
    path = tmp_path / "målinger 2019.csv"
    path.write_bytes(
        f"plan;mål;periode;værdi\r\n{mastery.plan.slug};personlig-mestring;2019;62\r\n".encode()
    )
    upload_and_confirm(admin_client, "measurement", path)
    rows = existing_rows(mastery)
    data = goal_form(
        mastery.plan, mastery, title="Ny titel", _change_reason="Ny formulering", **rows
    )
    assert admin_client.post(change_url(mastery), data).status_code == 302

    page = admin_client.get(change_url(mastery)).content.decode()
    changes = page[
        page.index("goal-changes") : page.index("</table>", page.index("goal-changes"))
    ]
    assert "Måling: 62\u00a0% (2019)" in changes
    assert "Regnearksimport (<a href=" in changes  # a link to the import
    assert ">målinger 2019.csv</a>)" in changes
    assert "Administration" in changes and "Ny formulering" in changes
    assert superuser.username in changes
    assert "None" not in changes
