"""The operators' directory on a phone: confirm a record that needs checking, add opening hours
with the "add a row" button, and a municipal officer's proposal accepted by an operator."""

import re

import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

DETAIL_URL = re.compile(r".*/app/directory/[0-9a-f-]{36}/$")


def stale_count(page, server) -> int:
    page.goto(f"{server.url}/app/")
    text = page.locator(".directory-todo").inner_text()
    return int(re.search(r"(\d+) serviz", text).group(1))


def test_an_operator_confirms_a_record_that_needs_checking(server, page):
    login(page, server, "operatore")
    before = stale_count(page, server)
    page.get_by_role("link", name=re.compile("da verificare")).click()
    first = page.locator("table tbody tr").first
    name = first.locator("td").first.locator("a").inner_text()
    first.get_by_role("button", name="Ancora corretto").click()
    page.wait_for_load_state()
    assert f"«{name}» segnato come verificato oggi" in page.locator(".messages").inner_text()
    assert stale_count(page, server) == before - 1
    page.goto(f"{server.url}/app/directory/to-check/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_operator_adds_saturday_hours_with_the_add_a_row_button(server, page):
    login(page, server, "operatore")
    page.goto(f"{server.url}/app/directory/?q=Orti+condivisi")
    page.get_by_role("link", name="Orti condivisi e passeggiate").click()
    page.get_by_role("link", name="Modifica").click()
    hours = page.locator("fieldset#schedules")
    total = hours.locator("input[name='schedules-TOTAL_FORMS']")
    rows = int(total.input_value())
    hours.get_by_role("button", name="Aggiungi una riga").click()
    assert int(total.input_value()) == rows + 1
    page.select_option(f"select[name='schedules-{rows}-weekday']", "6")
    page.fill(f"input[name='schedules-{rows}-opens_at']", "15:00")
    page.fill(f"input[name='schedules-{rows}-closes_at']", "17:30")
    page.locator("form.service-form button[type='submit']").click()
    page.wait_for_url(DETAIL_URL)
    assert "Sabato" in page.locator("main").inner_text()
    assert "15:00–17:30" in page.locator("main").inner_text()


def test_a_proposal_is_reviewed_and_accepted(server, browser):
    officer = browser.new_context(viewport={"width": 360, "height": 740}, locale="it-IT").new_page()
    login(officer, server, "comune")
    officer.goto(f"{server.url}/app/directory/?q=Volontariato")
    officer.get_by_role("link", name="Volontariato e feste di paese").click()
    officer.get_by_role("link", name="Proponi una modifica").click()
    officer.locator("details.language summary", has_text="Inglese").click()  # English texts
    officer.fill("[name='alert_en']", "Next meeting: Thursday evening.")
    officer.fill("textarea[name='comment']", "Detto dalla presidente.")
    officer.get_by_role("button", name="Invia la proposta").click()
    officer.wait_for_url(DETAIL_URL)
    assert "la tua proposta è stata inviata" in officer.locator(".messages").inner_text()

    operator = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="it-IT"
    ).new_page()
    login(operator, server, "operatore")
    operator.goto(f"{server.url}/app/directory/proposals/")
    operator.get_by_role("link", name="Volontariato e feste di paese").click()
    assert "Next meeting: Thursday evening." in operator.locator(".changes").inner_text()
    operator.get_by_role("button", name="Accetta e pubblica").click()
    operator.wait_for_load_state()
    assert "Proposta accettata" in operator.locator(".messages").inner_text()
    officer.goto(f"{server.url}/app/directory/proposals/?status=accepted")
    assert "Volontariato e feste di paese" in officer.locator("main").inner_text()
