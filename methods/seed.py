"""Seed content of the methods app: target groups, categories, methods, talks."""

from pathlib import Path

from core.seeding import citation, pick, read_folder
from core.text import danish_slugify

from .models import (
    Dimension,
    Method,
    MethodCategory,
    MethodPhase,
    MethodSource,
    Presenter,
    Talk,
    TalkMethod,
    TargetGroup,
)

FOLDER = Path(__file__).parent / "seed"

METHOD_FIELDS = (
    "name",
    "abbreviation",
    "status",
    "summary",
    "description",
    "target_group",
    "intended_outcomes",
    "core_elements",
    "duration_months",
    "duration_note",
    "manual",
    "fidelity_tool",
    "training",
    "training_provider",
    "declaration_reviewed_on",
    "last_verified_on",
)


def load(loader, folder=FOLDER):
    data = read_folder(folder)
    for record in data.get("target_groups", []):
        loader.upsert(
            TargetGroup, _slug_key(record, "name"), pick(record, "name", "description")
        )
    for record in data.get("categories", []):
        loader.upsert(
            MethodCategory,
            _slug_key(record, "name"),
            pick(record, "name", "description"),
        )
    for record in data.get("presenters", []):
        loader.upsert(Presenter, {"name": record["name"]}, pick(record, "job_title"))
    # Methods first without links, since parents and related methods may come later.
    created = {}
    for record in data.get("methods", []):
        method, was_created = loader.upsert(
            Method, _slug_key(record, "name"), _method_values(loader, record)
        )
        created[_slug_key(record, "name")["slug"]] = (method, was_created)
        if method is not None:
            _load_method_children(loader, method, record)
    for record in data.get("methods", []):
        _link_method(loader, record, created)
    for record in data.get("talks", []):
        _load_talk(loader, record)


def _slug_key(record, source):
    return {"slug": record.get("slug") or danish_slugify(record[source])}


def _method_values(loader, record):
    values = pick(record, *METHOD_FIELDS)
    values["category"] = loader.get(MethodCategory, slug=record["category"])
    for dimension, rating in (record.get("declaration") or {}).items():
        Dimension(dimension)  # an unknown dimension is an error in the file
        values[f"rating_{dimension}"] = rating.get("rating", "")
        values[f"reason_{dimension}"] = rating.get("reason", "")
    return values


def _load_method_children(loader, method, record):
    for phase in record.get("phases", []):
        loader.upsert(
            MethodPhase,
            {"method": method, "number": phase["number"]},
            pick(phase, "title", "description", "duration_months"),
        )
    for source in record.get("sources", []):
        loader.upsert(
            MethodSource,
            {"method": method, "title": source["title"]},
            pick(source, "publisher", "url"),
        )


def _link_method(loader, record, created):
    method, was_created = created[_slug_key(record, "name")["slug"]]
    if method is None:  # deleted by a curator
        return
    if "parent" in record:
        parent = loader.get(Method, slug=record["parent"]) if record["parent"] else None
        loader.set_field(method, "parent", parent, created=was_created)
    loader.set_related(
        method,
        "related_methods",
        loader.get_many(Method, "slug", record.get("related")),
        created=was_created,
    )
    loader.set_related(
        method,
        "target_groups",
        loader.get_many(TargetGroup, "slug", record.get("target_groups")),
        created=was_created,
    )


# Every talk is from the knowledge centre's note, its list of talks.
TALKS_DOCUMENT = "Notat om videnscentret (Randers)"


def _load_talk(loader, record):
    talk, created = loader.upsert(
        Talk,
        _slug_key(record, "title"),
        pick(record, "title", "kind", "description", "audience", "duration")
        | citation(record, TALKS_DOCUMENT),
    )
    talk_cite = citation(record, TALKS_DOCUMENT)
    for use in record.get("methods", []):
        # A method is a slug, or a mapping with the words of the note that back
        # the link (``cite``) and what the page says of it (``note``).
        use = use if isinstance(use, dict) else {"method": use}
        loader.upsert(
            TalkMethod,
            {"talk": talk, "method": loader.get(Method, slug=use["method"])},
            pick(use, "note")
            | (citation(use, TALKS_DOCUMENT) if "cite" in use else talk_cite),
        )
    loader.set_related(
        talk,
        "presenters",
        loader.get_many(Presenter, "name", record.get("presenters")),
        created=created,
    )
