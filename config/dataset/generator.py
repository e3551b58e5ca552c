"""The generator behind ``manage.py generate_dataset``: synthetic content,
``scale`` times the seed content, for load and query-count testing.

Run ``load_seed_content`` first: the generated offers belong to the seed's
organisations, methods to its categories, resources to its knowledge sources,
and goals to its themes. Every table the seed fills with content (offers,
methods, talks, presenters, resources, plans with their focus areas,
initiatives, goals, baselines, targets and measurements) gets ``scale``
times as many rows as the seed files hold (shape.py); the shared vocabularies
(organisations, categories, target groups, legal bases, offer kinds, knowledge
sources, goal themes) are reused as they are. The text is Danish-looking
(text.py) and the same for the same seed. Rows go in with ``bulk_create`` in
batches, many-to-many links straight into their through tables, so scale 100
takes well under two minutes on PostgreSQL.

Bulk inserts send no signals: afterwards ``generate`` moves the page cache on
(config/cache.py) and, on PostgreSQL, refreshes the planner's statistics; the
stored search documents are filled by their trigger as rows go in.
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.db import connection, transaction

from config.cache import bump_content_version
from core.models import Publication
from goals import status as goal_status
from goals.models import (
    Baseline,
    FocusArea,
    Goal,
    GoalTheme,
    Initiative,
    Measurement,
    Plan,
    PlanKeyFigure,
    Target,
)
from methods.models import (
    Method,
    MethodCategory,
    MethodPhase,
    MethodSource,
    Presenter,
    Rating,
    Talk,
    TargetGroup,
)
from resources.models import KnowledgeSource, Resource
from services.models import (
    KeyFigure,
    LegalBasis,
    Location,
    Offer,
    OfferKind,
    OfferMethod,
    OpeningHours,
    Organisation,
)

from .shape import seed_shape
from .text import DanishText, Slugs
from .vocabulary import (
    AUDIENCES,
    COMMITTEES,
    DATA_SOURCES,
    FOCUS_AREAS,
    GOAL_TITLES,
    INITIATIVES,
    JOB_TITLES,
    METHOD_ADJECTIVES,
    METHOD_NOUNS,
    OFFER_NAMES,
    PHASES,
    PLAN_TITLES,
    PROVIDERS,
    RESOURCE_TITLES,
    TALK_OPENINGS,
    TOPICS,
)

# Shares of the generated rows that are hidden from the public.
DRAFT_SHARE = 0.07
STAFF_ONLY_SHARE = 0.2
RESOURCE_DRAFT_SHARE = 0.08
LATEST_YEAR = 2025


class MissingSeedContent(Exception):
    """The database lacks the seed content the generated rows belong to."""


def generate(*, scale, seed, batch_size=1000):
    """Add the content in one transaction; return ``{table label: rows added}``."""
    if not Organisation.objects.exists() or not MethodCategory.objects.exists():
        raise MissingSeedContent(
            "Kør load_seed_content først: der er intet grundindhold."
        )
    generator = DatasetGenerator(
        scale=scale,
        rng=random.Random(seed),  # noqa: S311 - synthetic data
        batch_size=batch_size,
    )
    with transaction.atomic():
        generator.run()
    after_bulk_insert()
    return dict(generator.created)


def after_bulk_insert():
    """What the database and signals would otherwise miss after bulk inserts:
    fresh planner statistics, and the page cache moved on (config/cache.py).
    The search documents need nothing: a trigger fills them on insert."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    bump_content_version()


