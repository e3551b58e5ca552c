"""Seed content of the services app: legal bases, organisations, offers."""

from pathlib import Path

from core.seeding import citation, pick, read_folder
from core.text import danish_slugify
from methods.models import Method, TargetGroup

from .models import (
    KeyFigure,
    LegalBasis,
    Location,
    Offer,
    OfferKind,
    OfferMethod,
    OpeningHours,
    Organisation,
    UrgentHelp,
)

FOLDER = Path(__file__).parent / "seed"

OFFER_FIELDS = (
    "name",
    "status",
    "operator",
    "summary",
    "description",
    "target_group",
    "min_age",
    "max_age",
    "access",
    "how_to_apply",
    "capacity",
    "capacity_unit",
    "capacity_counted_on",
    "phone",
    "email",
    "website",
    "national_portal_url",
    "last_verified_on",
    "verification_note",
)


def load(loader, folder=FOLDER):
    data = read_folder(folder)
    for record in data.get("legal_bases", []):
        loader.upsert(
            LegalBasis,
            {"code": record["code"]},
            pick(record, "law", "title", "explanation", "url"),
        )
    for record in data.get("offer_kinds", []):
        loader.upsert(
            OfferKind, _slug_key(record, "name"), pick(record, "name", "description")
        )
    for record in data.get("organisations", []):
        _load_organisation(loader, record)
    for record in data.get("offers", []):
        _load_offer(loader, record)
    for record in data.get("urgent_help", []):
        _load_urgent_help(loader, record)


def _slug_key(record, source):
    return {"slug": record.get("slug") or danish_slugify(record[source])}


def _load_organisation(loader, record):
    values = pick(
        record, "name", "short_name", "kind", "description", "website", "phone", "email"
    )
    if record.get("parent"):
        values["parent"] = loader.get(Organisation, slug=record["parent"])
    loader.upsert(Organisation, _slug_key(record, "name"), values)


def _load_offer(loader, record):
    values = pick(record, *OFFER_FIELDS)
    values["kind"] = loader.get(OfferKind, slug=record["kind"])
    values["owner"] = loader.get(Organisation, slug=record["owner"])
    if record.get("parent"):
        values["parent"] = loader.get(Offer, slug=record["parent"])
    if record.get("legal_basis"):
        values["legal_basis"] = loader.get(LegalBasis, code=record["legal_basis"])
    cite = citation(record)
    offer, created = loader.upsert(
        Offer,
        _slug_key(record, "name"),
        values | cite,
        source_year=record.get("source_year"),
    )
    loader.set_related(
        offer,
        "other_legal_bases",
        loader.get_many(LegalBasis, "code", record.get("other_legal_bases")),
        created=created,
    )
    loader.set_related(
        offer,
        "target_groups",
        loader.get_many(TargetGroup, "slug", record.get("target_groups")),
        created=created,
    )
    for location in record.get("locations", []):
        _load_location(loader, offer, location)
    for use in record.get("methods", []):
        loader.upsert(
            OfferMethod,
            {"offer": offer, "method": loader.get(Method, slug=use["method"])},
            pick(use, "note") | citation(use, cite["source_document"]),
        )
    for figure in record.get("key_figures", []):
        loader.upsert(
            KeyFigure,
            {"offer": offer, "year": figure["year"]},
            pick(figure, "citizens_served", "budget", "source", "note")
            | citation(figure, cite["source_document"]),
        )


def _load_location(loader, offer, record):
    location, _created = loader.upsert(
        Location,
        {"offer": offer, "street": record["street"]},
        pick(record, "name", "postcode", "city", "note", "hours_note"),
    )
    for hours in record.get("opening_hours", []):
        for weekday in hours["weekdays"]:
            loader.upsert(
                OpeningHours,
                {"location": location, "weekday": weekday, "opens": hours["opens"]},
                pick(hours, "closes"),
            )


def _load_urgent_help(loader, record):
    values = pick(
        record, "applies_when", "phone", "address", "hours", "keywords", "order"
    )
    if record.get("offer"):
        values["offer"] = loader.get(Offer, slug=record["offer"])
    loader.upsert(UrgentHelp, {"title": record["title"]}, values)
