"""The public news list, a news item with its share card, its picture, and the org's pages."""

import mimetypes

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from prongsai.inbox.attachments import stored_file_response
from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.tenancy import get_for_org
from prongsai.portal import news
from prongsai.portal.caching import cached_public_page
from prongsai.portal.models import NewsItem, Page
from prongsai.portal.richtext import plain_text

PER_PAGE = 10
# The picture's address changes with the picture (news.image_path), so it may be kept long.
IMAGE_MAX_AGE = 365 * 24 * 3600


@require_GET
@cached_public_page
def news_list(request):
    org = request.org
    kind = request.GET.get("kind", "")
    items = news.published_news(org=org)
    if kind in NewsItem.Kind.values:
        items = items.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kind": kind,
        "kinds": NewsItem.Kind.choices,
        "rows": [(item, _picture(item)) for item in page.object_list],
    }
    return render(request, "portal/news/list.html", context)


def _picture(item: NewsItem) -> str:
    return news.image_path(item) if item.image else ""


def item_context(item: NewsItem, *, picture: str) -> dict:
    """What the item's page shows: also used by the staff preview, with its own picture URL."""
    org = item.org
    canonical = absolute_url(reverse("org:news_item", args=[org.slug, item.pk]))
    if picture:
        share_image = absolute_url(picture)
    elif org.logo:
        share_image = absolute_url(reverse("org:logo", args=[org.slug]))
    else:
        share_image = ""
    return {
        "item": item,
        "picture": picture,
        "canonical": canonical,
        "description": item.summary or plain_text(item.body, chars=200),
        "share_image": share_image,
    }


@require_GET
@cached_public_page
def news_item(request, pk: int):
    item = get_for_org(news.published_news(org=request.org), request.org, pk=pk)
    return render(request, "portal/news/item.html", item_context(item, picture=_picture(item)))


def serve_picture(item: NewsItem, *, public: bool) -> FileResponse:
    if not item.image:
        raise Http404
    content_type = mimetypes.guess_type(item.image.name)[0] or ""
    if not content_type.startswith("image/"):
        raise Http404
    return stored_file_response(
        item.image,
        content_type=content_type,
        cache_control=f"public, max-age={IMAGE_MAX_AGE}, immutable"
        if public
        else "private, no-store",
    )


@require_GET
def news_image(request, pk: int):
    """The picture of a published item: public, unlike the uploads of cases."""
    item = get_for_org(news.published_news(org=request.org), request.org, pk=pk)
    return serve_picture(item, public=True)


def page_context(page: Page) -> dict:
    return {
        "page": page,
        "menu": news.menu_pages(org=page.org),
        "canonical": absolute_url(reverse("org:page", args=[page.org.slug, page.slug])),
    }


@require_GET
@cached_public_page
def org_page(request, slug: str):
    shown = get_for_org(Page.objects.filter(is_published=True), request.org, slug=slug)
    return render(request, "portal/pages/page.html", page_context(shown))
