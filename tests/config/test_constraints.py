"""The database holds the domain's rules even when code forgets them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.text import danish_slugify
from tests.factories import (
    BaselineFactory,
    GoalFactory,
    MeasurementFactory,
    OfferFactory,
    PlanFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def assert_rejected_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_a_target_year_once_per_goal():
    target = TargetFactory(year=2020)
    assert_rejected_by_database(lambda: TargetFactory(goal=target.goal, year=2020))


def test_a_plan_period_ends_after_it_starts():
    assert_rejected_by_database(lambda: PlanFactory(period_start=2021, period_end=2018))


def test_a_measurement_period_ends_after_it_starts():
    assert_rejected_by_database(
        lambda: MeasurementFactory(
            period_start=datetime.date(2019, 12, 31),
            period_end=datetime.date(2019, 1, 1),
        )
    )


def test_a_baseline_period_ends_after_it_starts():
    assert_rejected_by_database(
        lambda: BaselineFactory(
            period_start=datetime.date(2018, 5, 31),
            period_end=datetime.date(2017, 12, 1),
        )
    )


def test_an_offer_age_range_is_ordered():
    assert_rejected_by_database(lambda: OfferFactory(min_age=25, max_age=18))


def test_a_percentage_above_100_is_invalid():
    goal = GoalFactory(unit="percent")
    target = TargetFactory.build(goal=goal, value=140)
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "mellem 0 og 100" in str(error.value)


@pytest.mark.parametrize(
    "factory_class", [BaselineFactory, TargetFactory, MeasurementFactory]
)
@pytest.mark.parametrize("value", [140, -1])
def test_the_database_refuses_a_percentage_outside_0_to_100(factory_class, value):
    goal = GoalFactory(unit="percent")
    assert_rejected_by_database(lambda: factory_class(goal=goal, value=value))


def test_the_database_refuses_an_update_to_a_percentage_above_100():
    target = TargetFactory(goal=GoalFactory(unit="percent"), value=50)
    assert_rejected_by_database(
        lambda: type(target).objects.filter(pk=target.pk).update(value=140)
    )


def test_the_database_refuses_making_a_goal_with_a_figure_of_775_a_percentage():
    target = TargetFactory(goal=GoalFactory(unit="count"), value=775)
    goal_model = type(target.goal)
    assert_rejected_by_database(
        lambda: goal_model.objects.filter(pk=target.goal_id).update(unit="percent")
    )


def test_the_database_keeps_a_percentage_of_100_and_a_count_of_775():
    percentage = TargetFactory(goal=GoalFactory(unit="percent"), value=100)
    count = TargetFactory(goal=GoalFactory(unit="count"), value=775)
    stored = type(count).objects.filter(pk__in=[percentage.pk, count.pk])
    assert sorted(stored.values_list("value", flat=True)) == [100, 775]


def test_a_count_may_exceed_100():
    target = TargetFactory.build(goal=GoalFactory(unit="count"), value=775)
    target.full_clean()
    target.save()
    assert type(target).objects.get(pk=target.pk).value == 775


def test_a_target_before_the_baseline_year_is_invalid():
    baseline = BaselineFactory()
    target = TargetFactory.build(goal=baseline.goal, year=2016, value=50)
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "udgangspunktets år" in str(error.value)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ladegården", "ladegaarden"),
        ("Åbo", "aabo"),
        ("Hjørnestenen", "hjoernestenen"),
        ("Forsorgscenter Vibohøj", "forsorgscenter-vibohoej"),
        ("Lær at Tackle", "laer-at-tackle"),
    ],
)
def test_slugs_use_danish_transliteration(name, slug):
    assert danish_slugify(name) == slug


def test_a_new_offer_gets_a_transliterated_slug():
    assert OfferFactory(name="Æblegården Øst").slug == "aeblegaarden-oest"


def test_an_admin_slug_clash_is_a_danish_form_error(admin_client):
    from django.urls import reverse

    from services.models import Offer

    perron = Offer.objects.get(slug="perron-4")
    count = Offer.objects.count()
    response = admin_client.post(
        reverse("admin:services_offer_add"),
        {
            "name": "Perron 4",
            "slug": "",
            "status": "published",
            "kind": perron.kind_id,
            "owner": perron.owner_id,
            "operator": "municipal",
            "access": "walk_in",
            "summary": "Et nyt tilbud med samme navn.",
            **{
                f"{prefix}-{key}": value
                for prefix in ("locations", "method_uses", "key_figures", "sub_offers")
                for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )
    assert response.status_code == 200
    assert "eksisterer allerede" in response.content.decode()
    assert Offer.objects.count() == count
