"""Fingerprints of the source documents, to check the seed is in our own words.

A shingle is a run of ``SHINGLE`` words in a row (casefolded, punctuation
dropped). Each document's shingles are stored as short hashes in
``documents/shingles.txt.gz`` (committed), so the own-words test works on a
clean clone where ``../shared/seeds/`` is not beside the project; when the
documents are there, a test checks the file is up to date.

Regenerate after the documents change:
``python -m tests.seed.shingles`` (from the project's root).
"""

import gzip
import hashlib
import re
from pathlib import Path

SHINGLE = 10
HERE = Path(__file__).parent
FINGERPRINTS = HERE / "documents" / "shingles.txt.gz"
DOCUMENTS = HERE.parents[1].parent / "shared" / "seeds"


def words(text):
    # PDF extraction hyphenates at line ends ("bed-\nste"): join those first.
    text = re.sub(r"-\s*\n\s*", "", str(text))
    return re.findall(r"\w+", text.casefold())


def fingerprint(run):
    # A fingerprint, not a secret: any stable hash will do.
    return hashlib.sha1(" ".join(run).encode(), usedforsecurity=False).hexdigest()[:12]


def shingles(text):
    """``(fingerprint, words)`` for every run of SHINGLE words in ``text``."""
    found = words(text)
    for start in range(len(found) - SHINGLE + 1):
        run = found[start : start + SHINGLE]
        yield fingerprint(run), run


def document_paths(folder=DOCUMENTS):
    return sorted(Path(folder).glob("0*.txt"))


def build(folder=DOCUMENTS):
    """``{fingerprint: document file stem}`` for every document in ``folder``."""
    prints = {}
    for path in document_paths(folder):
        for print_, _run in shingles(path.read_text(encoding="utf-8")):
            prints.setdefault(print_, path.stem)
    return prints


def load(path=FINGERPRINTS):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return dict(line.split() for line in handle if line.strip())


def save(prints, path=FINGERPRINTS):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{key} {doc}\n" for key, doc in sorted(prints.items()))
    # mtime=0: the same documents always give the same bytes.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(lines.encode("utf-8"))


if __name__ == "__main__":
    save(build())
    print(f"{len(load())} fingerprints written to {FINGERPRINTS}")
