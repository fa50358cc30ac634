"""Validate documents against the official HSDS 3.0 files (a verbatim copy in
tests/hsds_reference/, checked against ../shared/hsds when present).

assert_valid(data, "compiled/service.json")
assert_valid(term, "taxonomy_term.json")   # its $refs resolve over the schema files
"""

import json
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

HSDS_DIR = Path(__file__).resolve().parents[1] / "hsds_reference"
SHARED_HSDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "hsds"
SCHEMA_DIR = HSDS_DIR / "schema"
# The compiled full-object schemas (megabytes, every $ref inlined) are not copied: the per-object
# schema with its $refs resolved over the schema files is the same rule.
EQUIVALENT = {
    "compiled/service.json": "service.json",
    "compiled/organization.json": "organization.json",
    "compiled/service_at_location.json": "service_at_location.json",
}
EXAMPLES_CSV = HSDS_DIR / "examples" / "csv"
DESCRIPTOR = HSDS_DIR / "datapackage.json"


def require_hsds_files() -> None:
    if not SCHEMA_DIR.is_dir():
        pytest.skip(f"the HSDS reference files are not at {HSDS_DIR}")


@cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text())
        resources.append((path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def validator(name: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    if schema_dir == SCHEMA_DIR:
        name = EQUIVALENT.get(name, name)
    schema = json.loads((schema_dir / name).read_text())
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(data: dict, name: str) -> list[str]:
    require_hsds_files()
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator(name).iter_errors(data)
    ]


def assert_valid(data: dict, name: str) -> None:
    found = errors(data, name)
    assert found == [], f"not valid against {name}: {found[:5]}"


PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def assert_valid_page(page: dict, item_schema: str) -> None:
    """The HSDS page envelope (openapi.json components/schemas/Page) and each item."""
    assert set(page) == PAGE_KEYS
    for key in ("total_items", "total_pages", "page_number", "size"):
        assert isinstance(page[key], int)
    for key in ("first_page", "last_page", "empty"):
        assert isinstance(page[key], bool)
    assert page["size"] == len(page["contents"])
    for item in page["contents"]:
        assert_valid(item, item_schema)
