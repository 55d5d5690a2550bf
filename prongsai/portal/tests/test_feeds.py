"""The org's news as RSS 2.0 and Atom: published items only, with absolute links."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from prongsai.portal.models import NewsItem

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://prongsai.example"


@pytest.fixture
def items(org, other_org):
    now = timezone.now()
    shown = [
        NewsItem.objects.create(
            org=org,
            title="ประกาศรับสมัคร & สอบ",
            summary="รับสมัคร <2 อัตรา>",
            kind=NewsItem.Kind.ANNOUNCEMENT,
            published_at=now - timedelta(days=2),
        ),
        NewsItem.objects.create(
            org=org,
            title="ข่าวกิจกรรมวันเด็ก",
            body="<div>เด็ก ๆ <strong>สนุก</strong></div><ul><li>เล่นเกม</li></ul>",
            kind=NewsItem.Kind.ACTIVITY,
            published_at=now - timedelta(days=1),
        ),
    ]
    NewsItem.objects.create(org=org, title="ฉบับร่าง")
    NewsItem.objects.create(org=org, title="ตั้งเวลา", published_at=now + timedelta(days=1))
    NewsItem.objects.create(org=other_org, title="ของเขา", published_at=now - timedelta(days=1))
    return shown


def test_rss(client, items):
    response = client.get("/alice-town/news/rss/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "ข่าวและประกาศ อบต.อลิซ"
    assert channel.findtext("link") == "https://prongsai.example/alice-town/news/"
    assert channel.findtext("description")
    assert channel.findtext("language") == "th"
    entries = channel.findall("item")
    assert [e.findtext("title") for e in entries] == [
        "ข่าวกิจกรรมวันเด็ก",
        "ประกาศรับสมัคร &amp; สอบ",  # readers show it as HTML: escaped once more
    ]
    newest, oldest = entries
    address = f"https://prongsai.example/alice-town/news/{items[1].pk}/"
    assert newest.findtext("link") == address and newest.findtext("guid") == address
    assert newest.findtext("description") == "เด็ก ๆ สนุก เล่นเกม"
    assert newest.findtext("category") == "ข่าวกิจกรรม"
    assert parsedate_to_datetime(newest.findtext("pubDate")) == items[1].published_at.replace(
        microsecond=0
    )
    assert oldest.findtext("description") == "รับสมัคร &lt;2 อัตรา&gt;"


def test_atom(client, items):
    response = client.get("/alice-town/news/atom/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "ข่าวและประกาศ อบต.อลิซ"
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://prongsai.example/alice-town/news/atom/"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].findtext(f"{ATOM}id") == (
        f"https://prongsai.example/alice-town/news/{items[1].pk}/"
    )
    assert entries[0].find(f"{ATOM}updated") is not None


def test_the_feeds_of_an_org_without_news_are_empty(client, other_org):
    NewsItem.objects.all().delete()
    channel = ET.fromstring(client.get("/bob-town/news/rss/").content).find("channel")
    assert channel.findall("item") == []
