"""Offers, organisations and vocabularies as Open Referral HSDS 3.0 objects.

Pure functions from model instances (fetched by ``api.selectors``) to the
dictionaries of the specification; the views add the page wrapper. Every id is
a stable UUID: the one stored on the row (``core.models.PublicIdModel``), or,
for objects HSDS has and the portal does not keep as rows (an offer's phone, a
location's address, the taxonomies), a UUID derived from it by name, so it is
the same in every response.

An empty value is left out rather than sent as an empty string or null: the
schemas type most fields as plain strings, and a consumer should not have to
tell "unknown" from "".
"""

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

HSDS_VERSION = "3.0"
PROFILE_URL = "https://docs.openreferral.org/en/v3.0/"
COUNTRY = "DK"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# The namespace of ids derived by name (uuid5) for objects without a row.
NAMESPACE = uuid.UUID("6f1d5d0e-4a57-4f7e-9c1b-0c3a7e6b9a21")


def derived_id(*parts):
    """A stable UUID for an object identified by ``parts`` (an owner's UUID
    and a role, e.g. ``(offer.uuid, "phone")``)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


@dataclass(frozen=True)
class Taxonomy:
    """One of the portal's vocabularies, published as an HSDS taxonomy."""

    key: str
    name: str
    description: str

    @property
    def id(self):
        return derived_id("taxonomy", self.key)


TARGET_GROUPS = Taxonomy(
    "target-groups",
    _("Målgrupper"),
    _("De grupper af borgere, et tilbud eller en metode er for."),
)
OFFER_KINDS = Taxonomy(
    "offer-kinds",
    _("Tilbudstyper"),
    _("Hvilken slags tilbud der er tale om, fx bosted eller værested."),
)
LEGAL_BASES = Taxonomy(
    "legal-bases",
    _("Lovgrundlag"),
    _("De paragraffer i lovgivningen (fx Serviceloven), et tilbud gives efter."),
)
TAXONOMIES = (TARGET_GROUPS, OFFER_KINDS, LEGAL_BASES)


def compact(data):
    """``data`` without the keys whose value is empty (None, "" or [])."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


# Taxonomies and their terms.


def taxonomy(item):
    return {
        "id": item.id,
        "name": str(item.name),
        "description": str(item.description),
        "version": "1",
    }


def target_group_term(group):
    return _term(TARGET_GROUPS, group.uuid, group.slug, group.name, group.description)


def offer_kind_term(kind):
    return _term(OFFER_KINDS, kind.uuid, kind.slug, kind.name, kind.description)


def legal_basis_term(basis):
    term = _term(
        LEGAL_BASES,
        basis.uuid,
        basis.code,
        f"{basis.code} ({basis.law})",
        f"{basis.title}. {basis.explanation}",
    )
    return compact({**term, "term_uri": basis.url})


def _term(tax, term_id, code, name, description):
    return compact(
        {
            "id": str(term_id),
            "code": code,
            "name": name,
            "description": description or "",
            "taxonomy": str(tax.name),
            "taxonomy_id": tax.id,
            "taxonomy_detail": taxonomy(tax),
            "language": "da",
        }
    ) | {"description": description or ""}


def offer_terms(offer):
    """The taxonomy terms of an offer: its kind, its legal bases and its
    target groups (the offer's kind, legal basis and m2m relations fetched)."""
    terms = [offer_kind_term(offer.kind)]
    bases = [offer.legal_basis] if offer.legal_basis else []
    bases += [basis for basis in offer.other_legal_bases.all() if basis not in bases]
    terms += [legal_basis_term(basis) for basis in bases]
    terms += [target_group_term(group) for group in offer.target_groups.all()]
    return terms


def attributes(offer):
    """The offer's taxonomy terms as HSDS attributes linked to the service."""
    return [
        {
            "id": derived_id(offer.uuid, "attribute", term["id"]),
            "link_id": str(offer.uuid),
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
        }
        for term in offer_terms(offer)
    ]


# Organisations.


def organization_item(organisation):
    """An organisation as an item of the list (one-to-one fields only)."""
    return compact(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "alternate_name": organisation.short_name,
            "description": organisation.description,
            "email": organisation.email,
            "website": organisation.website,
            "parent_organization_id": (
                str(organisation.parent.uuid) if organisation.parent_id else None
            ),
        }
    ) | {"description": organisation.description}


def organization(organisation):
    """A fully nested organisation: its phone and its published offers
    (``public_offers``, fetched by ``api.selectors.full_organisations``)."""
    data = organization_item(organisation)
    if organisation.phone:
        data["phones"] = [
            {
                "id": derived_id(organisation.uuid, "phone"),
                "organization_id": str(organisation.uuid),
                "number": organisation.phone,
            }
        ]
    data["services"] = [
        {"id": str(offer.uuid), "name": offer.name, "status": "active"}
        for offer in organisation.public_offers
    ]
    return data


# Services.


