"""Writes of the flyer and news part: flyer texts, distribution records, news items."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sportello.accounts.models import User
from sportello.communication.models import Distribution, FlyerText, NewsItem
from sportello.territory.models import Place


@transaction.atomic
def flyer_text_save(*, text: FlyerText) -> FlyerText:
    """Save the flyer text of one language (new or edited, validated)."""
    text.full_clean()
    text.save()
    return text


@transaction.atomic
def distribution_record(
    *, user: User | None, date: dt.date, place: Place, language: str, copies: int
) -> Distribution:
    distribution = Distribution(
        date=date, place=place, language=language, copies=copies, recorded_by=user
    )
    distribution.full_clean()
    distribution.save()
    return distribution


@transaction.atomic
def news_item_save(*, item: NewsItem, user: User | None) -> NewsItem:
    """Create or update a news item (validated); the creator is kept from the first save."""
    if item.pk is None:
        item.created_by = user
    item.full_clean()
    item.save()
    return item
