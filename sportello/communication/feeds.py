"""The news as an Atom feed, one per language (/<lang>/news/feed/): titles and texts in that
language, or in Italian where a translation is missing."""

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sportello.communication import selectors
from sportello.communication.models import NewsItem

FEED_ITEMS = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Sportello migrante"

    def title(self) -> str:
        return _("Migrant desk: news")

    def subtitle(self) -> str:
        return _(
            "News of the migrant desk of Ottiglio, Alfiano Natta, Villadeati, Fubine Monferrato "
            "and Vignale Monferrato."
        )

    def link(self) -> str:
        return reverse("public_news:list")

    def feed_guid(self) -> str:
        return f"{settings.SITE_ROOT}/{get_language()}/news/"

    def items(self):
        return selectors.published_news()[:FEED_ITEMS]

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.body

    def item_link(self, item: NewsItem) -> str:
        return reverse("public_news:detail", args=[item.code])

    def item_guid(self, item: NewsItem) -> str:
        return f"urn:uuid:{item.code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: NewsItem) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(9)))

    def item_updateddate(self, item: NewsItem) -> dt.datetime:
        return item.updated_at
