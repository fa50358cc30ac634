"""The diffuse desk on a phone: log a visit with two anonymous contacts (with and without
JavaScript), and the public week in Arabic."""

import re

import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

VISIT_URL = re.compile(r".*/app/visits/[0-9a-f-]{36}/$")


def fill_person(page, index: int, gender: str, age_band: str, language: str) -> None:
    page.locator(f"input[name='contacts-{index}-gender'][value='{gender}']").check()
    page.locator(f"input[name='contacts-{index}-age_band'][value='{age_band}']").check()
    page.select_option(f"select[name='contacts-{index}-language']", language)


def test_an_operator_logs_a_visit_with_two_people_with_one_thumb(server, page):
    login(page, server, "operatore")
    page.goto(f"{server.url}/app/visits/new/")
    page.select_option("select[name='place']", index=1)
    page.get_by_role("button", name="60′").click()
    assert page.locator("input[name='minutes']").input_value() == "60"
    # One empty row is shown; the button reveals the next.
    assert page.locator("[data-contact]:visible").count() == 1
    fill_person(page, 0, "female", "30-49", "ar")
    page.locator("[data-add-contact]").click()
    fill_person(page, 1, "male", "18-29", "ro")
    assert page.locator("[data-people-count]").inner_text() == "2"
    page.locator("button[type='submit'].big").click()
    page.wait_for_url(VISIT_URL)
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_visit_form_works_without_javascript(server, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="it-IT", java_script_enabled=False
    )
    page = context.new_page()
    login(page, server, "operatore")
    page.goto(f"{server.url}/app/visits/new/")
    assert page.locator("[data-contact]").count() == 4
    page.select_option("select[name='place']", index=1)
    page.fill("input[name='minutes']", "45")
    fill_person(page, 0, "not_stated", "unknown", "sq")
    fill_person(page, 2, "female", "14-17", "uk")
    page.locator("button[type='submit'].big").click()
    page.wait_for_url(VISIT_URL)
    assert page.locator("table tbody tr").count() == 2
    context.close()


def test_the_public_week_in_arabic(server, page):
    page.goto(f"{server.url}/ar/where/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".week .day").count() == 7
    assert page.locator(".week .hours").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
