"""The Content-Security-Policy in a real browser: the pages that use scripts, styles, htmx and
Leaflet break no rule of the policy and still work; the people search puts nothing typed in an
address."""

import re

import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

# Every `securitypolicyviolation` event is recorded before any script of the page runs.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""
PERSON_URL = re.compile(r".*/app/people/SM-[^/]+/$")
NAME = ("Ilaria", "Cercabile Demo")


class Watch:
    """What the browser said about a page: CSP violations (events and console) and script errors."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.console.append(message.text)

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response.status == 200, url
        policy = [part.strip() for part in response.headers["content-security-policy"].split(";")]
        assert {"default-src 'self'", "script-src 'self'", "style-src 'self'"} <= set(policy)
        self.page.wait_for_load_state("load")

    def assert_clean(self, where: str) -> None:
        violations = self.page.evaluate("window.__violations")
        assert violations == [], f"{where}: {violations}"
        assert self.console == [], f"{where}: {self.console}"
        assert self.errors == [], f"{where}: {self.errors}"


def test_public_pages_break_no_rule_of_the_policy_and_still_work(server, page):
    watch = Watch(page)

    watch.visit(f"{server.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    watch.assert_clean("Arabic home")

    # The directory search: htmx swaps the results as the reader types.
    watch.visit(f"{server.url}/it/directory/")
    page.get_by_role("searchbox").press_sequentially("corso di italiano", delay=30)
    page.wait_for_url(re.compile(r"q=corso"))
    page.locator("ol.results h2 a").first.wait_for()
    watch.assert_clean("directory search")
    # htmx's indicator is styled by our stylesheet (its own inline <style> is turned off).
    assert page.locator("head style").count() == 0
    assert page.locator("#searching").evaluate("e => getComputedStyle(e).opacity") == "0"

    # The map of the results: Leaflet draws its container and the markers (tiles may not load).
    watch.visit(f"{server.url}/it/directory/map/")
    page.locator(".map.leaflet-container .leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-tile-pane").count() == 1
    watch.assert_clean("map")

    # A service's page: hours, its map.
    page.locator("ul.addresses a").first.click()
    page.locator(".map.leaflet-container").wait_for()
    watch.assert_clean("service page")


def test_staff_pages_break_no_rule_and_the_people_search_keeps_names_out_of_addresses(server, page):
    watch = Watch(page)
    login(page, server, "operatore")
    for path in ("/app/", "/app/directory/", "/app/visits/new/", "/app/today/"):
        watch.visit(f"{server.url}{path}")
        watch.assert_clean(path)

    # A form page with its own script: register a person with a name and phone number.
    watch.visit(f"{server.url}/app/people/new/")
    page.locator("input[name='gender'][value='female']").check()
    page.get_by_label("Anno di nascita").fill("1990")
    page.locator("input[name='languages'][value='it']").check()
    page.locator("summary").filter(has_text="Identit").click()
    page.locator("#id_first_name").fill(NAME[0])
    page.locator("#id_family_name").fill(NAME[1])
    page.locator("#id_phone").fill("+39 000 000 0007")
    page.locator("#id_consent_phone").check()  # a phone number is kept only with it
    page.get_by_role("button", name="Registra", exact=True).click()
    page.wait_for_url(PERSON_URL)
    code = re.search(r"SM-[^/]+", page.url).group(0)
    watch.assert_clean("registration")

    # Find the person by name, then by phone: the results come, the address carries nothing.
    for typed in (" ".join(NAME), "+39 000 000 0007"):
        watch.visit(f"{server.url}/app/people/")
        page.locator("form[role=search] input[name=q]").fill(typed)
        page.locator("form[role=search] button[type=submit]").click()
        page.get_by_role("link", name=code).wait_for()
        assert page.url == f"{server.url}/app/people/"
    watch.assert_clean("people search")
    personal = [NAME[0], NAME[1].split()[0], "0007", "000%20000", "000+000"]
    leaked = [url for url in watch.requests if any(part in url for part in personal)]
    assert leaked == []
