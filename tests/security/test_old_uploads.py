"""A replaced or deleted upload leaves storage once nothing needs it (issue #16,
finding 10; core/uploads.py). While a version in the change history refers to
it, it is kept so the version can be saved back, and only the admin's page of
that version serves it, to staff who may see the history; no public address
does. Nothing is removed before the change commits, and never a file a live
row uses."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.actions import Change, Channel, recorded
from resources.models import Resource
from tests.admin_forms import admin_form_data
from tests.factories import ResourceFactory

from .conftest import make_user

pytestmark = pytest.mark.django_db

OLD = b"%PDF-1.4\n% den gamle udgave\n%%EOF\n"
NEW = b"%PDF-1.4\n% den nye udgave\n%%EOF\n"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what the code left for after the commit, as a real request's
    commit would (the test's own transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(make_user(django_user_model, "curator"))
    return client


@pytest.fixture
def resource(db):
    resource = ResourceFactory(title="Procedure om vold", visibility="public")
    resource.file.save("procedure.pdf", ContentFile(OLD))
    return resource


def stored(settings):
    """The files in private storage, by stored name."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()
    }


def change_url(resource):
    return reverse("admin:resources_resource_change", args=[resource.pk])


def replace_file(client, resource, content=NEW, **changes):
    page = client.get(change_url(resource))
    data = admin_form_data(page) | changes
    data["file"] = SimpleUploadedFile("ny-procedure.pdf", content)
    return client.post(change_url(resource), data)  # multipart, as a browser


def version_file_url(resource, version):
    return reverse(
        "admin:resources_resource_version_file",
        args=[resource.pk, version.history_id],
    )


def download(client, resource):
    response = client.get(reverse("resources:download", args=[resource.slug]))
    if response.status_code != 200:
        return response.status_code
    return b"".join(response.streaming_content)


def prune_history():
    """What an operator runs to keep only recent history."""
    call_command("clean_old_history", "resources.resource", days=0, verbosity=0)


def test_a_replaced_file_is_kept_for_its_version_and_served_only_to_staff(
    curator, committed, resource, settings, client, django_user_model
):
    old_name = resource.file.name
    with committed():
        response = replace_file(curator, resource)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file.name != old_name
    # The version before the change refers to the old file: it stays.
    assert stored(settings) == {old_name, resource.file.name}
    old_version = resource.history.filter(file=old_name).latest()

    # A curator sees the old version with a link to its own file, not the new one.
    version_page = curator.get(
        reverse(
            "admin:resources_resource_simple_history",
            args=[resource.pk, old_version.history_id],
        )
    )
    assert version_file_url(resource, old_version) in version_page.content.decode()
    response = curator.get(version_file_url(resource, old_version))
    assert b"".join(response.streaming_content) == OLD
    assert "no-store" in response["Cache-Control"]

    # Staff without the curators' rights may not open it.
    client.logout()
    client.force_login(make_user(django_user_model, "staff"))
    assert client.get(version_file_url(resource, old_version)).status_code == 403
    assert download(client, resource) == NEW

    # A visitor gets the new file from the resource and the old one nowhere.
    client.logout()
    assert download(client, resource) == NEW
    response = client.get(version_file_url(resource, old_version))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    for prefix in ("/media/", "/private/", "/"):
        assert client.get(prefix + old_name).status_code == 404


def test_the_old_file_goes_when_the_history_no_longer_needs_it(
    curator, committed, resource, settings
):
    old_name = resource.file.name
    with committed():
        replace_file(curator, resource)
    resource.refresh_from_db()
    with committed():
        prune_history()
    assert stored(settings) == {resource.file.name}
    # Nor is its random folder left behind.
    assert not (Path(settings.PRIVATE_MEDIA_ROOT) / old_name).parent.exists()


def test_an_old_version_saved_back_brings_its_file_back(
    curator, committed, resource, settings, client
):
    old_name = resource.file.name
    old_version = resource.history.latest()
    with committed():
        replace_file(curator, resource)
    resource.refresh_from_db()
    new_name = resource.file.name
    url = reverse(
        "admin:resources_resource_simple_history",
        args=[resource.pk, old_version.history_id],
    )
    with committed():
        response = curator.post(url, admin_form_data(curator.get(url)))
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file.name == old_name
    assert stored(settings) == {old_name, new_name}
    client.logout()
    assert download(client, resource) == OLD


def delete_in_admin(client, resource):
    url = reverse("admin:resources_resource_delete", args=[resource.pk])
    return client.post(url, {"post": "yes"})


def delete_with_list_action(client, resource):
    return client.post(
        reverse("admin:resources_resource_changelist"),
        {"action": "delete_selected", "_selected_action": [resource.pk], "post": "yes"},
    )


@pytest.mark.parametrize("delete", [delete_in_admin, delete_with_list_action])
def test_a_deleted_resource_keeps_its_file_while_it_can_be_restored(
    curator, committed, resource, settings, client, delete
):
    name = resource.file.name
    with committed():
        assert delete(curator, resource).status_code == 302
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert stored(settings) == {name}
    deleted = resource.history.latest()
    assert deleted.history_type == "-"
    client.logout()
    assert download(client, resource) == 404
    assert client.get(version_file_url(resource, deleted)).status_code == 302

    with committed():
        prune_history()
    assert stored(settings) == set()


def test_a_file_another_live_row_uses_is_never_removed(
    curator, committed, resource, settings
):
    twin = ResourceFactory(title="Kopi af proceduren")
    Resource.objects.filter(pk=twin.pk).update(file=resource.file.name)
    with committed():
        delete_in_admin(curator, resource)
        prune_history()
    assert stored(settings) == {resource.file.name}


def test_a_form_with_errors_keeps_the_file_and_stores_no_new_one(
    curator, committed, resource, settings
):
    name = resource.file.name
    with committed():
        response = replace_file(curator, resource, title="")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title"]
    resource.refresh_from_db()
    assert resource.file.name == name
    assert stored(settings) == {name}


def test_a_change_rolled_back_removes_no_file(committed, resource, settings):
    name = resource.file.name
    with committed(), pytest.raises(RuntimeError):
        with recorded(Change(Channel.COMMAND), "resources"):
            resource.file.save("ny.pdf", ContentFile(NEW))
            raise RuntimeError("the rest of the change failed")
    resource.refresh_from_db()
    assert resource.file.name == name
    assert name in stored(settings)
    with committed():
        prune_history()
    # Still the live row's file.
    assert name in stored(settings)


def test_a_file_the_history_does_not_need_goes_with_the_change(
    committed, resource, settings
):
    with committed():
        prune_history()  # no version refers to the first file any more
        resource.file.save("ny.pdf", ContentFile(NEW))
    assert stored(settings) == {resource.file.name}


def test_pruning_a_long_history_checks_its_files_together(committed, settings):
    resources = []
    with committed():
        for number in range(3):
            resource = ResourceFactory(title=f"Vejledning {number}")
            for version in range(4):
                resource.file.save(f"v{version}.pdf", ContentFile(OLD))
            resources.append(resource)
    # The replaced files are kept: each version refers to its own.
    assert len(stored(settings)) == 12

    with CaptureQueriesContext(connection) as queries, committed():
        prune_history()
    assert stored(settings) == {resource.file.name for resource in resources}
    # One look-up in the live rows and one in the history for all 12 files,
    # not two for each of the history's rows.
    lookups = [q["sql"] for q in queries if '"file" IN' in q["sql"]]
    assert len(lookups) == 2, lookups
