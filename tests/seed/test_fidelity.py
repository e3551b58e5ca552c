"""Fidelity (issue #14): the seed holds every item the documents contain, per
document and kind, with the documents' figures (docs/seed-manifest.yaml)."""

import re

import pytest

from goals.models import BudgetLine, Target
from methods.models import TalkMethod
from tests.seed.fidelity import MANIFEST, SEVERAL, key, load_manifest, seed_items

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


# The reconciliation with the issue's count (docs/seed-manifest.md) ------------

RECONCILIATION = MANIFEST.with_suffix(".md")
COLUMNS = ["000", "001", "002", "003", "004", SEVERAL]


def reconciliation_table():
    """``{kind: {column: count}}`` as docs/seed-manifest.md writes it, with the
    manifest's total and the issue's count (None where the issue gives none)."""
    table = {}
    text = RECONCILIATION.read_text(encoding="utf-8")
    for line in text.splitlines():
        row = re.fullmatch(r"\| `(\w+)` \|(.*)\|", line.strip())
        if row:
            cells = [cell.strip() for cell in row[2].split("|")]
            counts = [int(cell) for cell in cells[:-1]]
            issue = None if cells[-1] == "–" else int(cells[-1])
            table[row[1]] = dict(zip([*COLUMNS, "manifest"], counts, strict=True)) | {
                "issue": issue
            }
    return table


def seed_table(items):
    table = {}
    for document, kinds in items.items():
        column = document[:3] if document != SEVERAL else SEVERAL
        for kind, found in kinds.items():
            table.setdefault(kind, dict.fromkeys(COLUMNS, 0))[column] = len(found)
    for counts in table.values():
        counts["manifest"] = sum(counts[column] for column in COLUMNS)
    return table


def printed(table):
    names = [*COLUMNS[:-1], "several", "manifest"]
    head = f"{'kind':<18}" + "".join(f"{name:>9}" for name in names)
    rows = [
        f"{kind:<18}" + "".join(f"{counts[c]:>9}" for c in [*COLUMNS, "manifest"])
        for kind, counts in table.items()
    ]
    return "\n".join([head, *rows])


def test_the_reconciliation_table_is_what_the_seed_holds():
    written = reconciliation_table()
    held = seed_table(seed_items())
    print("\n" + printed(held))
    assert len(written) == 13  # the issue's 13 kinds
    assert {
        kind: {c: counts[c] for c in [*COLUMNS, "manifest"]}
        for kind, counts in written.items()
    } == held
    # Where the issue states a kind's count, the seed holds exactly that many.
    stated = {kind: c["issue"] for kind, c in written.items() if c["issue"]}
    assert stated == {"goals": 40, "budget_lines": 24, "talks": 15}
    assert all(held[kind]["manifest"] == count for kind, count in stated.items())
    total = re.search(
        r"\*\*total\*\* \|.*\| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \|",
        RECONCILIATION.read_text(encoding="utf-8"),
    )
    assert int(total[1]) == sum(c["manifest"] for c in held.values())
    assert int(total[2]) == 331


def test_the_difference_to_the_issue_is_counted_as_the_reconciliation_says():
    from services.models import Offer, OfferMethod

    items = seed_items()
    aftale = items["004_7fc7c482ae890792.txt"]
    amounts = {line["amount"] for line in aftale["budget_lines"]}
    repeated_figures = [
        figure
        for figure in aftale["key_figures"]
        if figure.get("budget", figure.get("value")) in amounts
    ]
    parents = dict(Offer.objects.values_list("pk", "parent_id"))
    links = set(OfferMethod.objects.values_list("offer_id", "method_id"))

    def repeats_a_parent(offer, method):
        parent = parents.get(offer)
        while parent:
            if (parent, method) in links:
                return True
            parent = parents.get(parent)
        return False

    repeated_links = [link for link in links if repeats_a_parent(*link)]
    text = RECONCILIATION.read_text(encoding="utf-8")
    said = re.search(r"\*\*(\d+) key figures repeat a budget line", text)
    assert int(said[1]) == len(repeated_figures)
    said = re.search(r"\*\*(\d+) method links repeat a parent offer's link", text)
    assert int(said[1]) == len(repeated_links)


def test_the_items_the_issue_names_are_held_or_removed_as_the_list_says():
    items = seed_items()
    viborg = items["003_db5aeebc87735bd1.txt"]
    codes = {goal["code"] for goal in viborg["goals"]}
    assert {
        "livskvalitet-substitutionsbehandling",
        "bedring-faerdigbehandlede-stof",
        "ambulante-samtaler-alkohol",
        "bedring-faerdigbehandlede-alkohol",
        "udskrivelser-alkoholbehandling",
        "antabus-alkoholbehandling",
        "vibohoej-ombygget-2019",
    } <= codes
    links = {
        (link["offer"], link["method"])
        for kinds in items.values()
        for link in kinds.get("method_links", [])
    }
    assert {
        ("myndighed", "mi"),
        ("mestringsvejledning", "kat"),
        ("rusmiddelcenter-viborg", "kat"),
        ("rusmiddelcenter-viborg", "mindfulness-baseret-tilbagefaldsforebyggelse"),
        ("rusmiddelcenter-viborg", "parbehandling"),
    } <= links
    assert ("motivationsgruppe", "mi") not in links
    assert len(items["004_7fc7c482ae890792.txt"]["budget_lines"]) == 24


def test_every_talk_method_link_cites_the_note():
    uses = TalkMethod.objects.select_related("talk")
    assert uses.count() == 11
    for use in uses:
        assert use.source_document == "Notat om videnscentret (Randers)", use
        assert use.source_section.startswith("Viden der støtter andre aktører"), use


def test_a_talk_method_link_gone_or_added_is_found():
    link = TalkMethod.objects.get(talk__title="Oplæg om CTI og ICM", method__slug="icm")
    link.delete()
    found = differences(load_manifest(), seed_items())
    assert len(found) == 1
    assert "Oplæg om CTI og ICM" in found[0]
