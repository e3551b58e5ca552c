"""The way in to an offer: the nearest known phone and e-mail.

An offer's own phone and e-mail come first; then a parent offer's; then its
owner's and each organisation above it (department, centre, municipality);
last the site's own contact (``core.models.SiteContact``, set in the admin).
The page names where the details come from ("Kontakt via …"), so a citizen
knows whom they will reach, and curators see at a glance which offers still
borrow someone else's number.
"""

from dataclasses import dataclass

from core.models import SiteContact

from .models import Organisation


@dataclass
class WayIn:
    name: str  # whom the citizen reaches
    phone: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""
    own: bool = False  # the offer's own details
    site: bool = False  # the site's contact, the last resort

    @property
    def found(self):
        return bool(self.phone or self.email)


def way_in(offer, site_contact=None):
    """The nearest level of ``offer``'s chain with a phone or an e-mail; a
    ``WayIn`` that is not ``found`` when no level has either."""
    if offer.phone or offer.email:
        return WayIn(offer.name, offer.phone, offer.email, own=True)
    parent = offer.parent if offer.parent_id else None
    if parent is not None and parent.is_public and (parent.phone or parent.email):
        return WayIn(parent.name, parent.phone, parent.email)
    for organisation in organisation_chain(offer.owner_id):
        if organisation.phone or organisation.email:
            return WayIn(organisation.name, organisation.phone, organisation.email)
    site = site_contact or SiteContact.current()
    return WayIn(
        site.name,
        site.phone,
        site.email,
        address=site.address,
        hours=site.hours,
        site=True,
    )


def organisation_chain(organisation_id):
    """The organisation and those above it, nearest first: the whole chart in
    one query (tens of rows), walked in Python, at any depth."""
    rows = {
        row.pk: row
        for row in Organisation.objects.only("name", "parent_id", "phone", "email")
    }
    chain, seen = [], set()
    node = rows.get(organisation_id)
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        chain.append(node)
        node = rows.get(node.parent_id)
    return chain
