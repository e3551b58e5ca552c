"""The official HSDS 3.0 schemas (../shared/standards/hsds-3.0/, beside the
checkout) as Draft 2020-12 validators with format checks on."""

import functools
import gzip
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator

SHARED_DIR = Path(settings.BASE_DIR).parent / "shared" / "standards" / "hsds-3.0"
#: The same files, gzip-compressed, for a clone with no ../shared beside it.
COPY_DIR = Path(__file__).parent / "hsds-3.0"
HSDS_DIR = Path(os.environ.get("HSDS_SCHEMA_DIR", SHARED_DIR))


@functools.cache
def _load(name):
    path = HSDS_DIR / name
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    copy = COPY_DIR / f"{name}.gz"
    if not copy.exists():
        pytest.fail(f"The official HSDS schemas are missing: {path} and {copy}")
    return json.loads(gzip.decompress(copy.read_bytes()).decode("utf-8"))


def _validator(schema):
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def item(name):
    """A validator for one object: ``service``, ``service_list``,
    ``organization``, ``taxonomy_term``, ``taxonomy``, …"""
    if name == "taxonomy_term":
        return _validator(_taxonomy_term_schema())
    if name == "taxonomy":
        return _validator(_taxonomy_term_schema()["properties"]["taxonomy_detail"])
    return _validator(_load(f"{name}.json"))


@functools.cache
def page():
    """A validator for HSDS's page wrapper (openapi.json's ``Page``), with every
    field required: the API always sends them."""
    schema = dict(_load("openapi.json")["components"]["schemas"]["Page"])
    schema["required"] = list(schema["properties"])
    schema["properties"] = {**schema["properties"], "contents": {"type": "array"}}
    schema["required"].append("contents")
    return _validator(schema)


def openapi_paths():
    return _load("openapi.json")["paths"]


def _taxonomy_term_schema():
    # The standard publishes taxonomy_term.json and taxonomy.json outside the
    # compiled set; the compiled service schema holds both, nested.
    service = _load("service.json")
    return service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]


def assert_valid(validator, data, where):
    errors = sorted(validator.iter_errors(data), key=lambda error: list(error.path))
    assert not errors, f"{where}: " + "; ".join(
        f"{'/'.join(map(str, error.path))}: {error.message}" for error in errors[:5]
    )
