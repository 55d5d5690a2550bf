"""The public news list, a news item with its share card, and its picture."""

import io
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from prongsai.portal import news
from prongsai.portal.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://prongsai.example"


def published(org, title="ข่าวออนไลน์", *, days_ago=1, **fields) -> NewsItem:
    return NewsItem.objects.create(
        org=org, title=title, published_at=timezone.now() - timedelta(days=days_ago), **fields
    )


def with_picture(org, alice) -> NewsItem:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), "blue").save(out, "PNG")
    upload = SimpleUploadedFile("a.png", out.getvalue(), "image/png")
    item = NewsItem(org=org, title="ข่าวมีภาพ", image_alt="ชาวบ้านร่วมกิจกรรม")
    return news.save_news(org=org, item=item, image=upload, publish=True, actor=alice)


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if tag in ("link", "a"):
            self.links.append(attrs)


def head_of(response) -> Head:
    head = Head()
    head.feed(response.content.decode())
    return head


def test_the_list_shows_published_news_newest_first(client, org):
    published(org, "เก่า", days_ago=5)
    published(org, "ใหม่", days_ago=1)
    NewsItem.objects.create(org=org, title="ฉบับร่าง")
    NewsItem.objects.create(
        org=org, title="ตั้งเวลาไว้", published_at=timezone.now() + timedelta(days=1)
    )
    body = client.get("/alice-town/news/").content.decode()
    assert body.index("ใหม่") < body.index("เก่า")
    assert "ฉบับร่าง" not in body and "ตั้งเวลาไว้" not in body


def test_the_list_filters_by_kind_and_ignores_an_unknown_one(client, org):
    published(org, "ประกาศรับสมัคร", kind=NewsItem.Kind.ANNOUNCEMENT)
    published(org, "ข่าวกิจกรรมวันเด็ก", kind=NewsItem.Kind.ACTIVITY)
    body = client.get("/alice-town/news/?kind=announcement").content.decode()
    assert "ประกาศรับสมัคร" in body and "ข่าวกิจกรรมวันเด็ก" not in body
    body = client.get("/alice-town/news/?kind=nonsense").content.decode()
    assert "ประกาศรับสมัคร" in body and "ข่าวกิจกรรมวันเด็ก" in body


def test_the_list_pages_ten_at_a_time(client, org):
    for n in range(12):
        published(org, f"ข่าวลำดับที่ {n:02}", days_ago=n + 1)
    first = client.get("/alice-town/news/").content.decode()
    second = client.get("/alice-town/news/?page=2").content.decode()
    assert "ข่าวลำดับที่ 00" in first and "ข่าวลำดับที่ 10" not in first
    assert "ข่าวลำดับที่ 10" in second and "ข่าวลำดับที่ 11" in second
    assert client.get("/alice-town/news/?page=abc").status_code == 200


def test_the_list_names_its_feeds(client, org):
    head = head_of(client.get("/alice-town/news/"))
    feeds = {link["type"]: link["href"] for link in head.links if link.get("rel") == "alternate"}
    assert feeds == {
        "application/rss+xml": "/alice-town/news/rss/",
        "application/atom+xml": "/alice-town/news/atom/",
    }


def test_another_orgs_news_is_not_listed(client, org, other_org):
    published(other_org, "ข่าวของอีกหน่วยงาน")
    assert "ข่าวของอีกหน่วยงาน" not in client.get("/alice-town/news/").content.decode()


def test_an_item_page_has_its_share_card(client, org, alice):
    item = with_picture(org, alice)
    item.summary = "สรุปสั้นสำหรับการแชร์"
    item.body = "<div>เนื้อหา <strong>ตัวหนา</strong></div>"
    item.save()
    response = client.get(f"/alice-town/news/{item.pk}/")
    address = f"https://prongsai.example/alice-town/news/{item.pk}/"
    head = head_of(response)
    assert head.meta["og:title"] == "ข่าวมีภาพ"
    assert head.meta["og:description"] == "สรุปสั้นสำหรับการแชร์"
    assert head.meta["og:url"] == address
    assert head.meta["og:type"] == "article"
    assert head.meta["og:locale"] == "th_TH"
    assert head.meta["og:site_name"] == org.name_th
    assert head.meta["og:image"].startswith(
        f"https://prongsai.example/alice-town/news/{item.pk}/image/?v="
    )
    assert head.meta["og:image:alt"] == "ชาวบ้านร่วมกิจกรรม"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert {"rel": "canonical", "href": address} in head.links
    hrefs = [link.get("href") for link in head.links]
    assert f"https://www.facebook.com/sharer/sharer.php?u={quote(address, safe='')}" in hrefs
    assert f"https://social-plugins.line.me/lineit/share?url={quote(address, safe='')}" in hrefs
    body = response.content.decode()
    assert "<div>เนื้อหา <strong>ตัวหนา</strong></div>" in body
    assert f'data-copy-link="{address}"' in body


