"""Public pages under the language prefix: the flyer and its PDFs (/<lang>/flyer/) and the news
(/<lang>/news/, with an Atom feed per language)."""

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language

from sportello.accounts.access import public
from sportello.accounts.models import Role
from sportello.communication import flyers, selectors
from sportello.communication.feeds import NewsFeed
from sportello.communication.models import FlyerText, NewsItem

PDF_CACHE_SECONDS = 600


@public
def flyer(request: HttpRequest) -> HttpResponse:
    language = get_language()
    text = FlyerText.objects.filter(language=language).first()
    return render(
        request,
        "communication/flyer.html",
        {
            "text": text,
            "rota": flyers.weekly_rota(language),
            "directory_url": flyers.directory_url(language),
            "qr": flyers.qr_svg(flyers.directory_url(language)),
        },
    )


def _cached_pdf(key: str, build) -> bytes:
    pdf = cache.get(key)
    if pdf is None:
        pdf = build()
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public
def flyer_pdf(request: HttpRequest, paper: str) -> HttpResponse:
    """The flyer in the page's language, A5 or A4 (cached for a few minutes: public and heavy)."""
    language = get_language()
    text = FlyerText.objects.filter(language=language).first()
    if text is None or paper not in flyers.PAPERS:
        raise Http404
    key = f"flyer:{language}:{paper}:{text.updated_at.timestamp()}:{timezone.localdate()}"
    pdf = _cached_pdf(key, lambda: flyers.flyer_pdf(text=text, paper=paper))
    return _pdf_response(pdf, f"sportello-flyer-{language}-{paper}.pdf")


@public
def flyer_all_pdf(request: HttpRequest, kind: str) -> HttpResponse:
    """Every language: `sheet` = one A4 sheet side by side; `a5`/`a4` = one page per language."""
    texts = flyers.flyer_texts()
    if not texts or kind not in ("sheet", *flyers.PAPERS):
        raise Http404
    stamp = max(text.updated_at for text in texts).timestamp()
    key = f"flyer:all:{kind}:{stamp}:{len(texts)}:{timezone.localdate()}"
    if kind == "sheet":
        pdf = _cached_pdf(key, lambda: flyers.multilingual_pdf(texts=texts))
    else:
        pdf = _cached_pdf(key, lambda: flyers.flyer_set_pdf(texts=texts, paper=kind))
    return _pdf_response(pdf, f"sportello-flyer-multilingual-{kind}.pdf")


@public
def news_list(request: HttpRequest) -> HttpResponse:
    return render(request, "communication/news_list.html", {"items": selectors.published_news()})


@public
def news_detail(request: HttpRequest, code) -> HttpResponse:
    item = get_object_or_404(selectors.published_news(), code=code)
    return render(request, "communication/news_detail.html", {"item": item})


@public
def news_image(request: HttpRequest, code) -> HttpResponse:
    """The image of a published item; of a draft only for the desk staff (preview)."""
    item = get_object_or_404(NewsItem.objects.exclude(image=""), code=code)
    is_desk = request.user.is_authenticated and request.user.role in (
        Role.COORDINATOR,
        Role.OPERATOR,
    )
    if not is_desk and not selectors.published_news().filter(pk=item.pk).exists():
        raise Http404
    response = FileResponse(item.image.open("rb"))
    extension = item.image.name.rsplit(".", 1)[-1]
    response["Content-Type"] = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public
def news_feed(request: HttpRequest) -> HttpResponse:
    """The news as an Atom feed in the page's language."""
    return NewsFeed()(request)
