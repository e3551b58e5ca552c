"""The goals seed (goals/seed/*.yaml) carries the plans' figures exactly."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from goals.models import Baseline, Goal, Initiative, Plan

# The seed content is loaded once per test session (tests/conftest.py); these
# tests only read it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]

AFTALE = "aftale-csi-2019-2020"
RUSMIDDELPLAN = "rusmiddelplan-2017-2020"
UDSATTEPLAN = "plan-for-udsatteomraadet-2018-2021"
VIBORG = "viborg-udviklingsplaner-2017-2018"


def goal(plan, code):
    return Goal.objects.select_related("baseline").get(plan__slug=plan, code=code)


def targets(goal):
    return {target.year: target.value for target in goal.targets.all()}


def test_four_plans_with_their_kinds_and_owners():
    plans = {plan.slug: (plan.kind, plan.owner.slug) for plan in Plan.objects.all()}
    assert plans == {
        UDSATTEPLAN: (Plan.Kind.STRATEGY, "randers-kommune"),
        RUSMIDDELPLAN: (Plan.Kind.SECTOR_PLAN, "randers-kommune"),
        AFTALE: (Plan.Kind.AGREEMENT, "center-for-saerlig-social-indsats"),
        VIBORG: (Plan.Kind.DEVELOPMENT_PLAN, "viborg-kommune"),
    }


def test_plan_for_udsatteomraadet_has_seven_focus_areas():
    plan = Plan.objects.get(slug=UDSATTEPLAN)
    assert (plan.period_start, plan.period_end) == (2018, 2021)
    assert list(plan.focus_areas.values_list("number", "title")) == [
        (1, "Hurtig og fleksibel støtte"),
        (2, "Individuelle og fleksible boligløsninger"),
        (3, "Større effekt af rusmiddelbehandlingen"),
        (4, "Tidlig indsats for unge på kanten"),
        (5, "Flere i job eller uddannelse"),
        (6, "Randers for alle"),
        (7, "Lige muligheder for sundhed"),
    ]
    perron = plan.key_figures.get(label="Værestedet Perron 4, borgere med madordning")
    assert perron.value == 156


def test_homeless_86_in_2017_to_75_in_2022():
    homeless = goal(AFTALE, "hjemloese")
    assert (homeless.level, homeless.unit, homeless.direction) == (
        Goal.Level.NATIONAL,
        Goal.Unit.COUNT,
        Goal.Direction.DECREASE,
    )
    assert homeless.theme.slug == "mestring-af-eget-liv"
    baseline = homeless.baseline
    assert baseline.value == 86
    assert (baseline.period_label, baseline.period_start, baseline.period_end) == (
        "2017",
        datetime.date(2017, 1, 1),
        datetime.date(2017, 12, 31),
    )
    assert baseline.scope == Baseline.Scope.MUNICIPALITY
    assert targets(homeless) == {2022: 75}


def test_drug_treatment_effect_43_nationally_in_2014_then_48_and_50():
    effect = goal(RUSMIDDELPLAN, "effekt-stofbehandling")
    assert effect.unit == Goal.Unit.PERCENT
    assert effect.baseline.value == 43
    assert effect.baseline.year == 2014
    assert effect.baseline.scope == Baseline.Scope.NATIONAL
    assert targets(effect) == {2017: 48, 2018: 50, 2019: 50, 2020: 50}


def test_alcohol_treatment_effect_38_nationally_in_2014_then_42_and_45():
    effect = goal(RUSMIDDELPLAN, "effekt-alkoholbehandling")
    assert (effect.baseline.value, effect.baseline.year) == (38, 2014)
    assert targets(effect) == {2017: 42, 2018: 45, 2019: 45, 2020: 45}


@pytest.mark.parametrize(
    ("code", "baseline", "target"),
    [
        ("antal-borgere-i-behandling", 622, 775),
        ("unge-i-behandling", 142, 200),
        ("familier-i-behandling", 53, 100),
    ],
)
def test_volume_targets_from_end_of_2016_to_end_of_2020(code, baseline, target):
    volume = goal(RUSMIDDELPLAN, code)
    assert volume.unit == Goal.Unit.COUNT
    assert volume.direction == Goal.Direction.INCREASE
    assert volume.baseline.value == baseline
    assert volume.baseline.period_end == datetime.date(2016, 12, 31)
    assert targets(volume) == {2020: target}


def test_personal_mastery_60_percent_of_47_goals_to_63_in_2020():
    mastery = goal(AFTALE, "personlig-mestring")
    assert mastery.level == Goal.Level.CENTRE
    baseline = mastery.baseline
    assert (baseline.value, baseline.n, baseline.year) == (60, 47, 2017)
    assert targets(mastery) == {2020: 63}
    assert mastery.supports.code == "hjemloese"
    assert "FKO" in mastery.data_source


def test_hjoernestenen_housing_43_percent_of_37_young_people_to_50():
    housing = goal(AFTALE, "hjoernestenen-boligloesning")
    baseline = housing.baseline
    assert (baseline.value, baseline.n, baseline.year) == (43, 37, 2017)
    assert targets(housing) == {2020: 50}
    offers = housing.responsible_offers.values_list("slug", flat=True)
    assert list(offers) == ["hjoernestenen"]


def test_stays_over_120_days_14_percent_of_203_stays_down_to_12():
    stays = goal(AFTALE, "forsorgshjem-ophold-over-120-dage")
    assert stays.direction == Goal.Direction.DECREASE
    assert (stays.baseline.value, stays.baseline.n) == (14, 203)
    assert targets(stays) == {2020: 12}


def test_alcohol_reduction_47_percent_dec_2017_to_may_2018_to_50():
    alcohol = goal(AFTALE, "alkohol-reduktion-eller-afholdenhed")
    baseline = alcohol.baseline
    assert (baseline.value, baseline.n) == (47, 106)
    assert baseline.period_label == "dec. 2017-maj 2018"
    assert (baseline.period_start, baseline.period_end) == (
        datetime.date(2017, 12, 1),
        datetime.date(2018, 5, 31),
    )
    assert targets(alcohol) == {2020: 50}
    assert alcohol.supports.code == "alkoholbehandling-afsluttet-med-effekt"


def test_agreement_has_six_national_eight_centre_and_five_offer_goals():
    goals = Goal.objects.filter(plan__slug=AFTALE)
    levels = list(goals.values_list("level", flat=True))
    assert levels.count(Goal.Level.NATIONAL) == 6
    assert levels.count(Goal.Level.CENTRE) == 8
    assert levels.count(Goal.Level.OFFER) == 5
    young = goal(AFTALE, "saarbare-unge-i-uddannelse-og-beskaeftigelse")
    assert (young.unit, targets(young)) == (Goal.Unit.PERCENT, {2020: Decimal(10)})
    assert not Baseline.objects.filter(goal=young).exists()
    outreach = goal(AFTALE, "fremskudt-rusmiddelindsats")
    assert (outreach.unit, targets(outreach)) == (Goal.Unit.COUNT, {2020: 15})


def test_viborg_initiative_with_owner_and_timing():
    initiative = Initiative.objects.get(
        plan__slug=VIBORG,
        title="Fortsat udvikling og kvalificering af den helhedsorienterede behandling",
    )
    assert initiative.owner == "Alkohol-, Stof- og ambulatorieteams"
    assert initiative.timing == "Påbegyndt januar 2017; evaluering januar 2018"
    assert initiative.focus_area.title == "Rusmiddelcenter Viborg"


def test_craft_project_for_relatives_starts_15_january_2018():
    craft = Initiative.objects.get(
        plan__slug=UDSATTEPLAN, title="CRAFT-projekt for pårørende"
    )
    assert craft.start_date == datetime.date(2018, 1, 15)


def test_viborg_no_show_goal_keeps_29_percent_from_2016():
    no_shows = goal(VIBORG, "udeblivelser-stofbehandling")
    assert no_shows.direction == Goal.Direction.DECREASE
    assert (no_shows.baseline.value, no_shows.baseline.year) == (29, 2016)
    assert targets(no_shows) == {None: 29}  # the plan gives no year
    assert list(no_shows.responsible_offers.values_list("slug", flat=True)) == [
        "rusmiddelcenter-viborg"
    ]


def test_national_alcohol_and_drug_goals_keep_their_baselines_without_period():
    alcohol = goal(AFTALE, "alkoholbehandling-afsluttet-med-effekt")
    assert alcohol.baseline.value == 36
    assert (alcohol.baseline.period_label, alcohol.baseline.period_end) == ("", None)
    assert targets(alcohol) == {None: 47}
    drugs = goal(AFTALE, "stofbehandling-afsluttet-med-effekt")
    assert drugs.baseline.value == 54
    assert drugs.baseline.period_end is None
    assert targets(drugs) == {2022: 57}


def test_volunteering_target_has_no_year_and_no_invented_comparison():
    volunteering = goal(AFTALE, "frivillig-indsats")
    assert (volunteering.baseline.value, volunteering.baseline.year) == (30, 2017)
    assert targets(volunteering) == {None: 33}
    assert "landstallet" not in volunteering.narrative


@pytest.mark.parametrize(
    "code, value",
    [
        ("handleplaner-inden-for-1-maaned", 90),
        ("buprenorphin-i-substitutionsbehandling", 50),
        ("stoffri-doegnbehandling-gennemfoert", 50),
        ("alkohol-doegnbehandling-gennemfoert", 50),
    ],
)
def test_viborg_targets_without_a_year_in_the_plan_have_none(code, value):
    assert targets(goal(VIBORG, code)) == {None: value}


def test_loading_the_seed_twice_keeps_one_yearless_target():
    call_command("load_seed_content", verbosity=0)
    alcohol = goal(AFTALE, "alkoholbehandling-afsluttet-med-effekt")
    assert targets(alcohol) == {None: 47}
    assert alcohol.targets.count() == 1