def test_without_a_summary_the_card_cuts_the_text(client, org):
    item = published(org, body="<div>" + "คำ " * 200 + "</div>")
    head = head_of(client.get(f"/alice-town/news/{item.pk}/"))
    assert head.meta["og:description"].startswith("คำ คำ")
    assert len(head.meta["og:description"]) <= 200
    assert head.meta["twitter:card"] == "summary" and "og:image" not in head.meta


def test_drafts_scheduled_and_other_orgs_items_are_404(client, org, other_org):
    hidden = [
        NewsItem.objects.create(org=org, title="ร่าง"),
        NewsItem.objects.create(org=org, title="อนาคต", published_at=timezone.now() + timedelta(1)),
        published(other_org, "ของเขา"),
    ]
    for item in hidden:
        assert client.get(f"/alice-town/news/{item.pk}/").status_code == 404


def test_the_picture_is_public_and_kept_long(client, org, alice):
    item = with_picture(org, alice)
    response = client.get(f"/alice-town/news/{item.pk}/image/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and "max-age=31536000" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("sandbox")
    content = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(content)).size == (120, 80)


@pytest.mark.django_db(transaction=True)
def test_the_picture_of_a_hidden_item_is_404(client, org, other_org, alice):
    item = with_picture(org, alice)
    assert client.get(f"/bob-town/news/{item.pk}/image/").status_code == 404
    news.unpublish_news(org=org, item=item, actor=alice)
    assert client.get(f"/alice-town/news/{item.pk}/image/").status_code == 404
    plain = published(org, "ไม่มีภาพ")
    assert client.get(f"/alice-town/news/{plain.pk}/image/").status_code == 404


def test_public_pages_set_no_cookie_and_are_served_from_the_cache(client, org):
    item = published(org, "ข่าวแรก")
    first = client.get(f"/alice-town/news/{item.pk}/")
    assert first.cookies == {} and client.get("/alice-town/news/").cookies == {}
    # A change made behind the signals' back shows that the page came from the cache.
    NewsItem.objects.filter(pk=item.pk).update(title="แก้ไขเงียบ")
    assert "ข่าวแรก" in client.get(f"/alice-town/news/{item.pk}/").content.decode()
    # Saving starts a new generation: the change shows at once.
    item.refresh_from_db()
    item.save()
    assert "แก้ไขเงียบ" in client.get(f"/alice-town/news/{item.pk}/").content.decode()


def test_public_pages_get_no_csp_nonce(client, org):
    item = published(org)
    for path in ("/alice-town/news/", f"/alice-town/news/{item.pk}/"):
        policy = client.get(path)["Content-Security-Policy"]
        assert "nonce" not in policy and "unsafe-inline" not in policy


def test_no_inline_script_or_style_on_the_item_page(client, org):
    item = published(org, body="<div>ข้อความ</div>")
    body = client.get(f"/alice-town/news/{item.pk}/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)
    assert "style=" not in body and "<style" not in body and " onclick=" not in body


def test_readers_see_the_day_of_publication_in_local_time_without_the_hour(client, org):
    # 23:30 UTC on 9 January is 06:30 on 10 January in Bangkok.
    moment = datetime(2024, 1, 9, 23, 30, tzinfo=UTC)
    item = NewsItem.objects.create(org=org, title="ประกาศรับสมัคร", published_at=moment)
    for path in (f"/{org.slug}/news/", f"/{org.slug}/news/{item.pk}/"):
        body = client.get(path).content.decode()
        # The hour stays in the machine-readable attribute only.
        assert 'T06:30:00+07:00">10 มกราคม 2567</time>' in body
