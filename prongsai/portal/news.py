"""Reading and writing the org's news and pages."""

from django.db.models import QuerySet
from django.utils import timezone

from prongsai.orgs.models import Organization
from prongsai.portal.models import NewsItem, Page


def published_news(*, org: Organization) -> QuerySet[NewsItem]:
    """News the public may read: published, and not scheduled for later; newest first."""
    return NewsItem.objects.for_org(org).filter(published_at__lte=timezone.now())


def latest_news(*, org: Organization, limit: int = 4) -> list[NewsItem]:
    return list(published_news(org=org)[:limit])


def menu_pages(*, org: Organization) -> QuerySet[Page]:
    """The published pages listed under "about the org", in the staff's order."""
    return Page.objects.for_org(org).filter(is_published=True, in_menu=True)
