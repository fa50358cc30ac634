"""axe-core (vendored in tests/browser/vendor/, see its README) run by Playwright on a page.

The script is evaluated in the page through the DevTools protocol (`page.evaluate`), so the page's
Content-Security-Policy does not apply, and nothing is downloaded at test time.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: the project's target.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# And axe's best practices for the page's structure: landmarks, headings, table headers, skip link.
STRUCTURE = [
    "region",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "heading-order",
    "page-has-heading-one",
    "empty-heading",
    "empty-table-header",
    "skip-link",
    "tabindex",
]

_RUN = """async ([tags, extra]) => {
  const rules = axe.getRules(tags)
    .filter(rule => !rule.tags.includes('experimental'))
    .map(rule => rule.ruleId)
    .concat(extra);
  const result = await axe.run(document, {
    runOnly: {type: 'rule', values: rules},
    resultTypes: ['violations'],
    preload: false,  // no rule run here needs the style sheets fetched again
  });
  return result.violations.map(v => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '),
      summary: (n.failureSummary || '').split('\\n').slice(1).join(' ').trim(),
    })),
  }));
}"""


@dataclass
class Violation:
    rule: str
    impact: str
    help: str
    nodes: list[dict] = field(default_factory=list)


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def check(page, tags: list[str] = WCAG_AA, extra: list[str] = STRUCTURE) -> list[Violation]:
    """The violations on the page as it is now of the rules with these tags, and the extra rules."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_source())
    return [Violation(**found) for found in page.evaluate(_RUN, [tags, extra])]


def report(found: dict[str, list[Violation]], *, max_nodes: int = 5) -> str:
    """A readable report: page, rule, the elements (CSS selector) and what is wrong."""
    lines = []
    for where, violations in found.items():
        lines.append(f"{where}")
        for violation in violations:
            lines.append(f"  {violation.rule} [{violation.impact}] {violation.help}")
            for node in violation.nodes[:max_nodes]:
                lines.append(f"    {node['target']}")
                if node["summary"]:
                    lines.append(f"      {node['summary'][:300]}")
            if len(violation.nodes) > max_nodes:
                lines.append(f"    … and {len(violation.nodes) - max_nodes} more")
    return "\n".join(lines)


def version() -> str:
    """The vendored axe-core's version, from its banner."""
    with AXE_JS.open() as script:
        return script.readline().split()[-1]
