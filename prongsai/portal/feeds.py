"""The org's news as RSS 2.0 and Atom, for feed readers and other sites."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.models import Organization
from prongsai.portal import news
from prongsai.portal.caching import cached_public_page
from prongsai.portal.models import NewsItem
from prongsai.portal.richtext import plain_text

ITEMS = 20


class NewsRss(Feed):
    # Every address is absolute, from absolute_url: Feed then leaves it as it is.

    def get_object(self, request) -> Organization:
        return request.org

    def title(self, org: Organization) -> str:
        return _("ข่าวและประกาศ %(org)s") % {"org": org.name_th}

    def link(self, org: Organization) -> str:
        return absolute_url(reverse("org:news", args=[org.slug]))

    def feed_url(self, org: Organization) -> str:
        return absolute_url(reverse("org:news_rss", args=[org.slug]))

    def description(self, org: Organization) -> str:
        return _("ข่าวประชาสัมพันธ์ ประกาศ และข่าวกิจกรรมของ%(org)s") % {"org": org.name_th}

    def items(self, org: Organization):
        return news.published_news(org=org)[:ITEMS]

    # Readers show titles and descriptions as HTML: plain text is escaped once more.
    def item_title(self, item: NewsItem) -> str:
        return escape(item.title)

    def item_description(self, item: NewsItem) -> str:
        return escape(item.summary or plain_text(item.body, chars=300))

    def item_link(self, item: NewsItem) -> str:
        return absolute_url(reverse("org:news_item", args=[item.org.slug, item.pk]))

    def item_pubdate(self, item: NewsItem):
        return item.published_at

    def item_updateddate(self, item: NewsItem):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item: NewsItem) -> list[str]:
        return [str(item.get_kind_display())]


class NewsAtom(NewsRss):
    feed_type = Atom1Feed

    def feed_url(self, org: Organization) -> str:
        return absolute_url(reverse("org:news_atom", args=[org.slug]))

    def subtitle(self, org: Organization) -> str:
        return self.description(org)


news_rss = cached_public_page(NewsRss())
news_atom = cached_public_page(NewsAtom())
