"""Sample objects for the authorization matrix: the Italian flyer text, a published news item
with an image, a draft."""

import datetime as dt

from django.core.files.base import ContentFile

from sportello.communication.models import FlyerText, NewsItem

# The smallest valid PNG: 1×1 pixel.
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5f0000000049454e44ae426082"
)

FLYER_FIELDS = {
    "title": "Sportello migranti",
    "offer": "Informazioni sui servizi\nCorsi di italiano",
    "free_confidential": "Gratuito e riservato.",
    "where_heading": "Dove e quando",
    "contact_heading": "Come contattarci",
    "contact": "Chiedi in municipio",
    "qr_caption": "Cerca i servizi nella tua lingua",
}


def communication_sample_kwargs(*, settings, tmp_path) -> dict:
    settings.MEDIA_ROOT = tmp_path / "media"
    FlyerText.objects.create(language="it", **FLYER_FIELDS)
    item = NewsItem(
        title_it="Notizia",
        body_it="Testo.",
        date=dt.date(2011, 6, 6),
        status=NewsItem.Status.PUBLISHED,
        image_alt_it="Una foto",
    )
    item.image.save("photo.png", ContentFile(PNG_1PX), save=False)
    item.save()
    return {
        "flyers:text_edit": {"language": "ar"},
        "public_flyer:pdf": {"paper": "a5"},
        "public_flyer:all_pdf": {"kind": "sheet"},
        "news:preview": {"code": item.code},
        "news:edit": {"code": item.code},
        "public_news:detail": {"code": item.code},
        "public_news:image": {"code": item.code},
    }
