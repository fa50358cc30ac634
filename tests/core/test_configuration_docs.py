"""Every environment variable the app reads is documented in docs/configuration.md."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READERS = [
    ROOT / "sportello" / "settings.py",
    *sorted((ROOT / "sportello").glob("*/management/commands/*.py")),
    ROOT / "bin" / "test",
]
PATTERN = re.compile(
    r"""(?:env|envint|envbool|envlist|os\.environ\.get|os\.environ\.setdefault)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|\$\{([A-Z][A-Z0-9_]+)[:}-]"""
)


def variables_read() -> set[str]:
    names = set()
    for path in READERS:
        for match in PATTERN.finditer(path.read_text()):
            names.add(match.group(1) or match.group(2))
    return names - {"DJANGO_SETTINGS_MODULE"}


def test_every_variable_is_documented():
    docs = (ROOT / "docs" / "configuration.md").read_text()
    undocumented = sorted(name for name in variables_read() if f"`{name}`" not in docs)
    assert undocumented == []


def test_the_scan_finds_the_variables_it_should():
    # Guards the test above against a pattern that silently matches nothing.
    assert {"DATABASE_URL", "SECRET_KEY", "PORT", "SPORTELLO_REQUIRE_ALL"} <= variables_read()
