"""Work bounded by the page: a list page loads as many model instances as it
shows plus a constant, whatever the amount of data. Counted with Django's
``post_init`` signal (sent for every instance built from a row), at 2 and at 4
times the seed content, for a visitor and for a member of staff.

At these sizes some lists are not yet full (16 plans; a category's methods)
and a filter's choices grow up to their cap (core.filters.MAX_CHOICES), so a
model may load more at 4x than at 2x only up to that cap: anything beyond it
grows with the data (before, the plan list loaded every goal, target and
measurement of its plans: 307 measurements at 4x)."""

from collections import Counter
from contextlib import contextmanager

import pytest
from django.db.models.signals import post_init

from core.filters import MAX_CHOICES

from .pages import page_addresses
from .test_query_counts import generate

LIST_PAGES = (
    "home",
    "offers",
    "offer",
    "methods",
    "methods filtered",
    "method",
    "resources",
    "plans",
    "plan",
)


@pytest.fixture
def clients(django_user_model, client):
    from django.test import Client

    staff = django_user_model.objects.create_user(
        username="medarbejder", password="pw-for-tests-only", is_staff=True
    )
    staff_client = Client()
    staff_client.force_login(staff)
    return {"anonymous": client, "staff": staff_client}


@contextmanager
def counting_instances():
    counts = Counter()

    def count(sender, **kwargs):
        counts[sender._meta.label] += 1

    post_init.connect(count, weak=False, dispatch_uid="test-instance-counter")
    try:
        yield counts
    finally:
        post_init.disconnect(dispatch_uid="test-instance-counter")


def instances_per_page(clients, addresses):
    loaded = {}
    for role, client in clients.items():
        for page in LIST_PAGES:
            address = addresses[page]
            client.get(address)  # warm Django's own caches (content types, ...)
            with counting_instances() as counts:
                response = client.get(address)
            assert response.status_code == 200, (role, page, address)
            loaded[f"{role} {page}"] = counts
    return loaded


def test_list_pages_load_the_same_instances_at_two_data_sizes(seed, clients):
    generate(scale=1, seed=1)
    small = instances_per_page(clients, page_addresses())
    generate(scale=2, seed=2)
    large = instances_per_page(clients, page_addresses())

    # The most a filter fetches: the cap and one more, each with its parent
    # (core.filters.name_with_parent: "Medicinsk behandling (Rusmiddelcenter)").
    cap = 2 * (MAX_CHOICES + 1)
    grown = {
        page: {
            model: (small[page][model], count)
            for model, count in large[page].items()
            if count > max(small[page][model], cap)
        }
        for page in large
    }
    grown = {page: models for page, models in grown.items() if models}
    assert not grown, f"instances loaded (at 2x, at 4x) grew: {grown}"
    # Every page loads something; if one does not, say which.
    empty = [page for page, counts in large.items() if not sum(counts.values())]
    assert not empty, f"pages that loaded no instances: {empty}"
