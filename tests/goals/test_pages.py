"""The public pages: plans, a plan, a goal; fixed query counts; seed facts."""

import re
from datetime import date

import pytest
from django.urls import reverse

from goals.models import Baseline, Goal, Plan, PlanKeyFigure
from tests.factories import (
    FocusAreaFactory,
    GoalThemeFactory,
    InitiativeFactory,
    OfferFactory,
    PlanFactory,
)

from .conftest import add_goal

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page as a reader sees it: tags gone, whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def fill_plan(plan, count):
    """A plan with ``count`` of everything a plan page shows."""
    theme = GoalThemeFactory(name="Mestring af eget liv", order=1)
    for n in range(count):
        FocusAreaFactory(plan=plan, number=n + 1, title=f"Fokus {n}", goal="Målet")
        InitiativeFactory(plan=plan, title=f"Indsats {n}", owner=f"Ejer {n}")
        PlanKeyFigure.objects.create(plan=plan, label=f"Tal {n}", value=n, year=2017)
        goal = add_goal(
            plan,
            f"maal-{n}",
            theme=theme if n % 2 else None,
            baseline=(60, "2017", 47),
            targets=[(2019, 62), (2020, 63)],
            measurements=[("2018", 61, 40), ("2019", 62, 12)],
        )
        goal.responsible_offers.add(OfferFactory())


# The plan list ------------------------------------------------------------------------


def test_plan_list_shows_plans_with_their_goals_status(client, homeless, mastery):
    response = client.get(reverse("goals:index"))
    text = text_of(response)
    assert "Aftale 2019-2020 for centret" in text
    assert "2 mål" in text
    # 81 homeless at the end of 2019 is ahead of the straight path from 86 to 75.
    assert re.search(r"På vej\s*: 2", text)


@pytest.mark.parametrize("count", [1, 4])
def test_plan_list_costs_a_fixed_number_of_queries(
    client, count, django_assert_num_queries
):
    before = Plan.objects.count()
    for n in range(count):
        fill_plan(PlanFactory(title=f"Plan {n}"), 2)
    # The owner filter's choices, the count for the pages, the plans, and their
    # goals' stored statuses counted in one aggregate (no goal or figure loaded).
    with django_assert_num_queries(4):
        response = client.get(reverse("goals:index"))
    assert len(response.context["plans"]) == min(before + count, 20)


def test_plan_list_search_finds_plans_by_their_goals_and_lists_the_goals(client, plan):
    add_goal(plan, "quokka", title="Flere trivelige quokkaer")
    other = PlanFactory(title="Plan uden det ord")
    add_goal(other, "x", title="Noget helt andet")
    response = client.get(reverse("goals:index"), {"q": "quokkaer"})
    assert list(response.context["plans"]) == [plan]
    text = text_of(response)
    assert "Mål om “quokkaer”" in text
    assert "Flere trivelige quokkaer" in text


@pytest.mark.parametrize(
    "query",
    [{"q": "x" * 500}, {"kind": "findes-ikke"}, {"owner": "../x"}, {"page": "abc"}],
)
def test_plan_list_never_fails_on_what_is_typed(client, db, query):
    response = client.get(reverse("goals:index"), query)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_plan_list_search_costs_a_fixed_number_of_queries(
    client, count, django_assert_num_queries
):
    for n in range(count):
        plan = PlanFactory(title=f"Quokkaplan {n}")
        add_goal(plan, f"q{n}", title=f"Flere quokkaer {n}")
    with django_assert_num_queries(5):
        response = client.get(reverse("goals:index"), {"q": "quokkaer"})
    assert len(response.context["matching_goals"]) == count


# A plan -------------------------------------------------------------------------


def test_plan_page_shows_strategy_focus_areas_initiatives_and_goal_cards(
    client, plan, mastery
):
    plan.mission = "Hurtig og fleksibel støtte."
    plan.vision = "Alle kan deltage."
    plan.values = "Åbenhed."
    plan.save()
    FocusAreaFactory(
        plan=plan, number=1, title="Bolig", why="Fordi", goal="Flere i bolig", how="CTI"
    )
    InitiativeFactory(
        plan=plan, title="ACT-team", owner="Myndighed", start_date="2019-03-01"
    )
    text = text_of(client.get(plan.get_absolute_url()))
    for expected in [
        "Hurtig og fleksibel støtte.",
        "Alle kan deltage.",
        "Åbenhed.",
        "1. Bolig",
        "Hvorfor Fordi",
        "Målet Flere i bolig",
        "Sådan gør vi CTI",
        "ACT-team",
        "Myndighed",
        "1. marts 2019",
        # The goal card: latest result with N, the trend, progress, status.
        "Seneste resultat 61 % (2018, N=52)",
        "+1 procentpoint siden 2017 (bedre)",
        "33 % af vejen fra udgangspunktet til målet for 2020",
        "På vej",
    ]:
        assert expected in text, expected


