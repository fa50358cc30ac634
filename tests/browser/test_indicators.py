"""Indicators in the browser, on a phone: the coordinator opens the dashboard, filters one
municipality, downloads the XLSX (opened with openpyxl) and the PDF (text extracted); the
municipal officer sees "<5" where the coordinator sees an exact small number."""

import shutil
import subprocess

import openpyxl
import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser

TABLES = ["people-gender", "people-age", "people-citizenship", "needs-category", "visits-kind"]


def cells(page) -> dict[tuple[str, str], str]:
    found = {}
    for code in TABLES:
        for row in page.locator(f"#table-{code} tr[data-key]").all():
            key = row.get_attribute("data-key")
            found[(code, key)] = row.locator("td").first.inner_text().strip()
    return found


def test_the_coordinator_filters_a_municipality_and_downloads_the_tables_and_the_report(
    server, page, tmp_path
):
    login(page, server, "coordinatore")
    page.goto(f"{server.url}/app/indicators/")
    assert page.locator(".exact-banner").is_visible()
    page.select_option("select[name='municipality']", "ottiglio")
    page.locator("form.filters button[type='submit']").click()
    page.wait_for_url("**/app/indicators/?*municipality=ottiglio*")
    assert "Ottiglio" in page.locator("main").inner_text()
    on_page = cells(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    with page.expect_download() as download:
        page.locator("a[href*='indicators.xlsx']").click()
    path = tmp_path / "indicatori.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    sheet = {row[0]: row[1] for row in book["people-gender"].iter_rows(values_only=True) if row}
    assert any("Ottiglio" in str(key) for key in sheet)  # the filter is in the heading
    for (code, key), text in on_page.items():
        if code == "people-gender" and key == "total":
            assert str(sheet[next(k for k in sheet if k and k.lower().startswith("tot"))]) == text

    with page.expect_download() as download:
        page.locator("a[href*='report.pdf']").first.click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Sportello migrante" in text
        for town in ("Ottiglio", "Fubine Monferrato", "Vignale Monferrato"):
            assert town in text
        assert "<5" in text


def test_the_municipal_officer_sees_suppressed_numbers_where_the_coordinator_sees_them_exact(
    server, browser
):
    pages = {}
    for username in ("coordinatore", "comune"):
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="it-IT")
        page = context.new_page()
        login(page, server, username)
        page.goto(f"{server.url}/app/indicators/?municipality=ottiglio")
        pages[username] = cells(page)
        if username == "comune":
            assert page.locator(".exact-banner").count() == 0
            assert page.locator(".suppression-note").is_visible()
        context.close()
    exact, shown = pages["coordinatore"], pages["comune"]
    small = [
        key
        for key, text in exact.items()
        if text.isdigit() and 0 < int(text) < 5 and shown.get(key) == "<5"
    ]
    assert small, "a small number the coordinator sees exactly is '<5' for the officer"
    assert not any(t.isdigit() and 0 < int(t) < 5 for t in shown.values())
