"""Translated news fields (django-modeltranslation): Italian canonical, fallback to Italian."""

from modeltranslation.translator import TranslationOptions, register

from sportello.communication.models import Event, NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "body", "image_alt")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "programme")
