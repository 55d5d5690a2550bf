"""The contact page, the PDPA privacy notice and the accessibility statement of an org."""

from datetime import datetime, time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.livechat.models import OfficeHours
from prongsai.messaging.messenger.models import MessengerPage
from prongsai.orgs.tests.factories import DivisionFactory
from prongsai.portal import views
from prongsai.portal.models import Site
from prongsai.thai import format_date

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def contact_data(org):
    org.address = "เลขที่ 9 หมู่ที่ 1 ตำบลอลิซ"
    org.phone = "044-111-222"
    org.email = "saraban@alice.go.th"
    org.save()
    return Site.objects.create(
        org=org,
        office_hours="จันทร์–ศุกร์ 08.30–16.30 น.",
        facebook_url="https://www.facebook.com/alicetown",
        privacy_contact="นางสาวข้อมูล ปลอดภัย ผู้ดูแลเว็บไซต์ โทร 044-111-223",
    )


def connect_line(org, basic_id="@alicetown") -> LineAccount:
    account = LineAccount(org=org, basic_id=basic_id)
    account.channel_secret, account.access_token = "secret", "token"
    account.save()
    return account


def page(client, org, name) -> str:
    response = client.get(reverse(f"org:{name}", args=[org.slug]))
    assert response.status_code == 200
    return response.content.decode()


# Contact -------------------------------------------------------------------------------


def test_contact_page_gives_the_office_and_its_divisions(client, org, other_org, contact_data):
    DivisionFactory(org=org, name="กองช่าง")
    DivisionFactory(org=other_org, name="กองของบ็อบ")
    body = page(client, org, "contact")
    assert "เลขที่ 9 หมู่ที่ 1 ตำบลอลิซ" in body
    assert '<a href="tel:044111222">044-111-222</a>' in body
    assert 'href="mailto:saraban@alice.go.th"' in body
    assert "จันทร์–ศุกร์ 08.30–16.30 น." in body
    assert "กองช่าง" in body and "กองของบ็อบ" not in body


def test_contact_page_explains_every_two_way_channel(client, org, contact_data):
    ServiceFactory(org=org, code="tujarit", kind=Service.Kind.CORRUPTION)
    connect_line(org)
    body = page(client, org, "contact")
    slug = org.slug
    for address in (
        f"/{slug}/complain/",
        f"/{slug}/complain/?service=tujarit",
        f"/{slug}/services/",
        "https://line.me/R/ti/p/@alicetown",
        f"/{slug}/chat/",
        f"/{slug}/qa/",
        f"/{slug}/board/",
        f"/{slug}/track/",
        "https://www.facebook.com/alicetown",
    ):
        assert f'href="{address}"' in body, address
    # How to use the LINE bot: the words it answers to.
    assert "“แจ้งเรื่อง”" in body and "“ติดตาม”" in body
    assert "<title>QR Code เพิ่มเพื่อน LINE</title>" in body


def test_contact_page_shows_the_live_chat_hours(client, org):
    OfficeHours.objects.create(org=org, weekday=0, opens=time(9, 0), closes=time(12, 0))
    body = page(client, org, "contact")
    assert "09:00–12:00" in body
    assert "เวลาทำการของแชทสด" in body


def test_messenger_is_described_only_when_the_page_is_connected(client, org, contact_data):
    assert "Messenger" not in page(client, org, "contact")
    MessengerPage.objects.create(org=org, page_id="123", verify_token="v")
    assert "Messenger" in page(client, org, "contact")


# Privacy -------------------------------------------------------------------------------


def test_privacy_notice_names_the_controller_and_its_coordinator(client, org, contact_data):
    body = page(client, org, "privacy")
    assert "อบต.อลิซ" in body
    assert "เลขที่ 9 หมู่ที่ 1 ตำบลอลิซ" in body
    assert "นางสาวข้อมูล ปลอดภัย ผู้ดูแลเว็บไซต์ โทร 044-111-223" in body
    assert "พ.ศ. 2562" in body