class DatasetGenerator:
    """Adds ``scale`` times the seed's content, drawn from ``rng``."""

    def __init__(self, *, scale, rng, batch_size):
        self.scale = scale
        self.rng = rng
        self.batch_size = batch_size
        self.text = DanishText(rng)
        self.shape = seed_shape()
        self.created = defaultdict(int)
        self.today = datetime.date(LATEST_YEAR, 6, 1)

    def run(self):
        self._load_vocabularies()
        presenters = self._presenters()
        methods = self._methods()
        self._talks(methods, presenters)
        offers = self._offers(methods)
        self._resources(methods, offers)
        self._plans(offers)

    # Vocabularies from the seed ---------------------------------------------

    def _load_vocabularies(self):
        self.categories = list(MethodCategory.objects.values_list("pk", flat=True))
        self.target_groups = list(TargetGroup.objects.values_list("pk", flat=True))
        self.offer_kinds = list(OfferKind.objects.values_list("pk", flat=True))
        self.legal_bases = list(LegalBasis.objects.values_list("pk", flat=True))
        self.organisations = list(
            Organisation.objects.exclude(
                kind=Organisation.Kind.MUNICIPALITY
            ).values_list("pk", flat=True)
        ) or list(Organisation.objects.values_list("pk", flat=True))
        self.municipalities = (
            list(
                Organisation.objects.filter(
                    kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.CENTRE]
                ).values_list("pk", flat=True)
            )
            or self.organisations
        )
        self.sources = list(KnowledgeSource.objects.values_list("pk", flat=True))
        self.themes = list(GoalTheme.objects.values_list("pk", flat=True))
        self.seed_methods = list(Method.objects.values_list("pk", flat=True))
        self.national_goals = list(
            Goal.objects.filter(level=Goal.Level.NATIONAL).values_list("pk", flat=True)
        )
        if not self.offer_kinds or not self.target_groups:
            raise MissingSeedContent(
                "Grundindholdet mangler tilbudstyper eller målgrupper."
            )

    # Methods, presenters and talks ------------------------------------------

    def _presenters(self):
        taken = set(Presenter.objects.values_list("name", flat=True))
        slugs = Slugs(Presenter)
        rows = []
        for _ in range(self.shape["presenters"] * self.scale):
            name = self.text.unique(taken, self.text.person_name)
            rows.append(
                Presenter(
                    name=name,
                    slug=slugs.make(name),
                    job_title=self.rng.choice(JOB_TITLES),
                )
            )
        return [p.pk for p in self._insert(Presenter, rows)]

    def _methods(self):
        rng, text = self.rng, self.text
        taken = set(Method.objects.values_list("name", flat=True))
        slugs = Slugs(Method)
        rows = []
        for _ in range(self.shape["methods"] * self.scale):
            name = text.unique(
                taken,
                lambda: f"{rng.choice(METHOD_ADJECTIVES)} {rng.choice(METHOD_NOUNS)}",
            )
            duration = rng.choice([None, None, 3, 6, 9, 12, 18])
            ratings = {
                f"rating_{d}": rng.choice(["", "", *Rating.values])
                for d in ("target_group", "method", "implementation", "economy")
            }
            rows.append(
                Method(
                    name=name,
                    slug=slugs.make(name),
                    abbreviation=text.abbreviation(name),
                    status=self._publication(),
                    category_id=rng.choice(self.categories),
                    parent_id=(
                        rng.choice(self.seed_methods)
                        if self.seed_methods and rng.random() < 0.1
                        else None
                    ),
                    summary=text.paragraph(2, 3),
                    description=text.markdown(3, 5),
                    target_group=text.sentence(),
                    intended_outcomes=text.paragraph(1, 2),
                    core_elements="\n".join(text.core_element() for _ in range(4)),
                    duration_months=duration,
                    duration_note=(
                        f"Forløbet varer op til {duration} måneder." if duration else ""
                    ),
                    manual=text.sentence() if rng.random() < 0.5 else "",
                    fidelity_tool=text.sentence() if rng.random() < 0.3 else "",
                    training=text.sentence(),
                    training_provider=rng.choice(PROVIDERS),
                    rating_effect=rng.choice(["", *Rating.values]),
                    reason_effect=text.sentence(),
                    declaration_reviewed_on=self._date(2016),
                    last_verified_on=self._date(2018),
                    **ratings,
                )
            )
        methods = [m.pk for m in self._insert(Method, rows)]
        everything = self.seed_methods + methods

        phases, sources, related, groups = [], [], set(), []
        for pk in methods:
            if rng.random() < 0.1:
                for number, title in enumerate(PHASES, start=1):
                    phases.append(
                        MethodPhase(
                            method_id=pk,
                            number=number,
                            title=title,
                            description=text.sentence(),
                            duration_months=3,
                        )
                    )
            if rng.random() < 0.35:
                publisher = rng.choice(PROVIDERS)
                sources.append(
                    MethodSource(
                        method_id=pk,
                        title=f"Metodebeskrivelse fra {publisher}",
                        publisher=publisher,
                        url=f"https://example.org/metoder/{pk}",
                    )
                )
            for other in rng.sample(everything, k=min(2, len(everything))):
                if other != pk:
                    related.add((pk, other))
                    related.add((other, pk))
            for group in self._some(self.target_groups, 1, 3):
                groups.append((pk, group))
        self._insert(MethodPhase, phases)
        self._insert(MethodSource, sources)
        self._link(Method, "related_methods", related)
        self._link(Method, "target_groups", groups)
        return methods

    def _talks(self, methods, presenters):
        rng, text = self.rng, self.text
        taken = set(Talk.objects.values_list("title", flat=True))
        slugs = Slugs(Talk)
        method_names = dict(
            Method.objects.filter(pk__in=methods).values_list("pk", "name")
        )
        rows, links = [], []
        for _ in range(self.shape["talks"] * self.scale):
            method = rng.choice(methods)
            topic = method_names[method].lower()
            title = text.unique(
                taken, lambda t=topic: f"{rng.choice(TALK_OPENINGS)} {t}"
            )
            rows.append(
                Talk(
                    title=title,
                    slug=slugs.make(title),
                    kind=rng.choice(Talk.Kind.values),
                    description=text.paragraph(2, 4),
                    audience=rng.choice(AUDIENCES),
                )
            )
            links.append((method, self._some(presenters, 1, 2)))
        talks = [t.pk for t in self._insert(Talk, rows)]
        self._link(
            Talk, "methods", [(t, m) for t, (m, _) in zip(talks, links, strict=True)]
        )
        self._link(
            Talk,
            "presenters",
            [
                (t, p)
                for t, (_, people) in zip(talks, links, strict=True)
                for p in people
            ],
        )

    # Offers -----------------------------------------------------------------

    def _offers(self, methods):
        rng = self.rng
        slugs = Slugs(Offer)
        total = self.shape["offers"] * self.scale
        sub_offers = total // 10
        parents = self._insert(
            Offer, [self._offer(slugs) for _ in range(total - sub_offers)]
        )
        parent_ids = [o.pk for o in parents]
        children = self._insert(
            Offer,
            [
                self._offer(slugs, parent_id=rng.choice(parent_ids))
                for _ in range(sub_offers)
            ],
        )
        offers = parents + children

        uses, groups, bases, figures, locations = [], [], [], [], []
        all_methods = self.seed_methods + methods
        for offer in offers:
            for method in self._some(all_methods, 1, 3):
                uses.append(
                    OfferMethod(
                        offer_id=offer.pk, method_id=method, note=self.text.sentence()
                    )
                )
            for group in self._some(self.target_groups, 1, 2):
                groups.append((offer.pk, group))
            if self.legal_bases and rng.random() < 0.3:
                bases.append((offer.pk, rng.choice(self.legal_bases)))
            if rng.random() < 0.25:
                first = rng.randint(2017, 2022)
                for year in range(first, min(first + 3, LATEST_YEAR)):
                    figures.append(
                        KeyFigure(
                            offer_id=offer.pk,
                            year=year,
                            citizens_served=rng.randint(5, 400),
                            budget=Decimal(rng.randint(500, 40000) * 1000),
                            source="Regnskab og årsberetning",
                        )
                    )
            for _ in range(rng.choice([0, 1, 1, 1, 2])):
                locations.append(self._location(offer))
        self._insert(OfferMethod, uses)
        self._link(Offer, "target_groups", groups)
        self._link(Offer, "other_legal_bases", bases)
        self._insert(KeyFigure, figures)
        locations = self._insert(Location, locations)
        hours = []
        for location in locations:
            if rng.random() < 0.5:
                opens = datetime.time(rng.choice([8, 9, 10]))
                closes = datetime.time(rng.choice([14, 15, 16, 20]))
                for weekday in range(5):
                    hours.append(
                        OpeningHours(
                            location_id=location.pk,
                            weekday=weekday,
                            opens=opens,
                            closes=closes,
                        )
                    )
        self._insert(OpeningHours, hours)
        return [o.pk for o in offers]

    def _offer(self, slugs, parent_id=None):
        rng, text = self.rng, self.text
        name = f"{rng.choice(OFFER_NAMES)} {text.place()}"
        min_age = rng.choice([None, 15, 18, 18, 18, 25])
        max_age = rng.choice([None, None, 25, 30, 65]) if min_age else None
        if min_age and max_age and max_age < min_age:
            max_age = None
        capacity = rng.choice([None, 6, 8, 12, 20, 24, 40])
        slug = slugs.make(name)
        return Offer(
            name=name,
            slug=slug,
            status=self._publication(),
            kind_id=rng.choice(self.offer_kinds),
            owner_id=rng.choice(self.organisations),
            parent_id=parent_id,
            operator=rng.choice(
                [Offer.Operator.MUNICIPAL] * 4 + [Offer.Operator.SELF_GOVERNING]
            ),
            legal_basis_id=(
                rng.choice(self.legal_bases)
                if self.legal_bases and rng.random() < 0.8
                else None
            ),
            summary=text.plain_paragraph(),
            description=text.markdown(3, 6),
            target_group=text.sentence(),
            min_age=min_age,
            max_age=max_age,
            access=rng.choice(Offer.Access.values),
            how_to_apply=text.paragraph(1, 2),
            capacity=capacity,
            capacity_unit="pladser" if capacity else "",
            capacity_counted_on=self._date(2019) if capacity else None,
            phone=f"89 15 {rng.randint(10, 99)} {rng.randint(10, 99)}",
            email=f"{slug[:40]}@example.org",
            website="",
            last_verified_on=self._date(2021),
            verification_note=rng.choice(JOB_TITLES),
        )

    def _location(self, offer):
        rng = self.rng
        street, postcode, city = self.text.address()
        return Location(
            offer_id=offer.pk,
            name=street if rng.random() < 0.3 else "",
            street=street,
            postcode=postcode,
            city=city,
            hours_note="Lukket på helligdage." if rng.random() < 0.3 else "",
        )

    # Resources --------------------------------------------------------------

    def _resources(self, methods, offers):
        rng, text = self.rng, self.text
        slugs = Slugs(Resource)
        rows = []
        for _ in range(self.shape["resources"] * self.scale):
            kind = rng.choice(Resource.Kind.values)
            topic = rng.choice(TOPICS)
            title = f"{RESOURCE_TITLES[kind]} om {topic}"
            slug = slugs.make(title)
            draw = rng.random()
            if draw < RESOURCE_DRAFT_SHARE:
                visibility = Resource.Visibility.DRAFT
            elif draw < RESOURCE_DRAFT_SHARE + STAFF_ONLY_SHARE:
                visibility = Resource.Visibility.STAFF
            else:
                visibility = Resource.Visibility.PUBLIC
            rows.append(
                Resource(
                    title=title,
                    slug=slug,
                    kind=kind,
                    visibility=visibility,
                    url=(
                        f"https://example.org/materialer/{slug}"
                        if kind == Resource.Kind.LINK or rng.random() < 0.4
                        else ""
                    ),
                    authors=", ".join(
                        text.person_name() for _ in range(rng.randint(0, 2))
                    ),
                    publisher=rng.choice(PROVIDERS),
                    source_id=(
                        rng.choice(self.sources)
                        if self.sources and rng.random() < 0.7
                        else None
                    ),
                    year=rng.randint(2008, LATEST_YEAR),
                    summary=text.paragraph(2, 4),
                    last_reviewed_on=self._date(2019) if rng.random() < 0.6 else None,
                )
            )
        resources = [r.pk for r in self._insert(Resource, rows)]
        method_links, offer_links = [], []
        for pk in resources:
            for method in self._some(methods, 0, 2):
                method_links.append((pk, method))
            for offer in self._some(offers, 0, 2):
                offer_links.append((pk, offer))
        self._link(Resource, "methods", method_links)
        self._link(Resource, "offers", offer_links)

    # Plans and goals ----------------------------------------------------------

    def _plans(self, offers):
        rng, text = self.rng, self.text
        taken = set(Plan.objects.values_list("title", flat=True))
        slugs = Slugs(Plan)
        shapes = [shape for _ in range(self.scale) for shape in self.shape["plans"]]
        rows = []
        for shape in shapes:
            start = rng.randint(2014, 2022)
            end = start + rng.randint(1, 3)
            title = text.unique(
                taken,
                lambda s=start, e=end: (
                    f"{rng.choice(PLAN_TITLES)} {text.place()} {s}-{e}"
                ),
            )
            rows.append(
                Plan(
                    title=title,
                    slug=slugs.make(title),
                    kind=shape["kind"],
                    owner_id=rng.choice(self.municipalities),
                    period_start=start,
                    period_end=end,
                    summary=text.paragraph(3, 5),
                    mission=text.sentence(),
                    vision=text.sentence(),
                    values="Åbenhed, ordentlighed og udvikling.",
                    approved_on=datetime.date(start - 1, rng.randint(1, 12), 15),
                    approved_by=rng.choice(COMMITTEES),
                )
            )
        plans = self._insert(Plan, rows)

        figures, areas = [], []
        for plan, shape in zip(plans, shapes, strict=True):
            for order in range(1, shape["key_figures"] + 1):
                figures.append(
                    PlanKeyFigure(
                        plan_id=plan.pk,
                        label=f"{rng.choice(OFFER_NAMES)}, borgere i forløb",
                        value=Decimal(rng.randint(3, 400)),
                        unit="borgere",
                        year=plan.period_start - 1,
                        order=order,
                    )
                )
            for number in range(1, shape["focus_areas"] + 1):
                areas.append(
                    FocusArea(
                        plan_id=plan.pk,
                        number=number,
                        title=rng.choice(FOCUS_AREAS),
                        why=text.paragraph(2, 3),
                        goal=text.sentence(),
                        how=text.paragraph(2, 3),
                    )
                )
        self._insert(PlanKeyFigure, figures)
        areas_by_plan = defaultdict(list)
        for area in self._insert(FocusArea, areas):
            areas_by_plan[area.plan_id].append(area.pk)

        initiatives, goals, goal_shapes = [], [], []
        for plan, shape in zip(plans, shapes, strict=True):
            plan_areas = areas_by_plan[plan.pk]
            for order in range(1, shape["initiatives"] + 1):
                start = datetime.date(plan.period_start, rng.randint(1, 12), 1)
                initiatives.append(
                    Initiative(
                        plan_id=plan.pk,
                        focus_area_id=rng.choice(plan_areas) if plan_areas else None,
                        title=f"{rng.choice(INITIATIVES)} ({order})",
                        description=text.paragraph(1, 3),
                        expected_result=text.sentence(),
                        owner=rng.choice(JOB_TITLES),
                        timing=f"{rng.randint(1, 4)}. kvartal {plan.period_start}",
                        start_date=start,
                        end_date=start + datetime.timedelta(days=rng.randint(90, 700)),
                        evaluation=text.sentence()[:300],
                        status=rng.choice(Initiative.Status.values),
                        order=order,
                    )
                )
            for order, goal_shape in enumerate(shape["goals"], start=1):
                unit = rng.choice(Goal.Unit.values)
                goals.append(
                    Goal(
                        plan_id=plan.pk,
                        code=f"maal-{order}",
                        title=f"{rng.choice(GOAL_TITLES)} {rng.choice(TOPICS)}",
                        level=goal_shape["level"],
                        theme_id=rng.choice(self.themes) if self.themes else None,
                        focus_area_id=rng.choice(plan_areas) if plan_areas else None,
                        unit=unit,
                        direction=rng.choice(Goal.Direction.values),
                        definition=text.sentence(),
                        data_source=rng.choice(DATA_SOURCES),
                        supports_id=(
                            rng.choice(self.national_goals)
                            if self.national_goals
                            and goal_shape["level"] != Goal.Level.NATIONAL
                            and rng.random() < 0.3
                            else None
                        ),
                        narrative=text.paragraph(1, 2),
                        order=order,
                    )
                )
                goal_shapes.append((plan, goal_shape))
        self._insert(Initiative, initiatives)
        goals = self._insert(Goal, goals)

        baselines, targets, measurements, responsible = [], [], [], []
        for goal, (plan, goal_shape) in zip(goals, goal_shapes, strict=True):
            value = self._value(goal.unit)
            baseline_year = plan.period_start - 1
            if goal_shape["baseline"]:
                baselines.append(
                    Baseline(
                        goal_id=goal.pk,
                        value=value,
                        **self._year_period(baseline_year),
                        n=rng.randint(20, 500),
                        scope=rng.choice(Baseline.Scope.values),
                        source=rng.choice(DATA_SOURCES),
                    )
                )
            step = 1 if goal.direction == Goal.Direction.INCREASE else -1
            years = list(range(plan.period_start, plan.period_end + 1))
            for year in years[-max(goal_shape["targets"], 1) :]:
                targets.append(
                    Target(
                        goal_id=goal.pk,
                        year=year,
                        value=self._bounded(
                            goal.unit, value + step * (year - baseline_year) * 2
                        ),
                    )
                )
            for year in range(plan.period_start, min(plan.period_end, LATEST_YEAR) + 1):
                drift = Decimal(rng.randint(-3, 5) * step)
                measurements.append(
                    Measurement(
                        goal_id=goal.pk,
                        value=self._bounded(
                            goal.unit, value + drift * (year - baseline_year)
                        ),
                        **self._year_period(year),
                        n=rng.randint(20, 500),
                        source=rng.choice(DATA_SOURCES),
                    )
                )
            for offer in self._some(offers, 0, 2):
                responsible.append((goal.pk, offer))
        self._insert(Baseline, baselines)
        self._insert(Target, targets)
        self._insert(Measurement, measurements)
        self._link(Goal, "responsible_offers", responsible)
        # Bulk inserts send no signals: the goals' stored status (goals/status.py).
        goal_status.refresh(goal.pk for goal in goals)

    # Helpers ----------------------------------------------------------------

    def _insert(self, model, rows):
        """Bulk insert; the returned objects carry their primary keys."""
        if not rows:
            return []
        created = model.objects.bulk_create(rows, batch_size=self.batch_size)
        self.created[str(model._meta.verbose_name_plural)] += len(created)
        return created

    def _link(self, model, field_name, pairs):
        """Insert many-to-many links straight into the through table."""
        field = model._meta.get_field(field_name)
        through = field.remote_field.through
        source = f"{field.m2m_field_name()}_id"
        target = f"{field.m2m_reverse_field_name()}_id"
        rows = [
            through(**{source: a, target: b}) for a, b in dict.fromkeys(pairs) if a != b
        ]
        through.objects.bulk_create(rows, batch_size=self.batch_size)

    def _some(self, population, low, high):
        if not population:
            return []
        return self.rng.sample(
            population, k=min(len(population), self.rng.randint(low, high))
        )

    def _publication(self):
        if self.rng.random() < DRAFT_SHARE:
            return Publication.DRAFT
        return Publication.PUBLISHED

    def _date(self, first_year):
        start = datetime.date(first_year, 1, 1)
        days = (self.today - start).days
        return start + datetime.timedelta(days=self.rng.randint(0, days))

    def _value(self, unit):
        if unit == Goal.Unit.PERCENT:
            return Decimal(self.rng.randint(20, 80))
        if unit == Goal.Unit.AMOUNT:
            return Decimal(self.rng.randint(100, 5000) * 1000)
        return Decimal(self.rng.randint(10, 400))

    @staticmethod
    def _bounded(unit, value):
        value = max(Decimal(0), value)
        return min(Decimal(100), value) if unit == Goal.Unit.PERCENT else value

    @staticmethod
    def _year_period(year):
        return {
            "period_label": str(year),
            "period_start": datetime.date(year, 1, 1),
            "period_end": datetime.date(year, 12, 31),
        }
