"""Fidelity (issue #14): the seed holds every item the documents contain, per
document and kind, with the documents' figures (docs/seed-manifest.yaml)."""

import pytest

from goals.models import BudgetLine, Target
from tests.seed.fidelity import key, load_manifest, seed_items

pytestmark = pytest.mark.usefixtures("seed")


def differences(manifest, items):
    """Every way the seed differs from the list, in words."""
    found = []
    for entry in manifest["documents"]:
        document = entry["document"]
        held = items.get(document, {})
        for kind, listed in entry["items"].items():
            seeded = {key(item): item for item in held.get(kind, [])}
            wanted = {key(item): item for item in listed}
            for item_key, item in wanted.items():
                if item_key not in seeded:
                    found.append(f"{document} {kind}: mangler {item}")
                elif seeded[item_key] != item:
                    found.append(f"{document} {kind}: {item} er nu {seeded[item_key]}")
            for item_key in seeded.keys() - wanted.keys():
                found.append(f"{document} {kind}: ikke på listen {seeded[item_key]}")
    listed_documents = {entry["document"] for entry in manifest["documents"]}
    for document in items.keys() - listed_documents:
        found.append(f"{document}: ikke på listen")
    return found


def test_the_seed_holds_every_item_of_the_documents_with_their_figures():
    manifest = load_manifest()
    assert differences(manifest, seed_items()) == []


def test_the_counts_on_the_list_are_the_items_listed():
    for entry in load_manifest()["documents"]:
        counts = {kind: len(items) for kind, items in entry["items"].items()}
        assert entry["counts"] == counts, entry["document"]


def test_every_document_is_on_the_list_with_what_the_issue_counted():
    documents = {entry["document"]: entry for entry in load_manifest()["documents"]}
    aftale = documents["004_7fc7c482ae890792.txt"]["counts"]
    viborg = documents["003_db5aeebc87735bd1.txt"]["counts"]
    assert aftale["budget_lines"] == 24
    goals = sum(entry["counts"].get("goals", 0) for entry in documents.values())
    assert goals == 40
    assert viborg["offers"] == 10


def test_a_changed_figure_is_found():
    line = BudgetLine.objects.get(table="Centerets budget 2019", label="Refusion")
    line.amount = -9177001
    line.save()
    found = differences(load_manifest(), seed_items())
    assert len(found) == 1
    assert "Refusion" in found[0]


def test_a_missing_item_is_found():
    Target.objects.filter(
        goal__code="familieorienteret-alkoholbehandling"
    ).first().delete()
    found = differences(load_manifest(), seed_items())
    assert len(found) == 1
    assert "familieorienteret-alkoholbehandling" in found[0]
