"""Reads of offers for the public pages, each at a fixed number of queries.

Resources build on offers: what they list on an offer's page, they contribute
(core/relations.py).
"""

from django.db import connection
from django.db.models import Prefetch

from core.relations import contributed_prefetches
from core.visibility import visible_through

from .models import Location, Offer, OfferMethod, Organisation, UrgentHelp


def offer_list(user):
    """Offers for the list page: what a card shows, at two queries per page."""
    return (
        Offer.objects.visible_to(user)
        .select_related("kind", "legal_basis")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.order_by("name", "street"))
        )
    )


def offer_detail(user):
    """Offers for the offer page: what it shows outside its fragments (the
    addresses, whose "open now" follows the clock), for ``user``. The rest is
    ``offer_fragment_prefetches``, read only when a fragment is rendered."""
    # "Senest ændret" (a curator's change, never the seed load's) is read by
    # the view only for an offer not verified since: as a subquery here it made
    # the statement take 4-5 ms to plan at 100x (1 ms without).
    return (
        Offer.objects.visible_to(user)
        .select_related("kind", "legal_basis", "owner__parent", "parent")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=Location.objects.prefetch_related("opening_hours"),
            ),
        )
    )


def offer_fragment_prefetches(user):
    """What the offer page's fragments list, for ``user``."""
    visible = Offer.objects.visible_to(user)
    return [
        "other_legal_bases",
        "target_groups",
        Prefetch(
            "sub_offers",
            queryset=visible.select_related("kind"),
            to_attr="published_sub_offers",
        ),
        Prefetch(
            "method_uses",
            queryset=OfferMethod.objects.filter(
                visible_through(OfferMethod, "method", user)
            )
            .select_related("method")
            .order_by("method__name"),
            to_attr="published_method_uses",
        ),
        "key_figures",
        *contributed_prefetches(Offer, user),
    ]


def label_places(offers):
    """Give each offer ``place_municipality`` and ``place_centre``: the top of
    its owner's tree and the nearest centre in it, so cards with the same name
    ("Medicinsk behandling") can be told apart. One query for the page: the
    owners and their ancestors only, however large the chart."""
    rows = {
        pk: (name, kind, parent_id)
        for pk, name, kind, parent_id in _owner_chains(
            {offer.owner_id for offer in offers} - {None}
        )
    }
    for offer in offers:
        chain, seen = [], set()
        pk = offer.owner_id
        while pk in rows and pk not in seen:
            seen.add(pk)
            chain.append(rows[pk])
            pk = rows[pk][2]
        centre = next(
            (item for item in chain if item[1] == Organisation.Kind.CENTRE), None
        )
        top = chain[-1] if chain else None
        is_own_top = top is not None and top is not centre
        offer.place_municipality = top[0] if is_own_top else ""
        offer.place_centre = centre[0] if centre is not None else ""
    return offers


def _owner_chains(owner_ids):
    """(pk, name, kind, parent id) of ``owner_ids`` and every organisation
    above them. A recursive query (PostgreSQL and SQLite both have it): the ORM
    can only follow ``parent`` to a depth named in advance. ``UNION`` rather
    than ``UNION ALL`` ends a chain that runs in a loop."""
    table = connection.ops.quote_name(Organisation._meta.db_table)
    placeholders = ", ".join(["%s"] * len(owner_ids)) or "NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE chain(id, name, kind, parent_id) AS (
                SELECT id, name, kind, parent_id FROM {table}
                WHERE id IN ({placeholders})
                UNION
                SELECT o.id, o.name, o.kind, o.parent_id
                FROM {table} o JOIN chain c ON o.id = c.parent_id
            )
            SELECT id, name, kind, parent_id FROM chain
            """,  # noqa: S608 - the table name is the model's, values are parameters
            list(owner_ids),
        )
        return cursor.fetchall()


def urgent_help(user):
    """The "Akut hjælp" entries ``user`` may see, in the curators' order, with
    the offer each points to when that offer is visible too."""
    return UrgentHelp.objects.visible_to(user).select_related("offer")
