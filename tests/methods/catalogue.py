"""A catalogue of ``size`` of everything the public catalogue pages show, all
tied to one focal method, offer and knowledge source, so that every list and
every related-item list on a detail page grows with ``size``.

Built with bulk_create (which skips save(), so slugs are set here) to keep the
500-item case fast. Used by the query-count tests of methods, services and
resources: a page must cost the same number of queries at 10 and at 500.
Names and slugs start with "qc" so they never meet the seed content, which
every test database starts with.
"""

import datetime
from dataclasses import dataclass

from methods.models import (
    Method,
    MethodCategory,
    MethodPhase,
    MethodSource,
    Presenter,
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


@dataclass
class Catalogue:
    method: Method
    offer: Offer
    source: KnowledgeSource
    municipality: Organisation
    category: MethodCategory
    target_group: TargetGroup
    kind: OfferKind
    legal_basis: LegalBasis


def build_catalogue(size):
    category = MethodCategory.objects.create(name="QC-kategori", slug="qc-kategori")
    group = TargetGroup.objects.create(name="QC-målgruppe", slug="qc-maalgruppe")
    municipality = Organisation.objects.create(
        name="QC Kommune", slug="qc-kommune", kind="municipality"
    )
    centre = Organisation.objects.create(
        name="QC Center", slug="qc-center", kind="centre", parent=municipality
    )
    kind = OfferKind.objects.create(name="QC-type", slug="qc-type")
    basis = LegalBasis.objects.create(
        code="QC § 1", law="Serviceloven", title="Samvær", explanation="Samvær."
    )

    parent_method = Method.objects.create(
        name="QC Tilgang", slug="qc-tilgang", category=category, summary="."
    )
    methods = Method.objects.bulk_create(
        Method(
            name=f"QC metode {n}",
            slug=f"qc-metode-{n}",
            abbreviation=f"M{n}",
            category=category,
            parent=parent_method if n == 0 else None,
            summary="En metode.",
            description="**Fed** tekst.",
            rating_effect="B" if n % 2 else "",
        )
        for n in range(size)
    )
    method = methods[0]
    # Everything else is a child of the focal method and related to it.
    Method.objects.filter(pk__in=[m.pk for m in methods[1:]]).update(parent=method)
    related = Method.related_methods.through
    related.objects.bulk_create(
        [
            related(from_method_id=method.pk, to_method_id=other.pk)
            for other in methods[1:]
        ]
        + [
            related(from_method_id=other.pk, to_method_id=method.pk)
            for other in methods[1:]
        ]
    )
    Method.target_groups.through.objects.bulk_create(
        Method.target_groups.through(method_id=m.pk, targetgroup_id=group.pk)
        for m in methods
    )
    MethodPhase.objects.bulk_create(
        MethodPhase(method=method, number=n + 1, title=f"Fase {n + 1}")
        for n in range(size)
    )
    MethodSource.objects.bulk_create(
        MethodSource(method=method, title=f"Kilde {n}", url="https://example.org/")
        for n in range(size)
    )
    presenters = Presenter.objects.bulk_create(
        Presenter(name=f"QC person {n}", slug=f"qc-person-{n}", job_title="Vejleder")
        for n in range(size)
    )
    talks = Talk.objects.bulk_create(
        Talk(title=f"QC oplæg {n}", slug=f"qc-oplaeg-{n}") for n in range(size)
    )
    Talk.methods.through.objects.bulk_create(
        Talk.methods.through(talk_id=talk.pk, method_id=method.pk) for talk in talks
    )
    Talk.presenters.through.objects.bulk_create(
        Talk.presenters.through(talk_id=talk.pk, presenter_id=presenter.pk)
        for talk, presenter in zip(talks, presenters, strict=True)
    )

    offers = Offer.objects.bulk_create(
        Offer(
            name=f"QC tilbud {n}",
            slug=f"qc-tilbud-{n}",
            kind=kind,
            owner=centre,
            legal_basis=basis,
            summary="Et tilbud.",
            access=Offer.Access.WALK_IN,
        )
        for n in range(size)
    )
    offer = offers[0]
    Offer.objects.filter(pk__in=[o.pk for o in offers[1:]]).update(parent=offer)
    Offer.other_legal_bases.through.objects.bulk_create(
        Offer.other_legal_bases.through(offer_id=o.pk, legalbasis_id=basis.pk)
        for o in offers
    )
    Offer.target_groups.through.objects.bulk_create(
        Offer.target_groups.through(offer_id=o.pk, targetgroup_id=group.pk)
        for o in offers
    )
    OfferMethod.objects.bulk_create(
        [OfferMethod(offer=o, method=method, note="Sådan.") for o in offers]
        + [OfferMethod(offer=offer, method=m) for m in methods[1:]]
    )
    Location.objects.bulk_create(
        Location(offer=o, street=f"Vej {n}", postcode="8900", city="Randers")
        for n, o in enumerate(offers)
    )
    Location.objects.bulk_create(
        Location(offer=offer, street=f"Gade {n}", city="Randers") for n in range(size)
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(
            location=location,
            weekday=weekday,
            opens=datetime.time(8),
            closes=datetime.time(14, 30),
        )
        for location in Location.objects.filter(offer=offer)
        for weekday in range(5)
    )
    KeyFigure.objects.bulk_create(
        KeyFigure(offer=offer, year=1900 + n, citizens_served=n, budget=1000 * n)
        for n in range(min(size, 300))
    )

    sources = KnowledgeSource.objects.bulk_create(
        KnowledgeSource(
            name=f"QC kilde {n}", slug=f"qc-kilde-{n}", kind="national_agency"
        )
        for n in range(size)
    )
    source = sources[0]
    resources = Resource.objects.bulk_create(
        Resource(
            title=f"QC materiale {n}",
            slug=f"qc-materiale-{n}",
            kind=Resource.Kind.GUIDELINE,
            visibility=(
                Resource.Visibility.STAFF if n % 3 == 1 else Resource.Visibility.PUBLIC
            ),
            summary="Et materiale.",
            url="https://example.org/materiale.pdf",
            source=source if n % 2 else sources[n % size],
            year=1990 + n % 30,
        )
        for n in range(size)
    )
    Resource.methods.through.objects.bulk_create(
        Resource.methods.through(resource_id=r.pk, method_id=method.pk)
        for r in resources
    )
    Resource.offers.through.objects.bulk_create(
        Resource.offers.through(resource_id=r.pk, offer_id=offer.pk) for r in resources
    )
    return Catalogue(
        method=method,
        offer=offer,
        source=source,
        municipality=municipality,
        category=category,
        target_group=group,
        kind=kind,
        legal_basis=basis,
    )
