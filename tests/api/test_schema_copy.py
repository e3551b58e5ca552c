"""The gzip copy of the HSDS schemas in tests/api/hsds-3.0/ is the official one."""

import gzip

import pytest

from tests.api.schemas import COPY_DIR, SHARED_DIR


@pytest.mark.skipif(not SHARED_DIR.exists(), reason="no ../shared beside the clone")
def test_the_copy_is_the_shared_standard_unchanged():
    names = sorted(path.name for path in SHARED_DIR.glob("*.json"))
    assert sorted(path.name[: -len(".gz")] for path in COPY_DIR.glob("*.gz")) == names
    for name in names:
        copy = gzip.decompress((COPY_DIR / f"{name}.gz").read_bytes())
        assert copy == (SHARED_DIR / name).read_bytes(), name
