"""The public directory in a real browser, on the real server with the demo data: search as you type
in Italian, the same search in Arabic (right to left), a service's hours and map; without
JavaScript the plain form still searches."""

import re

import pytest

pytestmark = pytest.mark.browser

QUERY = "corso di italiano"
ARABIC = re.compile(r"[\u0600-\u06FF]")


def result_links(page) -> list[tuple[str, str]]:
    """(service id, title) of each result on the page."""
    links = page.locator("ol.results h2 a")
    return [
        (href.rstrip("/").rsplit("/", 1)[-1], text)
        for href, text in zip(
            links.evaluate_all("els => els.map(e => e.getAttribute('href'))"),
            links.all_inner_texts(),
            strict=True,
        )
    ]


def test_search_in_italian_then_arabic_then_open_a_service(page, server):
    page.goto(f"{server.url}/it/directory/")
    page.get_by_role("searchbox").press_sequentially(QUERY, delay=30)
    # Results as you type: htmx swaps the list and pushes the address.
    page.wait_for_url(re.compile(r"q=corso"))
    page.locator("ol.results").wait_for()
    italian = result_links(page)
    assert italian, "no result for the Italian search"
    assert any("italiano" in title.lower() for _id, title in italian[:3])

    page.locator("a[hreflang=ar]").click()
    page.wait_for_url(re.compile(r"/ar/directory/\?.*q=corso"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("searchbox").input_value() == QUERY
    arabic = result_links(page)
    assert [service_id for service_id, _title in arabic] == [
        service_id for service_id, _title in italian
    ]
    assert all(ARABIC.search(title) for _id, title in arabic[:3]), arabic[:3]

    page.locator("ol.results h2 a").first.click()
    page.wait_for_url(re.compile(r"/ar/directory/[0-9a-f-]{36}/$"))
    assert ARABIC.search(page.locator("h1").inner_text())
    hours = page.locator("#hours table.hours")
    assert hours.first.is_visible()
    assert re.search(r"\d", hours.first.inner_text())
    # Leaflet has drawn the map (tiles may not load here: the address is still written out).
    page.locator(".map.leaflet-container .leaflet-marker-icon").first.wait_for()
    assert page.locator("#where .address").first.is_visible()


def test_search_without_javascript_still_works(browser, server):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="it-IT"
    )
    page = context.new_page()
    try:
        page.goto(f"{server.url}/it/directory/")
        page.get_by_role("searchbox").fill(QUERY)
        page.locator("form[role=search] button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/it/directory/\?.*q=corso"))
        results = result_links(page)
        assert results
        assert any("italiano" in title.lower() for _id, title in results[:3])

        page.goto(page.url.replace("/it/", "/ar/"))
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert [r[0] for r in result_links(page)] == [r[0] for r in results]
    finally:
        context.close()
