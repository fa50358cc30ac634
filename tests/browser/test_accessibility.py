"""Accessibility (WCAG 2.1 AA) on every page, checked by axe-core in Chromium on the demo server.

Every URL of the URLconf (the authorization matrix lists them all) is opened with real demo
objects (tests/browser/a11y_objects.py), at phone width: public pages anonymously in Italian and in
Arabic (right to left), staff pages in Italian signed in as a role that may open them (the staff
home as every role). Pages that answer only POST are counted and skipped; answers that are not
HTML (PDF, CSV, XLSX, JSON, iCal, Atom, images) are skipped by their content type. Any violation
of a WCAG 2.0/2.1 A or AA rule, or of axe's best practices for the page's structure (landmarks,
heading order, table headers; tests/browser/axe.py), fails the test with the page, the rule and
the elements. A new page fails here until a11y_objects.py gives its URL parameters.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from sportello.accounts.models import Role
from tests.accounts.two_factor_helpers import app_code
from tests.browser import axe
from tests.browser.a11y_objects import PRINT, parse
from tests.browser.conftest import login
from tests.test_authorization_matrix import MATRIX, ROLES

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
USERNAMES = {
    Role.COORDINATOR: "coordinatore",
    Role.OPERATOR: "operatore",
    Role.MUNICIPAL_OFFICER: "comune",
    Role.TRAINER: "formatore",
    Role.PARTNER_STAFF: "partner",
}
# Who opens a staff page for the sweep: the first of these the page lets in.
PREFERENCE = [
    Role.OPERATOR,
    Role.COORDINATOR,
    Role.MUNICIPAL_OFFICER,
    Role.TRAINER,
    Role.PARTNER_STAFF,
]
PUBLIC_LANGUAGES = ["it", "ar"]


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    role: Role | None = None
    status: int = 200
    username: str = ""  # another user than the role's demo user

    def __str__(self) -> str:
        who = self.username or (USERNAMES[self.role] if self.role else "anonymous")
        return f"{self.path}  ({self.name}, {who})"


# Page states that are not a bare URL: search results, error pages.
EXTRA_PUBLIC = [
    Target("public_directory:search + query", "/it/directory/?q=corso+di+italiano"),
    Target("public_directory:search + query", "/ar/directory/?q=corso+di+italiano"),
    Target("404", "/it/no-such-page/", status=404),
    Target("404", "/ar/no-such-page/", status=404),
]
EXTRA_STAFF = [
    Target("403", "/app/users/", Role.TRAINER, status=403),
]


# A valid password-reset link is sent on to the same page without its token in the address.
REDIRECTS = {"accounts:password_reset_confirm"}
# Pages nobody opens with a plain GET, only in the middle of a flow, which the sweep walks.
IN_A_FLOW = {"accounts:login_code", "accounts:recovery_codes_print"}


@dataclass
class Plan:
    targets: list[Target]
    post_only: list[str]  # answer 405 to a GET
    in_a_flow: list[str]  # no role gets 200 from a plain GET
    two_step: dict  # a user with an authenticator app: its name and key


def plan(found: dict) -> Plan:
    """Every page of the matrix with the role that opens it; and the names that only take POST."""
    kwargs = found["kwargs"]
    targets, post_only, in_a_flow = [], [], []
    for name, expected in sorted(MATRIX.items()):
        readers = [role for role in ROLES if expected[role] == 200]
        if not readers:
            (post_only if 405 in expected.values() else in_a_flow).append(name)
            continue
        if name == "staff_home":
            roles = [role for role in PREFERENCE if role in readers]
        elif None in readers:
            roles = [None]
        else:
            roles = [next(role for role in PREFERENCE if role in readers)]
        with translation.override("it"):
            path = reverse(name, kwargs=kwargs.get(name))
        paths = [path]
        if path.startswith("/it/"):  # a public page: also in Arabic
            with translation.override("ar"):
                paths.append(reverse(name, kwargs=kwargs.get(name)))
        targets += [Target(name, path, role) for path in paths for role in roles]
    return Plan(targets, post_only, in_a_flow, found["two_step"])


@pytest.fixture(scope="module")
def pages(server) -> Plan:
    return plan(parse(server.manage("shell", "-c", PRINT)))


def _sweep_part(browser, server, targets: list[Target]) -> dict[Target, tuple]:
    """Open each target (one browser context per role) and run axe on the HTML ones."""
    outcome = {}
    by_role = defaultdict(list)
    for target in targets:
        by_role[target.role].append(target)
    for role, group in by_role.items():
        context = browser.new_context(viewport=PHONE, locale="it-IT")
        page = context.new_page()
        page.set_default_timeout(30_000)  # a loaded machine: slow, not broken
        answers = {}  # the answer to each navigation, downloads included

        def remember(response, answers=answers):
            if response.request.is_navigation_request():
                answers[response.url] = response

        page.on("response", remember)
        if role is not None:
            login(page, server, USERNAMES[role])
        for target in group:
            url = server.url + target.path
            try:
                response = page.goto(url)
            except PlaywrightError as error:  # a download (PDF, XLSX, CSV…): never HTML
                if "Download is starting" not in error.message:
                    raise
                response = answers[url]
            content_type = response.headers.get("content-type", "")
            landed = urlparse(response.url).path
            if response.status != target.status:
                outcome[target] = ("wrong_status", f"HTTP {response.status}")
            elif landed != urlparse(url).path and target.name not in REDIRECTS:
                outcome[target] = ("wrong_status", f"sent on to {landed}")
            elif not content_type.startswith("text/html"):
                outcome[target] = ("not_html", content_type.split(";")[0])
            else:
                outcome[target] = ("swept", axe.check(page))
        context.close()
    return outcome


def two_step_flow(browser, server, user: dict) -> dict[Target, tuple]:
    """Sign in with a password and a code, make new recovery codes and print them: the pages on
    the way, as the user sees them then."""
    outcome = {}
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    page.set_default_timeout(30_000)  # a loaded machine: slow, not broken

    def check(name: str) -> None:
        target = Target(name, urlparse(page.url).path, Role.TRAINER, username=user["username"])
        outcome[target] = ("swept", axe.check(page))

    login(page, server, user["username"])
    page.wait_for_url("**/app/login/code/**")
    check("accounts:login_code")
    page.get_by_label("Codice").fill(app_code(bytes.fromhex(user["key"])))
    page.get_by_role("button", name="Conferma").click()
    page.wait_for_url(f"{server.url}/app/")
    page.goto(server.url + reverse("accounts:account"))
    check("accounts:account + two-step sign-in on")
    page.locator("form[action$='/recovery-codes/new/'] button").click()
    page.wait_for_url("**/app/account/recovery-codes/")
    assert page.locator("ol.codes code").count() == 10
    check("accounts:recovery_codes + new codes")
    page.goto(server.url + reverse("accounts:recovery_codes_print"))
    check("accounts:recovery_codes_print")
    context.close()
    return outcome


def sweep(browser, server, targets: list[Target], flows: dict | None = None) -> dict:
    outcome = _sweep_part(browser, server, targets)
    if flows:
        outcome.update(flows)
        targets = [*targets, *flows]
    result = {"swept": [], "not_html": [], "wrong_status": [], "found": {}}
    for target in targets:
        kind, detail = outcome[target]
        if kind == "swept":
            result["swept"].append(str(target))
            if detail:
                result["found"][str(target)] = detail
        else:
            result[kind].append(f"{target}: {detail}")
    return result


def summarize(result: dict, post_only: list[str]) -> str:
    lines = [
        f"Swept {len(result['swept'])} HTML pages with axe {axe.version()} "
        f"({', '.join(axe.WCAG_AA)} and {', '.join(axe.STRUCTURE)}):"
    ]
    lines += [f"  {line}" for line in result["swept"]]
    lines.append(f"Skipped {len(result['not_html'])} answers that are not HTML:")
    lines += [f"  {line}" for line in result["not_html"]]
    lines.append(f"Skipped {len(post_only)} URLs that take POST only: {', '.join(post_only)}")
    return "\n".join(lines)


def verdict(result: dict, post_only: list[str]) -> None:
    print("\n" + summarize(result, post_only))
    problems = []
    if result["wrong_status"]:
        problems.append("Pages that did not answer as expected (see a11y_objects.py):")
        problems += [f"  {line}" for line in result["wrong_status"]]
    if result["found"]:
        by_rule = Counter(
            violation.rule
            for violations in result["found"].values()
            for violation in violations
            for _node in violation.nodes
        )
        problems.append(
            f"WCAG violations on {len(result['found'])} pages; elements by rule: "
            + ", ".join(f"{rule} {count}" for rule, count in by_rule.most_common())
        )
        problems.append(axe.report(result["found"]))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_every_public_page_meets_wcag_aa_in_italian_and_arabic(server, browser, pages):
    public = [target for target in pages.targets if target.role is None] + EXTRA_PUBLIC
    result = sweep(browser, server, public)
    # Both languages of each public page, Arabic right to left.
    assert sum(t.path.startswith("/ar/") for t in public) == sum(
        t.path.startswith("/it/") for t in public
    )
    assert len(result["swept"]) >= 20
    verdict(result, pages.post_only)


def test_every_staff_page_meets_wcag_aa(server, browser, pages):
    assert set(pages.in_a_flow) <= IN_A_FLOW, "walk to these pages in a flow of the sweep"
    staff = [target for target in pages.targets if target.role is not None] + EXTRA_STAFF
    flows = two_step_flow(browser, server, pages.two_step)
    result = sweep(browser, server, staff, flows)
    assert {target.name for target in flows} >= IN_A_FLOW
    assert len(result["swept"]) >= 80
    verdict(result, pages.post_only)
