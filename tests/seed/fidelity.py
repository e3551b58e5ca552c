"""What the seed holds, per source document and kind of item, with each item's
figures: the fidelity test (test_fidelity.py) compares it with the list of what
the documents contain, docs/seed-manifest.yaml.

The list was written from the documents and checked line by line against
them; ``python scripts/seed_manifest.py`` prints the seed's current items in
the same form, to help extend the list when a document is added. A
difference between the two is either a missing item or a changed figure.
"""

import re
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "docs" / "seed-manifest.yaml"

#: The short titles the seed cites (``cite_as``, ``cite``) by document file.
DOCUMENTS = {
    "000_b1eec3ad23ca7ef3.txt": "Notat om videnscentret (Randers)",
    "001_87355016aae87ed7.txt": "Plan for udsatteområdet 2018-2021",
    "002_d205a35e22372d28.txt": "Rusmiddelplan 2017-2020",
    "003_db5aeebc87735bd1.txt": "Udviklingsplaner 2017-2018 (Viborg)",
    "004_7fc7c482ae890792.txt": "Aftale 2019-2020 for CSI",
}
#: Knowledge sources and library items named in more than one document.
SEVERAL = "flere dokumenter"
FILE_BY_TITLE = {title: name for name, title in DOCUMENTS.items()}
FILE_BY_NUMBER = {name[:3]: name for name in DOCUMENTS}


def number(value):
    """A figure as the manifest writes it: an int when whole, else a string."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def _file(source_document):
    return FILE_BY_TITLE.get(source_document, source_document or "uden kilde")


def _resource_documents():
    """Slug -> document for knowledge sources and library items, read from the
    section comments of resources/seed/resources.yaml ("(000)", "(001-003)")."""
    documents, current = {}, SEVERAL
    text = (ROOT / "resources" / "seed" / "resources.yaml").read_text(encoding="utf-8")
    for line in text.splitlines():
        heading = re.match(r"\s*# ---.*\((\d{3})(-\d{3})?\)", line)
        if heading:
            single = heading.group(2) is None
            current = FILE_BY_NUMBER[heading.group(1)] if single else SEVERAL
        slug = re.match(r"  - slug: (\S+)", line)
        if slug:
            documents[slug.group(1)] = current
    return documents


def seed_items():
    """``{document: {kind: [item, ...]}}`` as the database holds them now."""
    from goals.models import (
        BudgetLine,
        FocusArea,
        Goal,
        Initiative,
        Plan,
        PlanKeyFigure,
    )
    from methods.models import Presenter, Talk
    from resources.models import KnowledgeSource, Resource
    from services.models import KeyFigure, Offer, OfferMethod

    items = {}

    def add(document, kind, item):
        items.setdefault(document, {}).setdefault(kind, []).append(item)

    plan_documents = {}
    for plan in Plan.objects.all():
        # A plan is one document: the one its goals, initiatives or figures cite.
        cited = (
            model.objects.filter(plan=plan).exclude(source_document="").first()
            for model in (Goal, Initiative, PlanKeyFigure)
        )
        first = next((item for item in cited if item is not None), None)
        document = _file(first.source_document if first else "")
        plan_documents[plan.pk] = document
        add(document, "plans", {"plan": plan.slug, "period": plan.period_label})
    for area in FocusArea.objects.select_related("plan"):
        add(
            plan_documents[area.plan_id],
            "focus_areas",
            {"plan": area.plan.slug, "number": area.number, "title": area.title},
        )
    goals = Goal.objects.select_related("plan", "baseline").prefetch_related("targets")
    for goal in goals:
        baseline = getattr(goal, "baseline", None)
        item = {"plan": goal.plan.slug, "code": goal.code, "kind": goal.kind}
        if baseline is not None:
            item["baseline"] = number(baseline.value)
            if baseline.n is not None:
                item["n"] = baseline.n
        targets = {str(t.year): number(t.value) for t in goal.targets.all()}
        if targets:
            item["targets"] = targets
        add(_file(goal.source_document), "goals", item)
    for initiative in Initiative.objects.select_related("plan"):
        add(
            _file(initiative.source_document),
            "initiatives",
            {"plan": initiative.plan.slug, "initiative": initiative.title},
        )
    for line in BudgetLine.objects.select_related("plan"):
        add(
            _file(line.source_document),
            "budget_lines",
            {"table": line.table, "label": line.label, "amount": number(line.amount)},
        )
    for figure in PlanKeyFigure.objects.select_related("plan"):
        add(
            _file(figure.source_document),
            "key_figures",
            {"plan": figure.plan.slug, "label": figure.label,
             "value": number(figure.value)},
        )  # fmt: skip
    for offer in Offer.objects.all():
        add(_file(offer.source_document), "offers", {"offer": offer.slug})
        if offer.capacity is not None:
            add(
                _file(offer.source_document),
                "capacities",
                {"offer": offer.slug, "capacity": offer.capacity,
                 "unit": offer.capacity_unit},
            )  # fmt: skip
    for use in OfferMethod.objects.select_related("offer", "method"):
        add(
            _file(use.source_document),
            "method_links",
            {"offer": use.offer.slug, "method": use.method.slug},
        )
    for figure in KeyFigure.objects.select_related("offer"):
        item = {"offer": figure.offer.slug, "year": figure.year}
        if figure.budget is not None:
            item["budget"] = number(figure.budget)
        if figure.citizens_served is not None:
            item["citizens"] = figure.citizens_served
        add(_file(figure.source_document), "key_figures", item)
    for talk in Talk.objects.prefetch_related("presenters", "methods"):
        item = {
            "talk": talk.title,
            "presenters": sorted(p.name for p in talk.presenters.all()),
        }
        # A talk's methods are compared like a figure: a link the note does not
        # back, or one that goes missing, is a difference.
        methods = sorted(m.slug for m in talk.methods.all())
        if methods:
            item["methods"] = methods
        add(_file(talk.source_document), "talks", item)
    for presenter in Presenter.objects.all():
        # Presenters are named only in the note's list of talks.
        add(FILE_BY_NUMBER["000"], "presenters", {"name": presenter.name})
    documents = _resource_documents()
    for source in KnowledgeSource.objects.all():
        add(
            documents.get(source.slug, SEVERAL),
            "knowledge_sources",
            {"source": source.slug},
        )
    for resource in Resource.objects.all():
        add(
            documents.get(resource.slug, SEVERAL),
            "library",
            {"resource": resource.slug},
        )
    return items


def load_manifest():
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def key(item):
    """An item's identity: its fields without the figures the test compares."""
    figures = {"baseline", "n", "targets", "amount", "value", "budget", "citizens",
               "capacity", "unit", "presenters", "methods", "kind", "period",
               "title"}  # fmt: skip
    return tuple(sorted((k, str(v)) for k, v in item.items() if k not in figures))
