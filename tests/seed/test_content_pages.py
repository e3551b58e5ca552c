"""What issue #14 puts on the pages: sources, qualitative goals, budget tables,
plans that ended, talks, declarations that help, one spelling per address."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from core.formats import format_amount
from goals import progress
from goals.models import Goal, Initiative, Plan
from methods.models import Method, Talk, TalkMethod
from resources.models import Resource
from services.models import KeyFigure, Offer
from tests.admin_forms import admin_form_data
from tests.factories import MethodFactory, PlanFactory

pytestmark = pytest.mark.usefixtures("seed")

VIBORG = "viborg-udviklingsplaner-2017-2018"
AFTALE = "aftale-csi-2019-2020"


def text_of(response):
    assert response.status_code == 200
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def kroner(value):
    """An amount as ``text_of`` reads it (no-break spaces made plain)."""
    return format_amount(value).replace("\xa0", " ")


def goal_url(plan, code):
    return reverse("goals:goal", kwargs={"plan": plan, "code": code})


# Sources -----------------------------------------------------------------------


def test_an_offer_page_names_its_source_and_its_method_links_sources(client):
    text = text_of(client.get(reverse("services:detail", kwargs={"slug": "myndighed"})))
    assert "Kilde: Aftale 2019-2020 for CSI, afsnit 2.2.2 Myndighed" in text
    # The link to MI, missing before, cites the note that names it.
    assert "Kilde: Notat om videnscentret (Randers), Kompetencer i spil: MI" in text


def test_every_seeded_fact_records_its_document():
    from goals.models import Baseline, BudgetLine, PlanKeyFigure, Target
    from services.models import OfferMethod

    for model in (Offer, OfferMethod, KeyFigure, Goal, Baseline, Target,
                  Initiative, BudgetLine, PlanKeyFigure, Talk,
                  TalkMethod):  # fmt: skip
        missing = model.objects.filter(source_document="")
        assert not missing.exists(), (model.__name__, list(missing[:3]))


def test_a_curators_own_addition_records_who_and_when(admin_client, superuser):
    plan = Plan.objects.get(slug=AFTALE)
    response = admin_client.post(
        reverse("admin:goals_plankeyfigure_add"),
        {"plan": plan.pk, "label": "Borgere i caféen en dag", "value": "12",
         "unit": "borgere", "order": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    from goals.models import PlanKeyFigure

    figure = PlanKeyFigure.objects.get(label="Borgere i caféen en dag")
    assert figure.source_document == ""
    assert figure.source_added_by == superuser.get_username()
    assert figure.source_added_on == date.today()
    page = text_of(admin_client.get(figure.plan.get_absolute_url()))
    assert f"Tilføjet af redaktionen ({superuser.get_username()}," in page


# Qualitative goals -------------------------------------------------------------


def test_all_forty_goals_are_there_seven_of_them_without_figures():
    assert Goal.objects.count() == 40
    qualitative = Goal.objects.filter(kind=Goal.Kind.QUALITATIVE)
    assert qualitative.filter(plan__slug=VIBORG).count() == 9
    assert not qualitative.filter(baseline__isnull=False).exists()
    assert not qualitative.filter(targets__isnull=False).exists()


def test_a_qualitative_goal_shows_its_assessment_and_no_chart(client):
    url = goal_url(VIBORG, "bedring-faerdigbehandlede-stof")
    text = text_of(client.get(url))
    assert "Vurderes uden tal" in text
    assert "kriminalitet, job, økonomi" in text
    assert "Tallene bag grafen" not in text
    assert "Seneste resultat" not in text
    assert "Kilde: Udviklingsplaner 2017-2018 (Viborg), afsnit 3.3" in text


def test_a_goal_with_no_direction_in_its_plan_says_so(client):
    text = text_of(client.get(goal_url(VIBORG, "antabus-alkoholbehandling")))
    assert "Ikke angivet i planen" in text


def test_progress_of_a_qualitative_goal_is_its_own_status():
    figures = progress.GoalFigures(unit="", direction="", kind=progress.QUALITATIVE)
    result = progress.evaluate(figures)
    assert result.status == progress.Status.QUALITATIVE
    assert result.latest is None and result.final_target is None


def test_a_goal_with_figures_still_needs_a_unit_and_a_direction():
    goal = Goal(plan=Goal.objects.first().plan, code="x", title="x", level="offer",
                kind=Goal.Kind.QUANTITATIVE, unit="", direction="")  # fmt: skip
    with pytest.raises(Exception) as error:
        goal.full_clean()
    assert set(error.value.message_dict) >= {"unit", "direction"}


# Budget ------------------------------------------------------------------------


def test_the_agreement_shows_both_budget_tables_with_their_checked_subtotals(client):
    text = text_of(client.get(reverse("goals:plan", kwargs={"slug": AFTALE})))
    assert "Centerets budget 2019" in text
    assert "Tilbuddenes driftsbudget 2019 uden salg" in text
    assert kroner(50951776) in text
    assert kroner(-9177000) in text
    # The document rounds each line: its totals are 1 kr. off the lines' sum.
    assert f"Linjerne giver {kroner(50951777)}" in text
    assert f"Linjerne giver {kroner(12592895)}" in text
    assert f"Linjerne giver {kroner(32824476)}" not in text


# Plans in time -----------------------------------------------------------------


def test_an_ended_plan_says_so_and_overdue_initiatives_are_not_planned(client):
    text = text_of(client.get(reverse("goals:plan", kwargs={"slug": AFTALE})))
    assert "Afsluttet 31. december 2020" in text
    plan_text = text_of(
        client.get(
            reverse("goals:plan", kwargs={"slug": "plan-for-udsatteomraadet-2018-2021"})
        )
    )
    table = plan_text.split("Indsatser", 1)[1]
    assert "Status ikke opdateret" in table
    assert "Planlagt" not in table


def test_a_running_plan_is_not_ended_and_its_initiatives_keep_their_status(client):
    plan = PlanFactory(period_start=2025, period_end=2199)
    Initiative.objects.create(plan=plan, title="Ny indsats", end_date=date(2199, 1, 1))
    text = text_of(client.get(plan.get_absolute_url()))
    assert "Afsluttet" not in text
    assert "Planlagt" in text
    assert "Status ikke opdateret" not in text


# Talks -------------------------------------------------------------------------


def test_talks_have_a_list_in_the_menu_and_in_the_sitemap(client):
    text = text_of(client.get(reverse("methods:talk_index")))
    assert "15 oplæg og kurser" in text
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("methods:talk_index")}"' in home
    sitemap = client.get("/sitemap-oplaeg.xml").content.decode()
    assert sitemap.count("<loc>") == Talk.objects.count() == 15


def test_a_talk_page_says_what_for_whom_who_and_how_to_book(client):
    talk = Talk.objects.get(title="Oplæg om CTI og ICM")
    assert talk.get_absolute_url() == f"/oplaeg/{talk.slug}/"
    text = text_of(client.get(talk.get_absolute_url()))
    assert "Allan Hansen (mestringsvejleder)" in text
    assert "Critical Time Intervention" in text
    assert "Sådan booker du" in text and "videnscentret" in text
    assert "Varighed Aftales ved booking" in text
    assert (
        "Kilde: Notat om videnscentret (Randers), Viden der støtter andre aktører"
        in text
    )


def test_a_talk_with_no_method_still_has_a_page(client):
    talk = Talk.objects.get(title="Oplæg om fremskudt rådgivning")
    assert not talk.methods.exists()
    text = text_of(client.get(talk.get_absolute_url()))
    assert "bygger ikke på en bestemt metode" in text


def test_the_talk_list_can_be_searched(client):
    text = text_of(client.get(reverse("methods:talk_index"), {"q": "hash"}))
    assert "Oplæg om unge og hash" in text
    assert "Oplæg om CTI og ICM" not in text
    empty = text_of(client.get(reverse("methods:talk_index"), {"q": "zzzqqq"}))
    assert "Ingen oplæg eller kurser passer til" in empty


# Declarations ------------------------------------------------------------------


def test_an_unrated_method_says_so_in_one_line_with_the_portal_link(client):
    method = Method.objects.get(slug="cti")
    method.knowledge_portal_url = "https://vidensportal.dk/temaer/hjemloshed/cti"
    method.save()
    response = client.get(method.get_absolute_url())
    text = text_of(response)
    assert "Ikke vurderet endnu." in text
    assert 'class="rating-grid"' not in response.content.decode()
    assert "Søg efter Critical Time Intervention på Vidensportalen" in text


def test_a_rated_method_shows_the_five_boxes(client):
    method = MethodFactory(rating_effect="B", reason_effect="To studier.")
    response = client.get(method.get_absolute_url())
    assert 'class="rating-grid"' in response.content.decode()


def test_the_evidence_filter_offers_only_ratings_that_exist_with_counts(client):
    html = client.get(reverse("methods:index")).content.decode()
    unrated = Method.objects.visible_to(None).filter(rating_effect="").count()
    assert f"Ikke vurderet endnu ({unrated})" in html
    assert "A – stærkt vidensgrundlag" not in html
    MethodFactory(rating_effect="B")
    html = client.get(reverse("methods:index")).content.decode()
    assert "B – godt vidensgrundlag (1)" in html
    assert "A – stærkt vidensgrundlag" not in html


# One of each ---------------------------------------------------------------------


def test_one_material_kind_for_guidelines():
    assert "procedure" not in Resource.Kind.values
    assert Resource.Kind.GUIDELINE.label == "Retningslinje"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Gl. Hadsundvej 1", {"myndighed", "fremskudt-indsats"}),
        ("Gammel Hadsundvej 1", {"myndighed", "fremskudt-indsats"}),
        ("Søren Møllergade 5", {"hjoernestenen", "udslusning"}),
        ("Søren Møllers Gade 5", {"hjoernestenen", "udslusning"}),
    ],
)
def test_an_address_is_found_whichever_way_it_is_spelt(client, query, expected):
    response = client.get(reverse("services:index"), {"q": query})
    offers = {offer.slug for offer in response.context["offers"]}
    assert expected <= offers


def test_a_period_the_agreement_writes_2017_2018_is_shown_so_and_not_as_dates(
    client,
):
    # The agreement gives the baseline as “45% (2017/2018)”, no months.
    code = "ungdomsuddannelse-18-21-aarige"
    page = text_of(client.get(goal_url(AFTALE, code)))
    assert "45 % (2017/2018)" in page
    plan = text_of(client.get(reverse("goals:plan", kwargs={"slug": AFTALE})))
    assert "45 % (2017/2018)" in plan
    for invented in ("aug. 2017", "jul. 2018", "1.8.2017", "31.7.2018"):
        assert invented not in page
        assert invented not in plan
    export = client.get(
        reverse("goals:export", kwargs={"slug": AFTALE, "kind": "maal", "fmt": "csv"})
    ).content.decode("utf-8-sig")
    assert "45;2017/2018;" in export
    api_url = reverse("api:v1_goal", kwargs={"plan": AFTALE, "code": code})
    api = client.get(api_url).json()
    # The dates bound the two years the document names; nothing finer is claimed.
    assert api["baseline"]["period_label"] == "2017/2018"
    assert (api["baseline"]["period_start"], api["baseline"]["period_end"]) == (
        "2017-01-01",
        "2018-12-31",
    )


def test_a_2017_2018_baseline_sits_between_the_two_years_on_the_chart(client):
    goal = Goal.objects.get(code="ungdomsuddannelse-18-21-aarige")
    for value, year in ((44, 2017), (47, 2018), (48, 2019)):
        goal.measurements.create(
            value=value, period_label=str(year), period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
        )  # fmt: skip
    page = client.get(goal_url(AFTALE, goal.code)).content.decode()
    table = re.search(r'class="table goal-figures-table">.*?</table>', page, re.S)
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]+)</td>', table[0])
    assert rows[:4] == [
        ("2017", "Måling fra før eller under udgangspunktet"),
        ("2017/2018", "Udgangspunkt"),
        # 2018 may lie inside “2017/2018”: shown, not counted as progress.
        ("2018", "Måling fra før eller under udgangspunktet"),
        ("2019", "Resultat"),
    ]


def test_a_talk_page_shows_each_method_with_its_source_and_reading(client):
    talk = Talk.objects.get(title="Oplæg om Kognitiv Terapi/Kognitiv Gruppe")
    text = text_of(client.get(talk.get_absolute_url()))
    assert "Kognitiv Adfærdsterapi" in text
    assert "Notatet kalder metoden kognitiv terapi" in text
    assert (
        "Kilde: Notat om videnscentret (Randers), Viden der støtter andre aktører: "
        '"metoden Kognitiv terapi"'
    ) in html.unescape(text)


def test_every_talk_with_or_without_a_method_is_on_the_talk_list(client):
    text = text_of(client.get(reverse("methods:talk_index")))
    without = Talk.objects.filter(methods=None)
    assert without.count() == 6
    for talk in Talk.objects.all():
        assert talk.title in text


def test_a_curator_adds_a_method_to_a_talk_with_who_and_when(admin_client, superuser):
    talk = Talk.objects.get(title="Oplæg om unge og hash")
    method = Method.objects.get(slug="mi")
    url = reverse("admin:methods_talk_change", args=[talk.pk])
    data = admin_form_data(admin_client.get(url))
    data |= {
        "method_uses-TOTAL_FORMS": "1",
        "method_uses-0-method": str(method.pk),
        "method_uses-0-note": "Samtalen med den unge bygger på MI.",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    use = TalkMethod.objects.get(talk=talk, method=method)
    assert use.source_document == ""
    assert use.source_added_by == superuser.get_username()
    assert use.source_added_on == date.today()
    page = text_of(admin_client.get(talk.get_absolute_url()))
    assert "Samtalen med den unge bygger på MI." in page
    assert f"Tilføjet af redaktionen ({superuser.get_username()}," in page
