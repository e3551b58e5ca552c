"""The site's roles as users, and a staff-only resource linked to public pages."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from services.models import OfferMethod
from tests.factories import MethodFactory, OfferFactory, ResourceFactory

PASSWORD = "correct horse battery staple 42"

#: Every role the site knows, weakest first.
ROLES = ["anonymous", "user", "staff", "curator", "manager", "superuser"]

#: A word that appears only in internal material, so a page that leaks it shows.
SECRET = "Voldsprocedurehemmelig"

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_user(django_user_model, role):
    """A user in ``role``; None for anonymous. Curators and managers are staff
    in their group, as the administrators set them up."""
    if role == "anonymous":
        return None
    if role == "superuser":
        return django_user_model.objects.create_superuser(
            username="su", email="su@example.com", password=PASSWORD
        )
    user = django_user_model.objects.create_user(
        username=role,
        email=f"{role}@example.com",
        password=PASSWORD,
        first_name=role.capitalize(),
        last_name="Hansen",
        is_staff=role != "user",
    )
    group_name = {"curator": "Videnscenter", "manager": "Ledere"}.get(role)
    if group_name:
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


@pytest.fixture
def as_role(client, django_user_model):
    """``as_role("staff")`` gives the test client logged in as that role."""

    def log_in(role):
        user = make_user(django_user_model, role)
        if user is not None:
            client.force_login(user)
        return client

    return log_in


@pytest.fixture
def staff_user(django_user_model):
    return make_user(django_user_model, "staff")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def internal(db):
    return make_internal()


def make_internal():
    """A staff-only resource with a file, a draft resource, and the public method
    and offer they are both related to; plus a draft method and a draft offer
    linked to the public ones."""
    method = MethodFactory(name="Offentlig metode", abbreviation="OM")
    offer = OfferFactory(name="Offentligt tilbud")
    staff_only = ResourceFactory(
        title=f"{SECRET} om vold og trusler",
        summary=f"{SECRET}: intern retningslinje.",
        visibility="staff",
        kind="guideline",
    )
    staff_only.file.save("vold-og-trusler.pdf", ContentFile(MINIMAL_PDF))
    draft = ResourceFactory(
        title=f"{SECRET} kladde",
        summary=f"{SECRET}: ikke færdig.",
        visibility="draft",
    )
    draft.file.save("kladde.pdf", ContentFile(MINIMAL_PDF))
    public = ResourceFactory(title="Offentlig vejledning", visibility="public")
    public.file.save("vejledning.pdf", ContentFile(MINIMAL_PDF))
    for resource in (staff_only, draft, public):
        resource.methods.add(method)
        resource.offers.add(offer)
    draft_method = MethodFactory(
        name=f"{SECRET} metode", summary=f"{SECRET} resumé", status="draft"
    )
    draft_offer = OfferFactory(
        name=f"{SECRET} tilbud", summary=f"{SECRET} resumé", status="draft"
    )
    method.related_methods.add(draft_method)
    OfferMethod.objects.create(offer=offer, method=method)
    OfferMethod.objects.create(offer=offer, method=draft_method)
    OfferMethod.objects.create(offer=draft_offer, method=method)
    return {
        "method": method,
        "offer": offer,
        "staff_only": staff_only,
        "draft": draft,
        "public": public,
        "draft_method": draft_method,
        "draft_offer": draft_offer,
    }
