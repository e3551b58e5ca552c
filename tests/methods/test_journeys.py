"""A staff member's journey through the seed content: bostøtte methods used by
Mestringsvejledning, then CTI, then its service description."""

import pytest

pytestmark = pytest.mark.django_db


def test_staff_find_cti_and_its_service_description(client, django_user_model, seed):
    client.force_login(
        django_user_model.objects.create_user(
            "medarbejder", password="x", is_staff=True
        )
    )
    listing = client.get("/metoder/?category=bostoette&offer=mestringsvejledning")
    assert listing.status_code == 200
    found = {method.slug for method in listing.context["methods"]}
    assert {"cti", "icm"} <= found
    assert 'href="/metoder/cti/"' in listing.content.decode()

    method_page = client.get("/metoder/cti/")
    assert method_page.status_code == 200
    text = method_page.content.decode()
    assert "Critical Time Intervention (CTI)" in text
    assert "9 måneder i 3 faser" in text
    assert 'href="/tilbud/mestringsvejledning/"' in text
    assert 'href="/materialer/ydelsesbeskrivelse-cti/"' in text

    resource_page = client.get("/materialer/ydelsesbeskrivelse-cti/")
    assert resource_page.status_code == 200
    text = resource_page.content.decode()
    assert "Ydelsesbeskrivelse for CTI" in text
    assert "DOCX" in text
    assert 'href="/metoder/cti/"' in text
    assert 'href="/tilbud/mestringsvejledning/"' in text


def test_every_seed_method_has_a_page(client, seed):
    from methods.models import Method

    for slug in Method.objects.filter(status="published").values_list(
        "slug", flat=True
    ):
        assert client.get(f"/metoder/{slug}/").status_code == 200, slug


def test_no_seed_draft_or_internal_material_reaches_a_visitor(client, seed):
    from methods.models import Method
    from resources.models import Resource
    from services.models import Offer

    hidden = [
        *(
            f"/metoder/{s}/"
            for s in Method.objects.filter(status="draft").values_list(
                "slug", flat=True
            )
        ),
        *(
            f"/tilbud/{s}/"
            for s in Offer.objects.filter(status="draft").values_list("slug", flat=True)
        ),
        *(
            f"/materialer/{s}/"
            for s in Resource.objects.exclude(visibility="public").values_list(
                "slug", flat=True
            )
        ),
    ]
    for path in hidden:
        assert client.get(path).status_code == 404, path
    library = client.get("/materialer/")
    assert (
        library.context["paginator"].count
        == Resource.objects.filter(visibility="public").count()
    )
