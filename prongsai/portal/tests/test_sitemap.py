"""Sitemaps and robots.txt: per org, the instance's index, and an org on its own domain."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from prongsai.portal.models import NewsItem, OitEvidence, Page
from prongsai.thai import fiscal_year

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://prongsai.example"


@pytest.fixture
def own_domain(org, settings):
    settings.ALLOWED_HOSTS = ["testserver", "www.alice.example"]
    org.domain = "www.alice.example"
    org.save()
    yield "www.alice.example"
    # The map of domains outlives this test's transaction in the cache.
    cache.delete("orgs:domains")


def locations(response) -> list[str]:
    assert response["Content-Type"] == "application/xml"
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]


def test_an_orgs_sitemap_lists_its_public_pages(client, org, other_org):
    now = timezone.now()
    item = NewsItem.objects.create(org=org, title="ข่าว", published_at=now - timedelta(days=1))
    NewsItem.objects.create(org=org, title="ร่าง")
    NewsItem.objects.create(org=org, title="อนาคต", published_at=now + timedelta(days=1))
    theirs = NewsItem.objects.create(org=other_org, title="ของเขา", published_at=now)
    Page.objects.create(org=org, slug="history", title="ประวัติ", is_published=True)
    Page.objects.create(org=org, slug="draft", title="ร่าง")
    OitEvidence.objects.create(
        org=org, fiscal_year=2566, item_code="O1", title="ลิงก์", url="https://example.org"
    )
    found = locations(client.get("/alice-town/sitemap.xml"))
    base = "https://prongsai.example/alice-town/"
    year = fiscal_year(timezone.localdate())
    for expected in [
        base,
        f"{base}news/",
        f"{base}news/{item.pk}/",
        f"{base}pages/history/",
        f"{base}services/",
        f"{base}stats/",
        f"{base}projects/",
        f"{base}surveys/report/{year}/",
        f"{base}qa/",
        f"{base}board/",
    ]:
        assert expected in found, expected
    assert f"{base}pages/draft/" not in found
    assert not any(f"/news/{theirs.pk}/" in loc for loc in found)
    assert len([loc for loc in found if "/news/" in loc and loc != f"{base}news/"]) == 1
    assert all(loc.startswith(base) for loc in found)


def test_the_oit_index_is_listed_once_its_page_exists(client, org):
    from django.urls import NoReverseMatch, reverse

    OitEvidence.objects.create(
        org=org, fiscal_year=2566, item_code="O1", title="ลิงก์", url="https://example.org"
    )
    found = locations(client.get("/alice-town/sitemap.xml"))
    try:
        path = reverse("org:oit", args=[org.slug, 2566])
    except NoReverseMatch:
        assert not any("/oit/" in loc for loc in found)
    else:
        assert f"https://prongsai.example{path}" in found


def test_news_and_pages_carry_their_last_change(client, org):
    NewsItem.objects.create(org=org, title="ข่าว", published_at=timezone.now())
    tree = ET.fromstring(client.get("/alice-town/sitemap.xml").content)
    dated = {
        url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in tree.iter(f"{NS}url")
    }
    news_entry = next(loc for loc in dated if "/news/" in loc and loc.rstrip("/")[-1].isdigit())
    assert dated[news_entry] == timezone.localdate().isoformat()


def test_the_instance_index_lists_each_orgs_sitemap(client, org, other_org):
    response = client.get("/sitemap.xml")
    found = [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]
    assert "https://prongsai.example/alice-town/sitemap.xml" in found
    assert "https://prongsai.example/bob-town/sitemap.xml" in found
    other_org.is_active = False
    other_org.save()
    found = [loc.text for loc in ET.fromstring(client.get("/sitemap.xml").content).iter(f"{NS}loc")]
    assert "https://prongsai.example/bob-town/sitemap.xml" not in found


def test_robots_txt_points_to_the_index(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines and "Disallow: /*/staff/" in lines
    assert lines[-1] == "Sitemap: https://prongsai.example/sitemap.xml"


def test_on_its_own_domain_the_org_has_the_root_sitemap_and_robots(client, org, own_domain):
    item = NewsItem.objects.create(org=org, title="ข่าว", published_at=timezone.now())
    found = locations(client.get("/sitemap.xml", HTTP_HOST=own_domain))
    assert "http://www.alice.example/" in found
    assert f"http://www.alice.example/news/{item.pk}/" in found
    assert all(loc.startswith("http://www.alice.example/") for loc in found)
    robots = client.get("/robots.txt", HTTP_HOST=own_domain).content.decode().splitlines()
    assert "Disallow: /staff/" in robots
    assert robots[-1] == "Sitemap: http://www.alice.example/sitemap.xml"


def test_an_org_on_its_own_domain_is_left_out_of_the_instance_index(client, org, own_domain):
    found = [loc.text for loc in ET.fromstring(client.get("/sitemap.xml").content).iter(f"{NS}loc")]
    assert "https://prongsai.example/alice-town/sitemap.xml" not in found