def service_item(offer, page_url):
    """An offer as an item of the list (one-to-one fields only); ``page_url``
    is the address of its page on the portal."""
    return compact(
        {
            "id": str(offer.uuid),
            "organization_id": str(offer.owner.uuid),
            "name": offer.name,
            "description": offer.summary,
            "url": offer.website or page_url,
            "email": offer.email,
            "status": "active",
            "application_process": application_process(offer),
            "eligibility_description": offer.target_group,
            "minimum_age": offer.min_age,
            "maximum_age": offer.max_age,
            "assured_date": (
                offer.last_verified_on.isoformat() if offer.last_verified_on else None
            ),
            "last_modified": offer.updated_at.isoformat(timespec="milliseconds"),
        }
    )


def service(offer, page_url):
    """A fully nested service (``api.selectors.full_services``)."""
    data = service_item(offer, page_url)
    data["organization"] = organization_item(offer.owner)
    eligibility = eligibility_description(offer)
    if eligibility:
        data["eligibility_description"] = eligibility
    data["phones"] = phones(offer)
    data["contacts"] = contacts(offer)
    data["languages"] = [
        {
            "id": derived_id(offer.uuid, "language", "da"),
            "service_id": str(offer.uuid),
            "name": "Dansk",
            "code": "da",
        }
    ]
    data["service_at_locations"] = [
        service_at_location_nested(location) for location in offer.locations.all()
    ]
    data["schedules"] = [
        entry
        for location in offer.locations.all()
        for entry in schedules(location, offer)
    ]
    data["attributes"] = attributes(offer)
    return compact(data)


def application_process(offer):
    """How to get the offer: the access rule and the offer's own words."""
    return " ".join(
        part for part in (f"{offer.get_access_display()}.", offer.how_to_apply) if part
    )


def eligibility_description(offer):
    """Who the offer is for: its own words and its target groups."""
    groups = ", ".join(group.name for group in offer.target_groups.all())
    parts = [offer.target_group.strip()]
    if groups:
        parts.append(f"{_('Målgrupper')}: {groups}.")
    return " ".join(part for part in parts if part)


def phones(offer):
    if not offer.phone:
        return []
    return [
        {
            "id": derived_id(offer.uuid, "phone"),
            "service_id": str(offer.uuid),
            "number": offer.phone,
        }
    ]


def contacts(offer):
    if not offer.email:
        return []
    return [
        {
            "id": derived_id(offer.uuid, "contact"),
            "service_id": str(offer.uuid),
            "name": offer.name,
            "email": offer.email,
        }
    ]


# Locations and services at them.


def service_at_location_id(location):
    """An address of an offer is one service at one location: the row's UUID
    names the service at the location, and the location gets one derived
    from it (the portal keeps no locations apart from their offers)."""
    return str(location.uuid)


def location_id(location):
    return derived_id(location.uuid, "location")


def location(location, offer):
    return compact(
        {
            "id": location_id(location),
            "location_type": "physical",
            "organization_id": str(offer.owner.uuid),
            "name": location.name or offer.name,
            "description": location.note,
            "addresses": [
                {
                    "id": derived_id(location.uuid, "address"),
                    "location_id": location_id(location),
                    "address_1": location.street,
                    "city": location.city,
                    "state_province": "",
                    "postal_code": location.postcode,
                    "country": COUNTRY,
                    "address_type": "physical",
                }
            ],
        }
    )


def schedules(location, offer):
    """The location's opening hours as weekly HSDS schedules."""
    return [
        compact(
            {
                "id": str(hours.uuid),
                "service_id": str(offer.uuid),
                "location_id": location_id(location),
                "service_at_location_id": service_at_location_id(location),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": WEEKDAYS[hours.weekday],
                "opens_at": hours.opens.strftime("%H:%M"),
                "closes_at": hours.closes.strftime("%H:%M"),
                "notes": location.hours_note,
            }
        )
        for hours in location.opening_hours.all()
    ]


def service_at_location_nested(place):
    """A service at a location inside a full service (the offer is the
    location's, already fetched)."""
    offer = place.offer
    return compact(
        {
            "id": service_at_location_id(place),
            "service_id": str(offer.uuid),
            "location_id": location_id(place),
            "location": location(place, offer),
            "schedules": schedules(place, offer),
        }
    )


def service_at_location_item(place, page_url):
    """A service at a location as a list item, with the location and the
    service's one-to-one fields."""
    offer = place.offer
    return {
        "id": service_at_location_id(place),
        "service_id": str(offer.uuid),
        "location_id": location_id(place),
        "location": location(place, offer),
        "service": service_item(offer, page_url),
    }


def service_at_location(place, page_url):
    """A fully nested service at a location."""
    data = service_at_location_item(place, page_url)
    offer = place.offer
    data["service"]["attributes"] = attributes(offer)
    data["phones"] = phones(offer)
    data["contacts"] = contacts(offer)
    data["schedules"] = schedules(place, offer)
    return compact(data)
