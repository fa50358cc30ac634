"""docs/security.md maps ASVS controls to tests: every test it names must exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"(tests/[\w/]+\.py)::(test_\w+)")


def test_every_test_named_in_the_security_page_exists():
    text = (ROOT / "docs" / "security.md").read_text()
    references = REFERENCE.findall(text)
    assert len(references) > 50
    missing = [
        f"{path}::{name}"
        for path, name in references
        if not (ROOT / path).exists()
        or not re.search(rf"^def {name}\(", (ROOT / path).read_text(), re.MULTILINE)
    ]
    assert missing == []
