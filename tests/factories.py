"""Factories for tests that need data beyond the seed content."""

import datetime

import factory

from goals.models import Baseline, Goal, Measurement, Plan, Target
from methods.models import Method, MethodCategory, Talk, TargetGroup
from resources.models import KnowledgeSource, Resource
from services.models import LegalBasis, Location, Offer, OfferKind, Organisation


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Målgruppe {n}")


class MethodCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodCategory
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Kategori {n}")


class MethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Method

    name = factory.Sequence(lambda n: f"Metode {n}")
    category = factory.SubFactory(MethodCategoryFactory)
    summary = "En metode til at støtte borgeren."


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    title = factory.Sequence(lambda n: f"Oplæg {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.CENTRE


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"SEL § {200 + n}")
    law = "Serviceloven"
    title = "Paragraf"
    explanation = "En paragraf i serviceloven."


class OfferKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferKind
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Tilbudstype {n}")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    name = factory.Sequence(lambda n: f"Tilbud {n}")
    kind = factory.SubFactory(OfferKindFactory)
    owner = factory.SubFactory(OrganisationFactory)
    legal_basis = factory.SubFactory(LegalBasisFactory)
    summary = "Et tilbud til borgere."


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    offer = factory.SubFactory(OfferFactory)
    street = factory.Sequence(lambda n: f"Vejen {n}")
    postcode = "8900"
    city = "Randers"


class KnowledgeSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeSource

    name = factory.Sequence(lambda n: f"Videnskilde {n}")
    kind = KnowledgeSource.Kind.NATIONAL_AGENCY


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Materiale {n}")
    kind = Resource.Kind.GUIDELINE
    summary = "Et materiale."
    year = 2019


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Plan {n}")
    kind = Plan.Kind.AGREEMENT
    owner = factory.SubFactory(OrganisationFactory)
    period_start = 2019
    period_end = 2020


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"maal-{n}")
    title = factory.Sequence(lambda n: f"Mål {n}")
    level = Goal.Level.CENTRE
    unit = Goal.Unit.PERCENT
    direction = Goal.Direction.INCREASE


class BaselineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Baseline

    goal = factory.SubFactory(GoalFactory)
    value = 60
    period_label = "2017"
    period_start = datetime.date(2017, 1, 1)
    period_end = datetime.date(2017, 12, 31)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    goal = factory.SubFactory(GoalFactory)
    year = 2020
    value = 63


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    goal = factory.SubFactory(GoalFactory)
    value = 61
    period_label = "2019"
    period_start = datetime.date(2019, 1, 1)
    period_end = datetime.date(2019, 12, 31)


class GoalThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "goals.GoalTheme"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Måltema {n}")


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "goals.FocusArea"

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Fokusområde {n}")
    why = "Fordi det gør en forskel."


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "goals.Initiative"

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Indsats {n}")
    owner = "Centret"


def create_public_items(count, word="Quokka"):
    """``count`` each of published offers and methods, public resources, plans
    and goals whose titles contain ``word``: for pages whose query count must not
    grow with the data. bulk_create skips save(), so slugs are set here."""
    from core.text import danish_slugify

    base = danish_slugify(word)
    category = MethodCategoryFactory()
    kind = OfferKindFactory()
    owner = OrganisationFactory()
    Offer.objects.bulk_create(
        Offer(
            name=f"{word} tilbud {n}",
            slug=f"{base}-tilbud-{n}",
            kind=kind,
            owner=owner,
            summary=f"Et tilbud om {word}.",
        )
        for n in range(count)
    )
    Method.objects.bulk_create(
        Method(
            name=f"{word} metode {n}",
            slug=f"{base}-metode-{n}",
            category=category,
            summary=f"En metode om {word}.",
        )
        for n in range(count)
    )
    Resource.objects.bulk_create(
        Resource(
            title=f"{word} materiale {n}",
            slug=f"{base}-materiale-{n}",
            kind=Resource.Kind.GUIDELINE,
            summary=f"Et materiale om {word}.",
        )
        for n in range(count)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            title=f"{word} plan {n}",
            slug=f"{base}-plan-{n}",
            kind=Plan.Kind.AGREEMENT,
            owner=owner,
            period_start=2024,
            period_end=2026,
        )
        for n in range(count)
    )
    Goal.objects.bulk_create(
        Goal(
            plan=plans[n % len(plans)],
            code=f"maal-{n}",
            title=f"{word} mål {n}",
            level=Goal.Level.CENTRE,
            unit=Goal.Unit.PERCENT,
        )
        for n in range(count)
    )
