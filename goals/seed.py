"""Seed content of the goals app: plans, focus areas, initiatives and goals.

``load`` is what the seed command calls for each app; the writes are one
recorded change on the seed channel (goals.actions.load_seed), and ``write``
maps the files onto the models.
"""

from pathlib import Path

from core.seeding import citation, pick, read_folder
from core.text import danish_slugify
from services.models import Offer, Organisation

from . import actions
from .models import (
    Baseline,
    BudgetLine,
    FocusArea,
    Goal,
    GoalTheme,
    Initiative,
    Measurement,
    Plan,
    PlanKeyFigure,
    Target,
)

FOLDER = Path(__file__).parent / "seed"

PLAN_FIELDS = (
    "title",
    "kind",
    "period_start",
    "period_end",
    "summary",
    "mission",
    "vision",
    "values",
    "approved_on",
    "approved_by",
    "document_url",
)
INITIATIVE_FIELDS = (
    "description",
    "expected_result",
    "owner",
    "timing",
    "start_date",
    "end_date",
    "evaluation",
    "status",
    "order",
)
GOAL_FIELDS = (
    "title",
    "kind",
    "assessment",
    "level",
    "unit",
    "direction",
    "definition",
    "data_source",
    "narrative",
    "order",
)
PERIOD_FIELDS = ("value", "period_label", "period_start", "period_end", "n", "source")


def load(loader, folder=FOLDER):
    actions.load_seed(loader, folder)


def write(loader, folder=FOLDER):
    data = read_folder(folder)
    for record in data.get("themes", []):
        loader.upsert(
            GoalTheme, _slug_key(record, "name"), pick(record, "name", "order")
        )
    plans = data.get("plans", [])
    for record in plans:
        _load_plan(loader, record)
    # Goals may support goals of other plans, so links come once all exist.
    for record in plans:
        _link_supported_goals(loader, record)


def _slug_key(record, source):
    return {"slug": record.get("slug") or danish_slugify(record[source])}


def _load_plan(loader, record):
    values = pick(record, *PLAN_FIELDS)
    values["owner"] = loader.get(Organisation, slug=record["owner"])
    plan, _created = loader.upsert(Plan, _slug_key(record, "title"), values)
    document = record.get("cite_as", "")
    for order, figure in enumerate(record.get("key_figures", []), start=1):
        loader.upsert(
            PlanKeyFigure,
            {"plan": plan, "label": figure["label"]},
            {
                "order": order,
                **pick(figure, "value", "unit", "year", "note", "order"),
                **citation(figure, document),
            },
        )
    for area in record.get("focus_areas", []):
        loader.upsert(
            FocusArea,
            {"plan": plan, "number": area["number"]},
            pick(area, "title", "why", "goal", "how"),
        )
    for order, initiative in enumerate(record.get("initiatives", []), start=1):
        values = {
            "order": order,
            **pick(initiative, *INITIATIVE_FIELDS),
            **citation(initiative, document),
        }
        if initiative.get("focus_area"):
            values["focus_area"] = loader.get(
                FocusArea, plan=plan, number=initiative["focus_area"]
            )
        loader.upsert(Initiative, {"plan": plan, "title": initiative["title"]}, values)
    for order, goal in enumerate(record.get("goals", []), start=1):
        _load_goal(loader, plan, goal, order, document)
    _load_budget(loader, plan, record.get("budget_tables", []), document)


def _load_budget(loader, plan, tables, document):
    """Budget tables: lines in the document's order, each under its subtotal
    (the total comes last, so parents are linked once every line exists)."""
    order = 0
    for table in tables:
        cite = citation(table, document)
        lines = {}
        for line in table["lines"]:
            order += 1
            values = {"year": table["year"], "amount": line["amount"], "order": order}
            if line.get("offer"):
                values["offer"] = loader.get(Offer, slug=line["offer"])
            key = {"plan": plan, "table": table["title"], "label": line["label"]}
            lines[line["label"]] = loader.upsert(BudgetLine, key, values | cite)
        for line in table["lines"]:
            instance, created = lines[line["label"]]
            if line.get("under") and instance is not None:
                parent = lines[line["under"]][0]
                loader.set_field(instance, "parent", parent, created=created)


def _load_goal(loader, plan, record, order, document=""):
    values = {
        "order": order,
        **pick(record, *GOAL_FIELDS),
        **citation(record, document),
    }
    if record.get("theme"):
        values["theme"] = loader.get(GoalTheme, slug=record["theme"])
    if record.get("focus_area"):
        values["focus_area"] = loader.get(
            FocusArea, plan=plan, number=record["focus_area"]
        )
    goal_document = values["source_document"]
    goal, created = loader.upsert(Goal, {"plan": plan, "code": record["code"]}, values)
    loader.set_related(
        goal,
        "responsible_offers",
        loader.get_many(Offer, "slug", record.get("responsible_offers")),
        created=created,
    )
    if record.get("baseline"):
        baseline = record["baseline"]
        loader.upsert(
            Baseline,
            {"goal": goal},
            {
                **pick(baseline, *PERIOD_FIELDS, "scope"),
                **citation(baseline, goal_document),
            },
        )
    for target in record.get("targets", []):
        values = {
            **pick(target, "value", "note"),
            **citation(target, goal_document),
        }
        if target.get("year") is None:
            # The plan does not say when (“uden årstal”): at most one such target
            # per goal, so the goal alone is its key (a None in a key means a
            # deleted parent to the loader).
            loader.upsert(Target, {"goal": goal}, {"year": None, **values})
        else:
            loader.upsert(Target, {"goal": goal, "year": target["year"]}, values)
    for measurement in record.get("measurements", []):
        loader.upsert(
            Measurement,
            {
                "goal": goal,
                "period_start": measurement["period_start"],
                "period_end": measurement["period_end"],
            },
            pick(measurement, "value", "period_label", "n", "source", "comment"),
        )


def _link_supported_goals(loader, record):
    plan = loader.get(Plan, **_slug_key(record, "title"))
    for goal_record in record.get("goals", []):
        if not goal_record.get("supports"):
            continue
        plan_slug, _, code = goal_record["supports"].rpartition("/")
        supported_plan = loader.get(Plan, slug=plan_slug) if plan_slug else plan
        supported = loader.get(Goal, plan=supported_plan, code=code)
        goal = loader.get(Goal, plan=plan, code=goal_record["code"])
        if goal is None:  # deleted by a curator
            continue
        # A goal's link is set with the goal; existing goals keep a curator's choice.
        loader.set_field(goal, "supports", supported, created=goal.supports_id is None)
