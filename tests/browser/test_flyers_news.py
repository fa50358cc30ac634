"""Flyers and news in the browser, on a phone: the Arabic flyer page (right-to-left) gives an A5
PDF whose text is Arabic, set in the Arabic font, and whose QR code (decoded from the rendered
page) is the Arabic directory's address; the news page's Atom feed is valid Atom."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils are missing"),
]
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_arabic_flyer_is_an_arabic_a5_pdf_with_a_qr_code_to_the_arabic_directory(
    server, page, tmp_path
):
    page.goto(f"{server.url}/ar/flyer/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    directory_url = page.locator("figure.qr a").get_attribute("href")
    assert directory_url.endswith("/ar/directory/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    href = page.locator("main a[href$='/a5.pdf']").first.get_attribute("href")
    assert href == "/ar/flyer/a5.pdf"
    response = page.request.get(f"{server.url}{href}")
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "flyer.pdf"
    pdf.write_bytes(response.body())

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "148 x 210 pts" in info.stdout or "419.528 x 595.276 pts" in info.stdout  # A5
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    # Arabic letters (extraction cannot give Arabic words back in order: count letters).
    assert sum("\u0600" <= ch <= "\u06ff" for ch in text) > 150
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansArabic" in fonts

    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [directory_url]


def test_the_news_feed_is_valid_atom(server, page):
    page.goto(f"{server.url}/it/news/")
    assert page.locator("main h2").count() >= 2  # the demo's published news
    feed_href = page.locator("link[rel='alternate'][type='application/atom+xml']").get_attribute(
        "href"
    )
    response = page.request.get(f"{server.url}{feed_href}")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())  # noqa: S314 (our own feed) — well-formed XML
    assert feed.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{element}") or "").strip()
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for element in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{element}") or "").strip()
        assert entry.find(f"{ATOM}link").get("href").startswith(f"{server.url}/it/news/")
    assert "Seminario finale" not in response.text()  # the demo's draft stays hidden
