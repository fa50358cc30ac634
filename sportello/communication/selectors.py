"""Reads of the flyer and news part: distribution totals against the target, published news."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, QuerySet, Sum
from django.utils import timezone

from sportello.communication.models import FLYER_TARGET, Distribution, NewsItem
from sportello.territory.models import Municipality, Place, Target


@dataclass(frozen=True)
class DistributionTotals:
    total: int
    target: int
    by_municipality: list[tuple[str, int]]
    by_place_kind: list[tuple[str, int]]
    by_language: list[tuple[str, int]]

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.total / self.target)) if self.target else 0


def flyer_target() -> int:
    target = (
        Target.objects.filter(code=Target.Code.FLYERS_DISTRIBUTED)
        .order_by("-project__start_date")
        .values_list("value", flat=True)
        .first()
    )
    return target or FLYER_TARGET


def distribution_totals() -> DistributionTotals:
    """Copies handed out, in all and by municipality, place type and language (four queries)."""
    rows = Distribution.objects.order_by()
    by_municipality = [
        (row["place__municipality__name"], row["copies"])
        for row in rows.values("place__municipality__name")
        .annotate(copies=Sum("copies"))
        .order_by("place__municipality__name")
    ]
    kinds = dict(Place.Kind.choices)
    by_kind = [
        (str(kinds.get(row["place__kind"], row["place__kind"])), row["copies"])
        for row in rows.values("place__kind").annotate(copies=Sum("copies")).order_by("-copies")
    ]
    by_language = [
        (row["language"], row["copies"])
        for row in rows.values("language").annotate(copies=Sum("copies")).order_by("-copies")
    ]
    return DistributionTotals(
        total=sum(copies for _name, copies in by_municipality),
        target=flyer_target(),
        by_municipality=by_municipality,
        by_place_kind=by_kind,
        by_language=by_language,
    )


def copies_distributed(
    *, start: dt.date, end: dt.date, municipality: Municipality | None = None
) -> int:
    """Copies of the flyer handed out from `start` to `end` (both included), in one query."""
    rows = Distribution.objects.filter(date__gte=start, date__lte=end)
    if municipality is not None:
        rows = rows.filter(place__municipality=municipality)
    return rows.aggregate(copies=Sum("copies"))["copies"] or 0


def recent_distributions(limit: int = 20) -> QuerySet[Distribution]:
    return Distribution.objects.select_related("place__municipality")[:limit]


def published_news() -> QuerySet[NewsItem]:
    """What the public sees: published items dated today or earlier, newest first."""
    return NewsItem.objects.filter(
        status=NewsItem.Status.PUBLISHED, date__lte=timezone.localdate()
    ).order_by("-date", "-created_at")


def news_for_staff() -> QuerySet[NewsItem]:
    return NewsItem.objects.order_by("-date", "-created_at")


def news_last_updated():
    return published_news().aggregate(last=Max("updated_at"))["last"]
