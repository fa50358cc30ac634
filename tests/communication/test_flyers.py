"""The flyer: PDFs per language (text checked with pdftotext, Arabic set in the Arabic font with
its language), the QR code decoded back to the directory in that language, the distribution log
and its total on the indicators dashboard."""

import datetime as dt
import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image

from sportello.accounts.models import Role
from sportello.communication.demo import FLYER_TEXTS
from sportello.communication.models import Distribution, FlyerText
from sportello.territory.models import Place

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdffonts")),
    reason="poppler-utils are missing",
)


@pytest.fixture
def texts(db):
    return {code: FlyerText.objects.create(language=code, **f) for code, f in FLYER_TEXTS.items()}


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "flyer.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_fonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def decode_qr_codes(pdf: bytes, tmp_path) -> list[str]:
    """Render the first page to PNG (150 dpi) and read every QR code on it."""
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png")))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_the_page_and_pdfs_are_there_in_every_language(client, texts):
    for code in FLYER_TEXTS:
        page = client.get(f"/{code}/flyer/")
        assert texts[code].title in page.content.decode()
        for paper in ("a5", "a4"):
            response = client.get(f"/{code}/flyer/{paper}.pdf")
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("code", ["it", "en", "fr", "ro", "sq"])
def test_the_pdf_carries_the_text_of_its_language(client, texts, tmp_path, code):
    text = pdf_text(client.get(f"/{code}/flyer/a5.pdf").content, tmp_path)
    assert FLYER_TEXTS[code]["free_confidential"] in " ".join(text.split())
    assert FLYER_TEXTS[code]["where_heading"] in text


def test_the_arabic_flyer_is_arabic_in_the_arabic_font(client, texts, tmp_path, settings):
    settings.SITE_ROOT = "https://sportello.example.org"
    pdf = client.get("/ar/flyer/a5.pdf").content
    text = pdf_text(pdf, tmp_path)
    # Text extraction cannot give Arabic words back in order (the font draws letters and their
    # dots as separate glyphs), so count Arabic letters and check the font and the language.
    assert sum("\u0600" <= ch <= "\u06ff" for ch in text) > 150
    assert "NotoSansArabic" in pdf_fonts(pdf, tmp_path)
    assert b"/Lang (ar)" in pdf or b"/Lang(ar)" in pdf
    assert decode_qr_codes(pdf, tmp_path) == ["https://sportello.example.org/ar/directory/"]


def test_the_flyer_shows_where_and_when_the_operator_is(client, texts, tmp_path, ottiglio, users):
    from sportello.outreach.models import VisitPlan

    place = Place.objects.create(
        name="Biblioteca di prova", kind=Place.Kind.LIBRARY, municipality=ottiglio, address="Via 1"
    )
    VisitPlan.objects.create(
        place=place,
        operator=users[Role.OPERATOR],
        weekday=3,
        starts_at=dt.time(9, 30),
        ends_at=dt.time(11),
    )
    text = pdf_text(texts["it"] and client.get("/it/flyer/a4.pdf").content, tmp_path)
    assert "Biblioteca di prova" in text
    assert "09:30–11:00" in text
    assert "mercoledì" in text.lower()


def test_the_multilingual_sheet_has_every_language_and_its_qr_code(
    client, texts, tmp_path, settings
):
    settings.SITE_ROOT = "https://sportello.example.org"
    pdf = client.get("/it/flyer/all-sheet.pdf").content
    text = " ".join(pdf_text(pdf, tmp_path).split())
    for code, fields in FLYER_TEXTS.items():
        if code != "ar":
            assert fields["title"] in text, code
    assert sum("\u0600" <= ch <= "\u06ff" for ch in text) > 30  # the Arabic block
    urls = set(decode_qr_codes(pdf, tmp_path))
    assert urls == {f"https://sportello.example.org/{code}/directory/" for code in FLYER_TEXTS}


def test_one_page_per_language(client, texts, tmp_path):
    path = tmp_path / "set.pdf"
    path.write_bytes(client.get("/en/flyer/all-a5.pdf").content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Pages:           6" in info.stdout


def test_no_flyer_in_a_language_means_no_pdf(client, db):
    assert client.get("/ro/flyer/a5.pdf").status_code == 404
    assert "not available in this language" in client.get("/en/flyer/").content.decode()


def test_the_operator_edits_the_romanian_text(client_for, texts):
    client = client_for(Role.OPERATOR)
    fields = {**FLYER_TEXTS["ro"], "title": "Ghișeul pentru migranți"}
    response = client.post("/app/flyers/text/ro/", fields)
    assert response.status_code == 302
    texts["ro"].refresh_from_db()
    assert texts["ro"].title == "Ghișeul pentru migranți"


def test_a_distribution_counts_towards_the_target(client_for, ottiglio, db):
    place = Place.objects.create(
        name="Scuola di prova", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    client = client_for(Role.OPERATOR)
    response = client.post(
        "/app/flyers/distributions/new/",
        {"date": "2011-09-15", "place": place.pk, "language": "ar", "copies": "120"},
    )
    assert response.status_code == 302
    assert Distribution.objects.get().copies == 120
    page = client.get("/app/flyers/").content.decode()
    assert "120</strong> / 2,000" in page or "120</strong> / 2.000" in page
    assert "Scuola di prova" in page  # in the log, with its municipality in the totals
    assert '<td>Ottiglio</td><td class="num">120</td>' in page


def test_a_distribution_needs_copies_and_no_future_date(client_for, ottiglio, db):
    place = Place.objects.create(
        name="Scuola di prova", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    response = client_for(Role.OPERATOR).post(
        "/app/flyers/distributions/new/",
        {"date": "2099-01-01", "place": place.pk, "language": "ar", "copies": "0"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"date", "copies"}
    assert not Distribution.objects.exists()


def test_the_flyer_page_counts_queries(client_for, ottiglio, db, django_assert_max_num_queries):
    place = Place.objects.create(
        name="Scuola di prova", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    for day in range(1, 20):
        Distribution.objects.create(
            date=dt.date(2011, 9, day), place=place, language="it", copies=10
        )
    client = client_for(Role.COORDINATOR)
    with django_assert_max_num_queries(14):
        assert client.get("/app/flyers/").status_code == 200


def test_flyers_distributed_shows_on_the_indicators_dashboard(ottiglio, db):
    from sportello.indicators.registry import BY_CODE
    from sportello.indicators.selectors import Period
    from sportello.indicators.tables import build_report

    place = Place.objects.create(
        name="Scuola di prova", kind=Place.Kind.SCHOOL, municipality=ottiglio, address="Via 1"
    )
    Distribution.objects.create(date=dt.date(2011, 9, 1), place=place, language="it", copies=300)
    Distribution.objects.create(date=dt.date(2012, 9, 1), place=place, language="it", copies=50)
    report = build_report(Period(dt.date(2011, 6, 1), dt.date(2012, 4, 30)), exact=True)
    value = BY_CODE["flyers_distributed"].compute(report)
    assert str(value) == "300"