def test_plan_page_status_has_an_icon_and_words(client, mastery):
    html = client.get(mastery.plan.get_absolute_url()).content.decode()
    badge = re.search(
        r'<span class="goal-status goal-status--on_track.*?</span></span>', html, re.S
    )
    assert badge and "<svg" in badge.group(0) and "På vej" in badge.group(0)
    assert 'aria-hidden="true"' in badge.group(0)


def test_plan_page_offers_downloads_and_a_printable_report(client, homeless, mastery):
    response = client.get(homeless.plan.get_absolute_url())
    html = response.content.decode()
    slug = homeless.plan.slug
    for kind in ["maal", "maalsaetninger", "maalinger"]:
        for fmt in ["csv", "xlsx"]:
            assert f'href="/planer/{slug}/{kind}.{fmt}"' in html
    report = html[html.index('class="print-only goal-report"') :]
    for expected in [
        "Færre borgere skal være hjemløse",
        "86 (2017)",
        "75 (2022)",
        "81 (2019)",
        "På vej",
        "Flere borgere har fået en fast kontaktperson.",
    ]:
        assert expected in report.replace("\u00a0", " "), expected


def test_plan_page_shows_target_beyond_the_plan_period(client, homeless):
    text = text_of(client.get(homeless.plan.get_absolute_url()))
    assert "75 i 2022 (efter planperioden)" in text


def test_plan_page_groups_goals_by_theme(client, plan):
    health = GoalThemeFactory(name="Helbred", order=2)
    life = GoalThemeFactory(name="Livet sammen", order=1)
    add_goal(plan, "a", title="Mål om sundhed", theme=health)
    add_goal(plan, "b", title="Mål om fællesskab", theme=life)
    add_goal(plan, "c", title="Mål uden tema")
    text = text_of(client.get(plan.get_absolute_url()))
    order = [
        text.index(t)
        for t in [
            "Livet sammen",
            "Mål om fællesskab",
            "Helbred",
            "Mål om sundhed",
            "Øvrige mål",
            "Mål uden tema",
        ]
    ]
    assert order == sorted(order)


@pytest.mark.parametrize("count", [1, 5])
def test_plan_page_costs_a_fixed_number_of_queries(
    client, count, django_assert_num_queries
):
    plan = PlanFactory()
    fill_plan(plan, count)
    # One of them reads the plan's budget lines (issue #14).
    with django_assert_num_queries(8):
        response = client.get(plan.get_absolute_url())
    assert len(response.context["goals"]) == count


def test_unknown_plan_is_404(client, db):
    assert client.get("/planer/findes-ikke/").status_code == 404


# A goal -------------------------------------------------------------------------


def test_goal_page_shows_definition_source_offers_and_the_numbers(client, mastery):
    mastery.definition = "Andelen af afsluttede mål."
    mastery.data_source = "Faglige Kvalitets Oplysninger (FKO)"
    mastery.save()
    published = OfferFactory(name="Testtilbuddet Solsikken")
    draft = OfferFactory(name="Hemmeligt tilbud", status="draft")
    mastery.responsible_offers.add(published, draft)

    response = client.get(mastery.get_absolute_url())
    html = response.content.decode()
    text = text_of(response)

    assert "Andelen af afsluttede mål." in text
    assert "Faglige Kvalitets Oplysninger (FKO)" in text
    assert (
        f'<a href="{published.get_absolute_url()}">Testtilbuddet Solsikken</a>' in html
    )
    assert "Hemmeligt tilbud" not in html
    assert "Højere er bedre" in text
    assert "Procent – ændringer i procentpoint" in text


def test_goal_chart_has_title_description_and_the_same_numbers_as_its_table(
    client, mastery
):
    html = (
        client.get(mastery.get_absolute_url()).content.decode().replace("\u00a0", " ")
    )
    svg = html[
        html.index('<svg class="goal-chart__svg"') : html.index(
            "</svg>", html.index("goal-chart__svg")
        )
    ]
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    desc = re.search(r'<desc id="chart-desc">(.*?)</desc>', svg, re.S).group(1)
    assert "Udgangspunkt 60 % (2017)." in desc
    assert "Målsætning for 2020: mål 63 %." in desc
    assert "2018: 61 %" in desc
    table = html[html.index("goal-figures-table") :]
    for value in ["60 %", "61 %", "63 %"]:
        assert value in svg and value in table
    # Readable without colour: distinct shapes and line styles.
    assert "stroke-dasharray" in svg and "<circle" in svg and "<rect" in svg


