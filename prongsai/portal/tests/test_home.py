"""The org's home page: identity, main actions, e-services, two-way channels, news, contact."""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from prongsai.eservices.models import Service
from prongsai.eservices.selectors import popular_services
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import services as inbox
from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.livechat.selectors import Availability
from prongsai.orgs.models import ItasLink
from prongsai.portal import channels
from prongsai.portal.models import NewsItem, Page, Site
from prongsai.thai import to_arabic_digits

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


class Outline(HTMLParser):
    """The page's headings in order, and each link and button with its visible name."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.controls: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "a", "button"):
            self._open.append({"tag": tag, "attrs": attrs, "text": ""})
        elif tag == "img" and self._open:
            self._open[-1]["text"] += attrs.get("alt") or ""

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def handle_endtag(self, tag):
        if self._open and self._open[-1]["tag"] == tag:
            element = self._open.pop()
            text = " ".join(element["text"].split())
            if tag.startswith("h"):
                self.headings.append((int(tag[1]), text))
            else:
                self.controls.append({**element["attrs"], "tag": tag, "name": text})


def outline(response) -> Outline:
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


def home(client, org):
    response = client.get(reverse("org:home", args=[org.slug]))
    assert response.status_code == 200
    return response


def hrefs(response) -> dict[str, str]:
    """Visible name → address of every link."""
    return {c["name"]: c.get("href", "") for c in outline(response).controls if c["tag"] == "a"}


def test_it_shows_the_org_and_its_introduction(client, org):
    org.name_en = "Alice Town"
    org.save()
    Site.objects.create(org=org, intro="ดูแลประชาชน 9 หมู่บ้าน", office_hours="จันทร์–ศุกร์ 08.30–16.30 น.")
    response = home(client, org)
    assert outline(response).headings[0] == (1, "อบต.อลิซ")
    body = response.content.decode()
    assert "Alice Town" in body and "ดูแลประชาชน 9 หมู่บ้าน" in body
    assert "จันทร์–ศุกร์ 08.30–16.30 น." in body
    assert '<meta name="description" content="ดูแลประชาชน 9 หมู่บ้าน">' in body


def test_an_org_that_never_saved_its_site_still_has_a_home(client, org):
    response = home(client, org)
    assert "ช่องทางสื่อสารสองทาง" in response.content.decode()
    assert not Site.objects.exists()


def test_the_main_actions_lead_to_the_complaint_form_e_service_and_tracking(client, org):
    ServiceFactory(org=org, code="tujarit", kind=Service.Kind.CORRUPTION)
    links = hrefs(home(client, org))
    slug = org.slug
    assert links["ร้องเรียน/แจ้งปัญหา"] == f"/{slug}/complain/"
    assert links["E-Service"] == f"/{slug}/services/"
    assert links["ติดตามเรื่อง"] == f"/{slug}/track/"
    # Straight to the org's own corruption category, whatever its code.
    assert links["แจ้งเบาะแสทุจริต"] == f"/{slug}/complain/?service=tujarit"


def test_without_a_corruption_category_the_tip_off_opens_the_plain_form(client, org):
    assert hrefs(home(client, org))["แจ้งเบาะแสทุจริต"] == f"/{org.slug}/complain/"


def test_e_services_are_listed_most_used_first(client, org, other_org):
    rare = ServiceFactory(org=org, name="ขอใช้หอประชุม", kind=Service.Kind.ESERVICE, order=1)
    popular = ServiceFactory(org=org, name="ขอน้ำอุปโภค", kind=Service.Kind.ESERVICE, order=2)
    ServiceFactory(org=org, name="คำร้องทั่วไป", kind=Service.Kind.REQUEST, order=3)
    ServiceFactory(org=org, name="ปิดให้บริการ", kind=Service.Kind.ESERVICE, is_active=False)
    ServiceFactory(org=org, name="ถนนชำรุด", kind=Service.Kind.COMPLAINT)
    ServiceFactory(org=other_org, name="บริการของหน่วยงานอื่น", kind=Service.Kind.ESERVICE)
    for _ in range(2):
        inbox.submit_case(org=org, channel="eservice", subject="ขอน้ำ", service=popular)
    # Uses from more than a year ago no longer count.
    for _ in range(3):
        inbox.submit_case(
            org=org,
            channel="eservice",
            subject="ขอใช้หอประชุม",
            service=rare,
            received_at=timezone.now() - timedelta(days=400),
        )

    services = [
        c["name"]
        for c in outline(home(client, org)).controls
        if f"/{org.slug}/services/" in c.get("href", "")
        and c.get("href") != f"/{org.slug}/services/"
    ]
    assert services == ["ขอน้ำอุปโภค", "ขอใช้หอประชุม", "คำร้องทั่วไป"]


def test_at_most_eight_services_are_shown_with_a_link_to_all(client, org):
    for n in range(10):
        ServiceFactory(org=org, kind=Service.Kind.ESERVICE, order=n)
    response = home(client, org)
    assert (
        response.content.decode().count(
            'class="button button--secondary" href="/alice-town/services/'
        )
        == 8
    )
    assert hrefs(response)["บริการทั้งหมดและคู่มือสำหรับประชาชน"] == "/alice-town/services/"


def test_a_connected_line_account_gives_its_add_friend_link_and_qr(client, org):
    account = LineAccount(org=org, basic_id="@alicetown")
    account.channel_secret, account.access_token = "secret", "token"
    account.save()
    response = home(client, org)
    assert hrefs(response)["เพิ่มเพื่อนทาง LINE"] == "https://line.me/R/ti/p/@alicetown"
    body = response.content.decode()
    assert "<title>QR Code เพิ่มเพื่อน LINE</title>" in body
    assert "แจ้งเรื่อง ถามคำถาม และติดตามเรื่องผ่าน LINE" in body


def test_the_site_s_line_link_is_used_when_no_account_is_connected(client, org):
    Site.objects.create(org=org, line_oa_url="https://lin.ee/abc123")
    LineAccount.objects.create(org=org, basic_id="@old", is_active=False)
    response = home(client, org)
    assert hrefs(response)["เพิ่มเพื่อนทาง LINE"] == "https://lin.ee/abc123"
    assert "ส่งข้อความถึงเจ้าหน้าที่ผ่าน LINE" in response.content.decode()


def test_without_line_there_is_no_line_card(client, org):
    body = home(client, org).content.decode()
    assert "LINE Official Account" not in body and "line.me" not in body


@pytest.mark.parametrize(
    ("is_open", "shown", "hidden"),
    [(True, "อยู่ในเวลาทำการ", "เริ่มทำการอีกครั้ง"), (False, "เริ่มทำการอีกครั้ง", "อยู่ในเวลาทำการ")],
)
def test_the_live_chat_says_whether_staff_are_there(
    client, org, monkeypatch, is_open, shown, hidden
):
    opening = timezone.make_aware(datetime(2026, 11, 30, 8, 30))
    monkeypatch.setattr(
        channels,
        "availability",
        lambda org: Availability(is_open, None if is_open else opening, []),
    )
    response = home(client, org)
    body = response.content.decode()
    assert shown in body and hidden not in body
    assert hrefs(response)["เริ่มแชท"] == f"/{org.slug}/chat/"


def test_boards_phone_and_facebook_are_there(client, org):
    org.phone = "044-558-123 ต่อ 11"
    org.save()
    Site.objects.create(org=org, facebook_url="https://www.facebook.com/alicetown")
    links = hrefs(home(client, org))
    assert links["กระดานถาม-ตอบ (Q&A)"] == f"/{org.slug}/qa/"
    assert links["เว็บบอร์ด"] == f"/{org.slug}/board/"
    assert links["โทร 044-558-123 ต่อ 11"] == "tel:044558123"
    assert links["เพจ Facebook"] == "https://www.facebook.com/alicetown"


def test_the_four_latest_news_are_shown_with_a_link_to_all(client, org, other_org):
    now = timezone.now()
    for n in range(5):
        NewsItem.objects.create(
            org=org, title=f"ข่าวที่ {n}", published_at=now - timedelta(days=n + 1)
        )
    NewsItem.objects.create(org=org, title="ฉบับร่าง")
    NewsItem.objects.create(org=org, title="ตั้งเวลาไว้", published_at=now + timedelta(days=1))
    NewsItem.objects.create(org=other_org, title="ข่าวหน่วยงานอื่น", published_at=now)

    response = home(client, org)
    titles = [text for level, text in outline(response).headings if level == 3 and "ข่าว" in text]
    assert titles == ["ข่าวที่ 0", "ข่าวที่ 1", "ข่าวที่ 2", "ข่าวที่ 3"]
    newest = NewsItem.objects.get(title="ข่าวที่ 0")
    links = hrefs(response)
    assert links["ข่าวที่ 0"] == reverse("org:news_item", args=[org.slug, newest.pk])
    assert links["ข่าวทั้งหมด"] == reverse("org:news", args=[org.slug])


def test_the_org_s_published_menu_pages_are_listed(client, org, other_org):
    Page.objects.create(org=org, slug="structure", title="โครงสร้างหน่วยงาน", is_published=True)
    Page.objects.create(org=org, slug="draft", title="ร่างหน้า")
    Page.objects.create(org=other_org, slug="history", title="ประวัติของบ็อบ", is_published=True)
    links = hrefs(home(client, org))
    assert links["โครงสร้างหน่วยงาน"] == reverse("org:page", args=[org.slug, "structure"])
    assert "ร่างหน้า" not in links and "ประวัติของบ็อบ" not in links


def test_the_eit_invitation_shows_only_while_the_period_is_open(client, org):
    today = timezone.localdate()
    link = ItasLink.objects.create(
        org=org,
        fiscal_year=2569,
        eit_url="https://itas.nacc.go.th/go/eit/abc",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=1),
    )
    assert "ตอบแบบวัด EIT" in home(client, org).content.decode()
    link.closes_on = today - timedelta(days=1)
    link.save()
    assert "ตอบแบบวัด EIT" not in home(client, org).content.decode()


def test_headings_go_down_one_level_at_a_time(client, org):
    Site.objects.create(org=org, line_oa_url="https://lin.ee/abc")
    NewsItem.objects.create(org=org, title="ข่าว", published_at=timezone.now())
    levels = [level for level, _text in outline(home(client, org)).headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def test_every_link_and_button_has_a_visible_name(client, org):
    Site.objects.create(org=org, line_oa_url="https://lin.ee/abc", facebook_url="https://fb.com/a")
    ServiceFactory(org=org, kind=Service.Kind.ESERVICE)
    NewsItem.objects.create(org=org, title="ข่าว", published_at=timezone.now())
    nameless = [c for c in outline(home(client, org)).controls if not c["name"]]
    assert nameless == []


def test_the_header_and_footer_lead_to_the_org_s_pages(client, org):
    links = hrefs(home(client, org))
    slug = org.slug
    assert links["หน้าแรก"] == f"/{slug}/"
    assert links["ข่าว"] == f"/{slug}/news/"
    assert links["ร้องเรียน"] == f"/{slug}/complain/"
    assert links["ติดต่อ"] == f"/{slug}/contact/"
    assert links["นโยบายคุ้มครองข้อมูลส่วนบุคคล"] == f"/{slug}/privacy/"
    assert links["การเข้าถึงเว็บไซต์"] == f"/{slug}/accessibility/"
    assert links["การเปิดเผยข้อมูลสาธารณะ (OIT)"] == reverse("org:oit_current", args=[slug])
    assert links["แผนผังเว็บไซต์ (XML)"] == reverse("org:sitemap", args=[slug])


def test_the_header_marks_the_page_the_visitor_is_on(client, org):
    body = client.get(reverse("org:contact", args=[org.slug])).content.decode()
    assert f'<a href="/{org.slug}/contact/" aria-current="page">' in body
    assert f'<a href="/{org.slug}/" aria-current="page">' not in body


def test_another_org_s_site_does_not_leak_into_this_home(client, org, other_org):
    Site.objects.create(org=other_org, intro="ข้อความของบ็อบ", line_oa_url="https://lin.ee/bob")
    body = home(client, org).content.decode()
    assert "ข้อความของบ็อบ" not in body and "lin.ee/bob" not in body


@pytest.mark.parametrize(
    ("phone", "dial"),
    [
        ("044-558-123", "044558123"),
        ("044 558 123 ต่อ 11", "044558123"),
        ("0 4455 8123, 081-234-5678", "044558123"),
        ("+66 44 558 123", "+6644558123"),
        ("โทร. ๐๔๔-๕๕๘๑๒๓", "044558123"),
        ("ไม่มี", ""),
    ],
)
def test_dial_number_takes_the_first_number(phone, dial):
    assert channels.dial_number(phone) == dial


@given(st.text(alphabet=st.sampled_from("0123456789๐๔๙+- ,.ต่อ\n")))
def test_dial_number_gives_only_what_a_tel_link_dials(phone):
    dial = channels.dial_number(phone)
    assert dial == "" or re.fullmatch(r"\+?[0-9]+", dial)
    # Nothing is made up: its digits are the first ones of the field.
    digits = "".join(ch for ch in to_arabic_digits(phone) if ch in "0123456789")
    assert digits.startswith(dial.lstrip("+"))
    assert (dial == "") == (digits == "")


def test_popular_services_counts_only_since_the_date_given(org):
    service = ServiceFactory(org=org, kind=Service.Kind.ESERVICE)
    inbox.submit_case(
        org=org,
        channel="eservice",
        subject="เรื่องเก่า",
        service=service,
        received_at=timezone.make_aware(datetime(2024, 1, 1)),
    )
    [counted] = popular_services(
        org=org, since=timezone.make_aware(datetime(2023, 12, 31)), limit=8
    )
    [not_counted] = popular_services(org=org, since=timezone.now(), limit=8)
    assert counted.uses == 1 and not_counted.uses == 0
