"""Staff pages (/app/flyers/, /app/news/): flyer texts, distribution log, news editing."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sportello.accounts.access import roles
from sportello.accounts.models import Role
from sportello.communication import selectors, services
from sportello.communication.forms import DistributionForm, FlyerTextForm, NewsItemForm
from sportello.communication.models import FlyerText, NewsItem

DESK = (Role.COORDINATOR, Role.OPERATOR)


@roles(*DESK)
def flyer_home(request: HttpRequest) -> HttpResponse:
    """Flyer texts per language with their PDFs, and copies handed out against the target."""
    texts = {text.language: text for text in FlyerText.objects.all()}
    names = dict(settings.LANGUAGES)
    languages = [
        {"code": code, "name": names.get(code, code), "text": texts.get(code)}
        for code in settings.PUBLIC_LANGUAGES
    ]
    return render(
        request,
        "communication/flyer_home.html",
        {
            "languages": languages,
            "totals": selectors.distribution_totals(),
            "distributions": selectors.recent_distributions(),
            "language_names": names,
        },
    )


@roles(*DESK)
def flyer_text_edit(request: HttpRequest, language: str) -> HttpResponse:
    if language not in settings.PUBLIC_LANGUAGES:
        raise Http404
    text = FlyerText.objects.filter(language=language).first() or FlyerText(language=language)
    form = FlyerTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        services.flyer_text_save(text=form.instance)
        messages.success(request, _("Flyer text saved."))
        return redirect("flyers:home")
    return render(
        request,
        "communication/flyer_text_form.html",
        {"form": form, "language": language, "language_name": dict(settings.LANGUAGES)[language]},
    )


@roles(*DESK)
def distribution_create(request: HttpRequest) -> HttpResponse:
    form = DistributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.distribution_record(user=request.user, **form.cleaned_data)
        messages.success(request, _("Distribution recorded."))
        return redirect("flyers:home")
    return render(request, "communication/distribution_form.html", {"form": form})


@roles(*DESK)
def news_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "communication/news_staff_list.html", {"items": selectors.news_for_staff()}
    )


@roles(*DESK)
def news_edit(request: HttpRequest, code=None) -> HttpResponse:
    item = get_object_or_404(NewsItem, code=code) if code else NewsItem()
    form = NewsItemForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.news_item_save(item=form.instance, user=request.user)
        messages.success(request, _("News item saved."))
        return redirect("news:list")
    return render(request, "communication/news_form.html", {"form": form, "item": item})


@roles(*DESK)
def news_preview(request: HttpRequest, code) -> HttpResponse:
    """A draft (or a published item) as the public will see it."""
    item = get_object_or_404(NewsItem, code=code)
    return render(request, "communication/news_detail.html", {"item": item, "preview": True})
