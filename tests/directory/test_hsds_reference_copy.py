"""The copy of the HSDS files in tests/hsds_reference/ is the official one.

Collected only where the shared reference folder (../shared/hsds) sits next to the checkout.
"""

import copy
import json

import pytest

from tests.directory.hsds_schema import HSDS_DIR, SHARED_HSDS_DIR, validator

if SHARED_HSDS_DIR.is_dir():
    COPIED = sorted(
        path.relative_to(HSDS_DIR)
        for path in HSDS_DIR.rglob("*")
        if path.is_file() and path.name != "README.md"
    )

    @pytest.mark.parametrize("relative", COPIED, ids=str)
    def test_the_copy_is_identical_to_the_shared_file(relative):
        assert (HSDS_DIR / relative).read_bytes() == (SHARED_HSDS_DIR / relative).read_bytes()

    @pytest.mark.parametrize(
        ("example", "compiled", "small"),
        [
            ("service_full.json", "compiled/service.json", "service.json"),
            ("organization_full.json", "compiled/organization.json", "organization.json"),
            (
                "service_at_location_full.json",
                "compiled/service_at_location.json",
                "service_at_location.json",
            ),
        ],
    )
    def test_per_object_schemas_judge_like_the_compiled_ones(example, compiled, small):
        document = json.loads((HSDS_DIR / "examples" / example).read_text())
        broken = copy.deepcopy(document)
        broken.pop("id")
        broken["name"] = 42
        full = validator(compiled, SHARED_HSDS_DIR / "schema")
        light = validator(small)
        for doc in (document, broken):
            assert full.is_valid(doc) == light.is_valid(doc)
        assert light.is_valid(document)
        assert not light.is_valid(broken)
