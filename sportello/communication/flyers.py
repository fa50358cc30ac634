"""The flyer as a print-ready PDF: the text of one language (or all of them), the desk's weekly
rota from outreach, and a QR code to the public directory in that language.

    pdf = flyer_pdf(language="ar", paper="a5")      # one language, one page
    pdf = multilingual_pdf()                        # every language on one A4 sheet
"""

from __future__ import annotations

import datetime as dt
import io

import segno
from django.conf import settings
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS

from sportello.communication.models import FlyerText
from sportello.core.pdf import render_pdf
from sportello.outreach.selectors import planned_visits, week_of

PAPERS = ("a5", "a4")


def directory_url(language: str) -> str:
    """The public directory in `language`: what the flyer's QR code encodes."""
    return f"{settings.SITE_ROOT}/{language}/directory/"


def qr_svg(url: str) -> str:
    """A QR code as SVG text (medium error correction, quiet zone of 4 modules)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=4, xmldecl=False)
    return buffer.getvalue().decode()


def weekly_rota(language: str, *, today: dt.date | None = None) -> list[dict]:
    """The rota of the current week by weekday, day names in `language`: places and hours only."""
    monday, sunday = week_of(today or timezone.localdate())
    days: dict[int, dict] = {}
    with translation.override(language):
        for item in planned_visits(None, start=monday, end=sunday):
            weekday = item.date.weekday()
            day = days.setdefault(weekday, {"day": str(WEEKDAYS[weekday]), "slots": []})
            day["slots"].append(
                {
                    "hours": f"{item.starts_at:%H:%M}–{item.ends_at:%H:%M}",
                    "place": item.place.name,
                    "municipality": item.place.municipality.name,
                }
            )
    return [days[key] for key in sorted(days)]


def flyer_page(text: FlyerText) -> dict:
    return {
        "lang": text.language,
        "dir": "rtl" if text.language in {"ar", "fa", "he", "ur"} else "ltr",
        "title": text.title,
        "offer": text.offer_lines(),
        "free_confidential": text.free_confidential,
        "where_heading": text.where_heading,
        "contact_heading": text.contact_heading,
        "contact": [line.strip() for line in text.contact.splitlines() if line.strip()],
        "qr_caption": text.qr_caption,
        "url": directory_url(text.language),
        "qr": f"qr_{text.language}",
    }


def flyer_texts(languages: list[str] | None = None) -> list[FlyerText]:
    """The flyer texts in the order of the public languages."""
    order = {code: i for i, code in enumerate(settings.PUBLIC_LANGUAGES)}
    texts = FlyerText.objects.filter(language__in=languages or settings.PUBLIC_LANGUAGES)
    return sorted(texts, key=lambda text: order.get(text.language, len(order)))


def _render(template: str, texts: list[FlyerText], paper: str, lang: str) -> bytes:
    data = {
        "lang": lang,
        "title": texts[0].title if len(texts) == 1 else "Sportello migrante",
        "paper": paper,
        "pages": [flyer_page(text) for text in texts],
        "rota": weekly_rota(lang),
        "municipalities": (
            "Ottiglio · Alfiano Natta · Villadeati · Fubine Monferrato · Vignale Monferrato"
        ),
    }
    inputs = {f"qr_{text.language}": qr_svg(directory_url(text.language)) for text in texts}
    return render_pdf(template, data, inputs=inputs)


def flyer_pdf(*, text: FlyerText, paper: str = "a5") -> bytes:
    """The flyer in one language, one page of A5 or A4."""
    if paper not in PAPERS:
        raise ValueError(paper)
    return _render("communication/flyer.typ", [text], paper, text.language)


def flyer_set_pdf(*, texts: list[FlyerText], paper: str = "a5") -> bytes:
    """Every language, one page each: the set to print."""
    if paper not in PAPERS:
        raise ValueError(paper)
    return _render("communication/flyer.typ", texts, paper, "it")


def multilingual_pdf(*, texts: list[FlyerText]) -> bytes:
    """One A4 sheet with every language side by side, each with its own QR code."""
    return _render("communication/flyer_multilingual.typ", texts, "a4", "it")
