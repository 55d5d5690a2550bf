"""Sitemaps and robots.txt: each org's public pages, and the instance's index of its orgs.

An org's sitemap is `/<org>/sitemap.xml`, or `/sitemap.xml` on its own domain,
where `/robots.txt` points to it. The instance's `/sitemap.xml` lists the
sitemaps of the orgs it serves under its own host; an org with its own domain
is left out, as its pages are found (and should be indexed) there.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as render_sitemap
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from prongsai.ita.selectors import published_plans
from prongsai.orgs import selectors as org_selectors
from prongsai.orgs.hosts import absolute_url
from prongsai.orgs.models import Organization
from prongsai.portal import news, oit
from prongsai.portal.models import NewsItem, Page
from prongsai.thai import fiscal_year


class OrgSitemap(Sitemap):
    """Addresses on the host that absolute_url gives: the org's own domain or SITE_URL."""

    def __init__(self, org: Organization) -> None:
        self.org = org

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(absolute_url("")).scheme

    def get_domain(self, site=None) -> str:
        base = urlsplit(absolute_url(""))
        return base.netloc + base.path


class PublicPagesSitemap(OrgSitemap):
    """The org's lists and reports that are worth finding from a search engine."""

    def items(self) -> list[tuple[str, tuple]]:
        org = self.org
        year = fiscal_year(timezone.localdate())
        names: list[tuple[str, tuple]] = [
            ("org:home", ()),
            ("org:news", ()),
            ("org:services", ()),
            ("org:stats", ()),
            ("org:projects", ()),
            ("org:public_satisfaction_report", (year,)),
            ("org:qa_list", ()),
            ("org:qa_faq", ()),
            ("org:board_list", ()),
            ("org:contact", ()),
            ("org:privacy", ()),
            ("org:accessibility", ()),
        ]
        # Every year of the ITA framework has an index, with or without evidence yet.
        names.extend(("org:oit", (oit_year,)) for oit_year in oit.framework_years())
        for plan in published_plans(org=org):
            for report, published in (("o42", plan.o42_published), ("o43", plan.o43_published)):
                if published:
                    names.append(("org:public_report", (plan.fiscal_year, report)))
        return names

    def _path(self, item: tuple[str, tuple]) -> str:
        name, args = item
        return reverse(name, args=[self.org.slug, *args])

    def location(self, item: tuple[str, tuple]) -> str:
        return self._path(item)


class NewsSitemap(OrgSitemap):
    def items(self):
        return news.published_news(org=self.org)

    def location(self, item: NewsItem) -> str:
        return reverse("org:news_item", args=[self.org.slug, item.pk])

    def lastmod(self, item: NewsItem):
        return max(item.updated_at, item.published_at)


class PagesSitemap(OrgSitemap):
    def items(self):
        return news.published_pages(org=self.org)

    def location(self, item: Page) -> str:
        return reverse("org:page", args=[self.org.slug, item.slug])

    def lastmod(self, item: Page):
        return item.updated_at


@require_GET
def org_sitemap(request):
    org = request.org
    sections = {
        "public": PublicPagesSitemap(org),
        "news": NewsSitemap(org),
        "pages": PagesSitemap(org),
    }
    return render_sitemap(request, sitemaps=sections)


@require_GET
def index(request):
    """The instance's sitemap index: one sitemap per org served on this host."""
    orgs = org_selectors.active_orgs().filter(domain__isnull=True)
    entries = [
        SitemapIndexItem(absolute_url(reverse("org:sitemap", args=[org.slug]))) for org in orgs
    ]
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Crawlers may read every public page; the sitemap tells them where to start."""
    if request.org is not None:  # on the org's own domain
        private = ["/accounts/", "/staff/", "/i18n/"]
        sitemap = absolute_url(reverse("org:sitemap", args=[request.org.slug]))
    else:
        private = ["/admin/", "/accounts/", "/*/staff/", "/i18n/"]
        sitemap = absolute_url(reverse("sitemap_index"))
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in private), f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
