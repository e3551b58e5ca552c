"""Issue #11 item 10: every confirmed import is one recorded event, its history
rows link to it, and “Fortryd import” restores exactly the state before it."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from goals.models import Baseline, Goal, ImportEvent, Measurement, Target
from tests.factories import OfferFactory
from tests.goals.conftest import add_goal

pytestmark = pytest.mark.django_db

HEADER = "plan;mål;periode;værdi;N;kilde;kommentar"


def admin_import(client, model, text, name="maalinger.csv"):
    """Upload ``text`` as a Danish CSV in the admin, preview it, confirm it."""
    handle = io.BytesIO(("\ufeff" + text.replace("\n", "\r\n")).encode())
    handle.name = name
    response = client.post(
        reverse(f"admin:goals_{model}_import"),
        {"format": "0", "resource": "0", "import_file": handle},
    )
    assert response.status_code == 200
    assert "confirm_form" in response.context, response.content.decode()[-3000:]
    confirm = response.context["confirm_form"]
    response = client.post(
        reverse(f"admin:goals_{model}_process_import"), confirm.initial, follow=True
    )
    assert response.redirect_chain[0][1] == 302
    event = ImportEvent.objects.latest("pk")
    # The message after the import links to it, where it can be undone.
    page = response.content.decode()
    assert reverse("admin:goals_importevent_change", args=[event.pk]) in page
    assert "Se den, eller fortryd den" in page
    return event


def undo(client, event):
    url = reverse("admin:goals_importevent_undo", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, fortryd importen" in page.content.decode()
    return client.post(url, follow=True)


def state(goal):
    """Everything an import may touch of ``goal``, as plain values."""
    goal = Goal.objects.get(pk=goal.pk)
    baseline = Baseline.objects.filter(goal=goal).values_list(
        "value", "period_label", "n", "scope", "source"
    )
    return (
        goal.title,
        goal.definition,
        sorted(goal.responsible_offers.values_list("slug", flat=True)),
        list(baseline),
        sorted(Target.objects.filter(goal=goal).values_list("year", "value", "note")),
        sorted(
            Measurement.objects.filter(goal=goal).values_list(
                "period_label", "period_start", "value", "n", "source", "comment"
            )
        ),
    )


def measurement_file(plan):
    return (
        f"{HEADER}\n"
        f"{plan.slug};personlig-mestring;2018;61,5;50;DST;Rettet\n"
        f"{plan.slug};personlig-mestring;2019;62,25;49;;Ny\n"
        f"{plan.slug};personlig-mestring;2020;64;;;\n"
    )


def test_an_import_is_one_event_and_its_history_links_to_it(admin_client, mastery):
    event = admin_import(admin_client, "measurement", measurement_file(mastery.plan))

    assert (event.kind, event.file_name) == ("measurement", "maalinger.csv")
    assert (event.new, event.changed, event.unchanged, event.deleted) == (2, 1, 0, 0)
    assert event.user.is_superuser
    rows = Measurement.history.filter(history_import=event)
    assert rows.count() == 3
    assert {r.history_source for r in rows} == {"maalinger.csv"}

    listing = admin_client.get(reverse("admin:goals_importevent_changelist"))
    assert "maalinger.csv" in listing.content.decode()
    page = admin_client.get(reverse("admin:goals_importevent_change", args=[event.pk]))
    content = page.content.decode()
    assert "Fortryd import" in content
    assert "Gem" not in content  # read-only: nothing to save

    # The goal's page and a measurement's history page link to the import.
    event_url = reverse("admin:goals_importevent_change", args=[event.pk])
    goal_page = admin_client.get(reverse("admin:goals_goal_change", args=[mastery.pk]))
    assert event_url in goal_page.content.decode()
    measurement = mastery.measurements.get(period_label="2019")
    history = admin_client.get(
        reverse("admin:goals_measurement_history", args=[measurement.pk])
    )
    assert event_url in history.content.decode()


def test_a_preview_records_no_event(admin_client, mastery):
    handle = io.BytesIO(measurement_file(mastery.plan).encode())
    handle.name = "m.csv"
    admin_client.post(
        reverse("admin:goals_measurement_import"),
        {"format": "0", "resource": "0", "import_file": handle},
    )
    assert not ImportEvent.objects.exists()


def test_undo_restores_exactly_the_state_before_the_import(admin_client, mastery):
    before = state(mastery)
    event = admin_import(admin_client, "measurement", measurement_file(mastery.plan))
    assert state(mastery) != before

    response = undo(admin_client, event)

    assert "er fortrudt" in response.content.decode()
    assert state(mastery) == before
    event.refresh_from_db()
    assert event.undone_at is not None and event.undone_by.is_superuser
    # Recorded in the history as an undo: the changed row's restore and the
    # created rows' deletions.
    undone = Measurement.history.filter(
        history_change_reason="Fortryd import af maalinger.csv"
    )
    assert sorted(undone.values_list("history_type", flat=True)) == ["-", "-", "~"]
    # Undone once only; the page says so.
    again = admin_client.post(
        reverse("admin:goals_importevent_undo", args=[event.pk]), follow=True
    )
    assert "allerede fortrudt" in again.content.decode()
    assert state(mastery) == before


def test_undo_of_a_targets_import(admin_client, mastery):
    before = state(mastery)
    text = (
        "plan;mål;år;værdi;bemærkning\n"
        f"{mastery.plan.slug};personlig-mestring;2020;65;Hævet\n"
        f"{mastery.plan.slug};personlig-mestring;2022;70;\n"
    )
    event = admin_import(admin_client, "target", text, name="maalsaetninger.csv")
    assert (event.new, event.changed) == (1, 1)
    undo(admin_client, event)
    assert state(mastery) == before


def test_undo_is_refused_when_a_row_was_changed_since(admin_client, mastery):
    event = admin_import(admin_client, "measurement", measurement_file(mastery.plan))
    after = state(mastery)
    measurement = mastery.measurements.get(period_label="2019")
    admin_client.post(
        reverse("admin:goals_measurement_change", args=[measurement.pk]),
        {
            "goal": mastery.pk,
            "period_label": "2019",
            "value": "70",
            "n": "",
            "source": "",
            "comment": "Rettet i hånden",
        },
    )
    assert Measurement.objects.get(pk=measurement.pk).value == Decimal("70")
    after = state(mastery)

    response = undo(admin_client, event)

    content = response.content.decode()
    assert "Importen kan ikke fortrydes" in content
    assert "1 af rækkerne er ændret siden" in content
    assert state(mastery) == after
    event.refresh_from_db()
    assert event.undone_at is None


def test_undo_of_a_goals_import_with_a_new_goal_and_changed_baseline(
    admin_client, plan
):
    kept = add_goal(plan, "kendt", baseline=(50, "2017"), targets=[(2020, 60)])
    first, second = OfferFactory(), OfferFactory()
    kept.responsible_offers.set([first])
    before = state(kept)
    text = (
        "plan;kode;titel;niveau;enhed;udgangspunkt;udgangspunkt periode;"
        "ansvarlige tilbud\n"
        f"{plan.slug};kendt;Ny titel;{kept.level};procent;55;2017;{second.slug}\n"
        f"{plan.slug};ny;Et nyt mål;centre;procent;40;2018;\n"
    )
    event = admin_import(admin_client, "goal", text, name="maal.csv")
    assert Goal.objects.filter(code="ny").exists()
    assert state(kept)[:3] == ("Ny titel", kept.definition, [second.slug])

    undo(admin_client, event)

    assert not Goal.objects.filter(code="ny").exists()
    assert not Baseline.objects.filter(goal__code="ny").exists()
    assert state(kept) == before


def test_undo_refused_when_a_figure_was_added_to_a_goal_it_created(admin_client, plan):
    text = f"plan;kode;titel;niveau;enhed\n{plan.slug};ny;Et nyt mål;centre;procent\n"
    event = admin_import(admin_client, "goal", text, name="maal.csv")
    goal = Goal.objects.get(code="ny")
    Target.objects.create(goal=goal, year=2020, value=5)

    response = undo(admin_client, event)

    assert "Importen kan ikke fortrydes" in response.content.decode()
    assert Goal.objects.filter(code="ny").exists()


def test_a_baseline_only_change_adds_no_empty_goal_history(admin_client, plan):
    goal = add_goal(plan, "kendt", baseline=(50, "2017"))
    goal_rows = Goal.history.filter(id=goal.pk).count()
    text = (
        "plan;kode;titel;niveau;enhed;udgangspunkt;udgangspunkt periode\n"
        f"{plan.slug};kendt;{goal.title};{goal.level};procent;55;2017\n"
    )
    event = admin_import(admin_client, "goal", text, name="maal.csv")

    assert event.changed == 1
    assert Baseline.objects.get(goal=goal).value == Decimal("55")
    assert Goal.history.filter(id=goal.pk).count() == goal_rows
    assert Baseline.history.filter(history_import=event).count() == 1


def test_undo_needs_the_right_to_change_and_delete(client, django_user_model, mastery):
    from django.contrib.auth.models import Permission

    event_client = client
    user = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_measurement"))
    event = ImportEvent.objects.create(kind="measurement", file_name="m.csv", new=1)
    event_client.force_login(user)
    page = event_client.get(reverse("admin:goals_importevent_change", args=[event.pk]))
    assert page.status_code == 200
    assert "Fortryd import" not in page.content.decode()
    url = reverse("admin:goals_importevent_undo", args=[event.pk])
    assert event_client.post(url).status_code == 403


def test_changed_rows_past_the_preview_are_written_with_their_history(
    admin_client, superuser, settings, mastery
):
    """The preview shows the change of its first rows only (the rest are
    counted), yet the confirmed import writes every row, each with a history
    row naming the manager, the channel, the file and the import."""
    from core.actions import Channel

    settings.GOALS_IMPORT_PREVIEW_ROWS = 2
    slug = mastery.plan.slug
    years = range(2001, 2007)
    admin_import(
        admin_client,
        "measurement",
        HEADER
        + "\n"
        + "".join(f"{slug};personlig-mestring;{y};50;;;\n" for y in years),
    )
    changed = HEADER + "\n"
    changed += "".join(f"{slug};personlig-mestring;{y};51,5;;;\n" for y in years)

    handle = io.BytesIO(("\ufeff" + changed).encode())
    handle.name = "rettet.csv"
    preview = admin_client.post(
        reverse("admin:goals_measurement_import"),
        {"format": "0", "resource": "0", "import_file": handle},
    )
    page = preview.content.decode()
    assert preview.context["preview"]["counts"]["update"] == 6
    assert page.count('<tr class="update">') == 2
    assert page.count("<del>50</del> <ins>51,5</ins>") == 2
    assert "… og 4 rækker mere af den slags." in page

    event = admin_import(admin_client, "measurement", changed, name="rettet.csv")
    assert event.changed == 6
    for year in years:
        measurement = mastery.measurements.get(period_label=str(year))
        assert measurement.value == Decimal("51.5")
        latest = measurement.history.latest("history_id")
        assert latest.history_type == "~"
        assert latest.value == Decimal("51.5")
        assert latest.history_user == superuser
        assert latest.history_channel == Channel.IMPORT
        assert latest.history_source == "rettet.csv"
        assert latest.history_import == event
