"""Print the seed's items per document and kind, in the form of
docs/seed-manifest.yaml (issue #14), to help extend that list.

Reads the database the settings point at, so load the seed first:
``DEBUG=1 python manage.py load_seed_content``, then
``DEBUG=1 python scripts/seed_manifest.py > /tmp/manifest.yaml`` and compare
with the documents before copying anything into the manifest.
"""

import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from tests.seed.fidelity import DOCUMENTS, seed_items  # noqa: E402


def main():
    items = seed_items()
    documents = []
    for document in sorted(items):
        kinds = {
            kind: sorted(found, key=str) for kind, found in items[document].items()
        }
        documents.append(
            {
                "document": document,
                "title": DOCUMENTS.get(document, document),
                "counts": {kind: len(found) for kind, found in sorted(kinds.items())},
                "items": dict(sorted(kinds.items())),
            }
        )
    total = sum(sum(d["counts"].values()) for d in documents)
    print(f"# {total} items\n")
    print(
        yaml.safe_dump(
            {"documents": documents}, allow_unicode=True, sort_keys=False, width=100
        )
    )


if __name__ == "__main__":
    main()
