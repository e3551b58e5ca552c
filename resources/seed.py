"""Seed content of the resources app: knowledge sources and the library."""

from pathlib import Path

from core.seeding import pick, read_folder
from core.text import danish_slugify
from methods.models import Method
from services.models import Offer

from .models import KnowledgeSource, Resource

FOLDER = Path(__file__).parent / "seed"


def load(loader, folder=FOLDER):
    data = read_folder(folder)
    for record in data.get("knowledge_sources", []):
        loader.upsert(
            KnowledgeSource,
            _slug_key(record, "name"),
            pick(record, "name", "kind", "description", "publishes", "url"),
        )
    for record in data.get("resources", []):
        _load_resource(loader, record)


def _slug_key(record, source):
    return {"slug": record.get("slug") or danish_slugify(record[source])}


def _load_resource(loader, record):
    values = pick(
        record,
        "title",
        "kind",
        "visibility",
        "url",
        "authors",
        "publisher",
        "year",
        "summary",
        "last_reviewed_on",
    )
    if record.get("source"):
        values["source"] = loader.get(KnowledgeSource, slug=record["source"])
    resource, created = loader.upsert(Resource, _slug_key(record, "title"), values)
    loader.set_related(
        resource,
        "methods",
        loader.get_many(Method, "slug", record.get("methods")),
        created=created,
    )
    loader.set_related(
        resource,
        "offers",
        loader.get_many(Offer, "slug", record.get("offers")),
        created=created,
    )
