"""Own words (issue #14): no seed text repeats ten or more words of a source
document in a row, except names, titles and quoted wording listed in
documents/exempt.yaml. The documents are read through their committed
fingerprints (tests/seed/shingles.py), so the test runs on a clean clone."""

from pathlib import Path

import pytest
import yaml

from tests.seed import shingles

ROOT = Path(__file__).resolve().parents[2]
SEED_FILES = sorted(ROOT.glob("*/seed/*.yaml"))
EXEMPT = yaml.safe_load((shingles.HERE / "documents" / "exempt.yaml").read_text())

# Keys whose values are names, titles, codes, addresses, links or cited sources:
# carried over exactly, so they may repeat the documents.
EXACT_KEYS = {
    "title", "name", "label", "code", "slug", "url", "website", "document_url",
    "email", "phone", "street", "source", "authors", "publisher", "owner",
    "data_source", "timing", "approved_by", "national_portal_url", "cite",
    "cite_as", "presenters", "job_title",
}  # fmt: skip


def seed_texts(node, path=()):
    """``(path, text)`` for every prose value of a seed file."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in EXACT_KEYS:
                yield from seed_texts(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from seed_texts(value, (*path, str(index)))
    elif isinstance(node, str):
        yield path, node


def copied_runs(text, prints):
    """The longest runs of ``text`` made of shingles found in ``prints``."""
    found = shingles.words(text)
    copied = [False] * len(found)
    for start in range(len(found) - shingles.SHINGLE + 1):
        if shingles.fingerprint(found[start : start + shingles.SHINGLE]) in prints:
            copied[start : start + shingles.SHINGLE] = [True] * shingles.SHINGLE
    runs, run = [], []
    for word, is_copied in zip(found, copied, strict=True):
        if is_copied:
            run.append(word)
        elif run:
            runs.append(run)
            run = []
    return [*runs, run] if run else runs


def exempt_word_runs():
    return [
        shingles.words(item["phrase"]) for group in EXEMPT.values() for item in group
    ]


def is_exempt(run, exempt):
    text = " ".join(run)
    return any(text in " ".join(words) for words in exempt)


@pytest.fixture(scope="module")
def prints():
    return shingles.load()


def test_no_seed_text_repeats_ten_words_of_a_document(prints):
    exempt = exempt_word_runs()
    offending = []
    for path in SEED_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in seed_texts(data):
            for run in copied_runs(text, prints):
                if not is_exempt(run, exempt):
                    offending.append(
                        f"{path.relative_to(ROOT)} {'/'.join(where)}: "
                        f"{len(run)} ord: “{' '.join(run)}”"
                    )
    assert not offending, "Skriv med egne ord:\n" + "\n".join(offending)


def test_the_check_finds_a_copied_sentence(prints):
    # A list of names the seed may repeat, used here as if it were prose.
    names = EXEMPT["names"][3]["phrase"]
    assert copied_runs(f"Vi bruger {names} hver dag.", prints)
    other_words = shingles.words("nogle helt andre ord " * 3)
    assert not is_exempt(other_words, exempt_word_runs())
    own = "Ord, vi selv har skrevet, og som ingen plan rummer."
    assert copied_runs(own, prints) == []


def test_every_exempt_phrase_is_still_in_a_document(prints):
    # A stale exemption would hide nothing, but would let a copy back in later.
    for words in exempt_word_runs():
        assert copied_runs(" ".join(words), prints), " ".join(words)


@pytest.mark.skipif(
    not shingles.document_paths(),
    reason="../shared/seeds is not beside the project: only the fingerprints are",
)
def test_the_fingerprints_match_the_documents():
    assert shingles.load() == shingles.build(), (
        "Run python -m tests.seed.shingles to update tests/seed/documents/"
    )