def test_privacy_notice_lists_the_cookies_as_settings_make_them(client, org, settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    settings.CSRF_COOKIE_NAME = "formtoken"
    body = page(client, org, "privacy")
    assert "<code>formtoken</code>" in body
    assert f"<code>{settings.SESSION_COOKIE_NAME}</code>" in body
    assert f"<code>{settings.LANGUAGE_COOKIE_NAME}</code>" in body
    assert "<code>answered-…</code>" in body
    assert "8 ชั่วโมง" in body
    assert "ไม่มีคุกกี้ติดตามหรือคุกกี้โฆษณา" in body


def test_privacy_notice_describes_line_only_as_the_org_uses_it(client, org):
    assert "LINE" not in page(client, org, "privacy")
    Site.objects.create(org=org, line_oa_url="https://lin.ee/abc")
    body = page(client, org, "privacy")
    assert "อยู่ในระบบของ LINE ไม่ผ่านเว็บไซต์นี้" in body
    connect_line(org)
    body = page(client, org, "privacy")
    assert "รหัสผู้ใช้ที่ LINE ส่งให้หน่วยงาน" in body
    assert "ไม่ผ่านเว็บไซต์นี้" not in body


def test_privacy_notice_says_who_sees_a_corruption_complaint(client, org):
    body = page(client, org, "privacy")
    assert "เฉพาะเจ้าหน้าที่ในตำแหน่งที่ได้รับมอบหมายให้รับเรื่องทุจริต" in body
    assert "ระบบบันทึกทุกครั้งที่เปิดดู" in body


def test_e_services_are_described_only_when_the_org_offers_some(client, org):
    assert "บริการออนไลน์ (E-Service)" not in page(client, org, "privacy").split("<main")[1]
    ServiceFactory(org=org, kind=Service.Kind.ESERVICE)
    assert "บริการออนไลน์ (E-Service)" in page(client, org, "privacy").split("<main")[1]


def test_privacy_notice_is_dated_by_its_text_or_the_org_s_last_change(client, org):
    revised = format_date(views.PRIVACY_NOTICE_REVISED, thai_digits=False)
    assert f"ปรับปรุงล่าสุดเมื่อ {revised}" in page(client, org, "privacy")
    later = datetime(2030, 5, 1, 10, tzinfo=timezone.get_current_timezone())
    site = Site.objects.create(org=org, privacy_contact="ผู้ประสานงานคนใหม่")
    Site.objects.filter(pk=site.pk).update(updated_at=later)
    cache.clear()  # a queryset update sends no signal
    assert "ปรับปรุงล่าสุดเมื่อ 1 พฤษภาคม 2573" in page(client, org, "privacy")


# Accessibility -----------------------------------------------------------------------


def test_accessibility_statement_gives_target_checks_and_how_to_report(client, org, contact_data):
    body = page(client, org, "accessibility")
    assert "WCAG) 2.1 ระดับ AA" in body
    assert "axe-core" in body and "360" in body and "แป้นพิมพ์" in body
    assert f'href="/{org.slug}/complain/"' in body
    assert 'href="mailto:saraban@alice.go.th"' in body
    reviewed = format_date(views.ACCESSIBILITY_REVIEWED, thai_digits=False)
    assert f"จัดทำเมื่อ {reviewed}" in body


@pytest.mark.parametrize("name", ["contact", "privacy", "accessibility"])
def test_each_statement_is_the_org_s_own(client, org, other_org, name):
    body = page(client, other_org, name)
    assert "อบต.บ็อบ" in body and "อบต.อลิซ" not in body


@pytest.mark.parametrize("name", ["contact", "privacy", "accessibility"])
def test_each_statement_is_in_english_too(client, org, name):
    client.get("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(reverse(f"org:{name}", args=[org.slug]))
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