def test_the_chart_draws_each_target_on_the_day_progress_counts_it_due(client, plan):
    goal = add_goal(
        plan,
        "due",
        baseline=(60, "2017"),
        targets=[(2019, 62), (2020, 63)],
        measurements=[("2. halvår 2020", 63)],
    )
    response = client.get(goal.get_absolute_url())
    chart, progress = response.context["chart"], response.context["progress"]

    due = [date(2019, 12, 31), date(2020, 12, 31)]
    assert [target.end for target in progress.targets] == due
    assert [point.day for point in chart.targets] == due
    # Progress measures the result for the second half of 2020 against the
    # target for 2020, due at the end of it: the chart draws it there, to the
    # right of the result (over the middle of its half year), not before it.
    [result] = chart.results
    assert progress.next_target.year == 2020
    assert result.day == date(2020, 9, 30)
    assert chart.targets[-1].x > result.x


def test_goal_page_marks_small_n_and_measurements_before_the_baseline(client, plan):
    goal = add_goal(
        plan,
        "unge",
        baseline=(43, "2017", 37),
        targets=[(2020, 50)],
        measurements=[("2016", 40, 30), ("2019", 41, 12)],
    )
    text = text_of(client.get(goal.get_absolute_url()))
    assert "41 % (2019, N=12) lille datagrundlag" in text
    assert "Måling fra før eller under udgangspunktet" in text
    assert "−2 procentpoint siden 2017 (dårligere)" in text
    assert "Længere fra målet for 2020 end ved udgangspunktet" in text


def test_goal_without_figures_says_so(client, plan):
    goal = add_goal(plan, "tom")
    text = text_of(client.get(goal.get_absolute_url()))
    assert "Ingen data endnu" in text
    assert "Der er endnu ingen tal for målet." in text


def test_goal_page_shows_a_target_and_baseline_without_year(client, plan):
    goal = add_goal(
        plan, "frivillig", targets=[(None, 33)], measurements=[("2019", 31)]
    )
    Baseline.objects.create(goal=goal, value=30)
    text = text_of(client.get(goal.get_absolute_url()))
    assert "Uden årstal" in text
    assert "årstal ikke angivet" in text
    assert "periode ikke angivet" in text
    plan_text = text_of(client.get(plan.get_absolute_url()))
    assert "årstal ikke angivet" in plan_text


@pytest.mark.parametrize("count", [1, 6])
def test_goal_page_costs_a_fixed_number_of_queries(
    client, plan, count, django_assert_num_queries
):
    national = add_goal(plan, "national", level=Goal.Level.NATIONAL)
    goal = add_goal(
        plan,
        "g",
        supports=national,
        baseline=(60, "2017"),
        targets=[(2018 + n, 60 + n) for n in range(count)],
        measurements=[(str(2018 + n), 60 + n) for n in range(count)],
    )
    goal.responsible_offers.add(*[OfferFactory() for _ in range(count)])
    for n in range(count):
        add_goal(plan, f"s{n}", supports=goal)
    # The page, then with its fragment the figures, the offers, the goals that
    # support it and the goal it supports with its plan (read apart: joined to
    # the page's own statement they cost more to plan than to run).
    with django_assert_num_queries(7):
        response = client.get(goal.get_absolute_url())
    assert response.status_code == 200


def test_unknown_goal_is_404(client, plan):
    assert client.get(f"/planer/{plan.slug}/findes-ikke/").status_code == 404
    assert client.get("/planer/findes-ikke/hjemloese/").status_code == 404


# With the municipality's own plans ---------------------------------------------------


def test_seed_plan_page_and_the_homeless_goal(client, seed):
    response = client.get("/planer/aftale-csi-2019-2020/")
    assert response.status_code == 200
    response = client.get("/planer/aftale-csi-2019-2020/hjemloese/")
    text = text_of(response)
    assert "Færre borgere skal være hjemløse" in text
    assert "86 (2017)" in text
    assert "75 i 2022 (efter planperioden)" in text
    assert "Lavere er bedre" in text
    goal = response.context["goal"]
    assert goal.unit == Goal.Unit.COUNT
    assert goal.progress.status == "no_data"


def test_every_seed_plan_and_goal_page_answers(client, seed):
    assert client.get(reverse("goals:index")).status_code == 200
    for goal in Goal.objects.select_related("plan"):
        assert client.get(goal.plan.get_absolute_url()).status_code == 200
        assert client.get(goal.get_absolute_url()).status_code == 200
