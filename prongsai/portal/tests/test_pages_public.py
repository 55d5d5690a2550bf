"""The org's pages as the public reads them: published only, with the "about" menu."""

import pytest

from prongsai.portal import news
from prongsai.portal.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://prongsai.example"


def test_a_published_page_is_shown_with_the_menu(client, org):
    Page.objects.create(
        org=org, slug="history", title="ประวัติ", body="<div>ก่อตั้ง</div>", is_published=True
    )
    Page.objects.create(org=org, slug="structure", title="โครงสร้าง", is_published=True, order=2)
    Page.objects.create(org=org, slug="hidden", title="ไม่อยู่ในเมนู", is_published=True, in_menu=False)
    Page.objects.create(org=org, slug="draft", title="ร่างหน้า")
    response = client.get("/alice-town/pages/history/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<div>ก่อตั้ง</div>" in body
    assert 'href="/alice-town/pages/structure/"' in body
    assert "ไม่อยู่ในเมนู" not in body and "ร่างหน้า" not in body
    assert (
        '<link rel="canonical" href="https://prongsai.example/alice-town/pages/history/">' in body
    )
    assert response.cookies == {}


def test_unpublished_and_other_orgs_pages_are_404(client, org, other_org):
    Page.objects.create(org=org, slug="draft", title="ร่าง")
    Page.objects.create(org=other_org, slug="theirs", title="ของเขา", is_published=True)
    assert client.get("/alice-town/pages/draft/").status_code == 404
    assert client.get("/alice-town/pages/theirs/").status_code == 404
    assert client.get("/bob-town/pages/theirs/").status_code == 200


def test_menu_pages_follow_the_staff_order(org):
    Page.objects.create(org=org, slug="b", title="ข", is_published=True, order=2)
    Page.objects.create(org=org, slug="a", title="ก", is_published=True, order=1)
    Page.objects.create(org=org, slug="c", title="ค", is_published=True, in_menu=False)
    assert [p.slug for p in news.menu_pages(org=org)] == ["a", "b"]
    assert {p.slug for p in news.published_pages(org=org)} == {"a", "b", "c"}
