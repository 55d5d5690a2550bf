"""The demo's news and pages: idempotent, all three kinds in fiscal 2566–2567, one picture."""

import pytest
from PIL import Image

from prongsai.orgs.tests.factories import OrganizationFactory
from prongsai.portal import demo, news
from prongsai.portal.models import NewsItem, Page
from prongsai.portal.richtext import sanitize
from prongsai.thai import fiscal_year


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def prasat_thong(db):
    return OrganizationFactory(slug="prasat-thong", name_th="องค์การบริหารส่วนตำบลปราสาททอง")


def test_the_demo_loads_news_and_pages_once(prasat_thong, media):
    demo.load(prasat_thong)
    demo.load(prasat_thong)
    items = list(NewsItem.objects.filter(org=prasat_thong))
    assert 6 <= len(items) <= 8
    assert {item.kind for item in items} == set(NewsItem.Kind.values)
    assert {fiscal_year(item.published_at.date()) for item in items} == {2566, 2567}
    assert all(item.body == sanitize(item.body) for item in items)
    assert news.published_news(org=prasat_thong).count() == len(items)
    # One picture, drawn once: loading again keeps the same file.
    pictured = [item for item in items if item.image]
    assert len(pictured) == 1 and pictured[0].image_alt
    assert len([p for p in media.rglob("*") if p.is_file()]) == 1
    with Image.open(pictured[0].image.path) as image:
        assert image.size == (1200, 630)


def test_the_pages_have_the_slugs_oit_links_to(prasat_thong):
    demo.load(prasat_thong)
    pages = Page.objects.filter(org=prasat_thong)
    assert {p.slug for p in pages} == {"history", "structure", "executives", "authority", "laws"}
    assert all(p.is_published and p.in_menu and p.body for p in pages)
    assert [p.slug for p in news.menu_pages(org=prasat_thong)] == [
        "history",
        "structure",
        "executives",
        "authority",
        "laws",
    ]


def test_the_demo_pages_show(client, prasat_thong):
    demo.load(prasat_thong)
    item = NewsItem.objects.get(title=demo.PROJECT_NEWS_TITLE)
    assert client.get(f"/prasat-thong/news/{item.pk}/").status_code == 200
    assert client.get(f"/prasat-thong/news/{item.pk}/image/").status_code == 200
    assert client.get("/prasat-thong/pages/executives/").status_code == 200
