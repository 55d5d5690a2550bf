"""A road fixed twice: the reporter sees the proof, reopens a fix that failed and
confirms the one that held; the public statistics count the reopening (Chromium)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import translation
from PIL import Image

from prongsai.inbox.models import Case
from prongsai.thai.templatetags.thaidates import thaidate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "หลุมบ่อหน้าศาลาหมู่บ้าน"


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RATE_LIMIT_FACTOR = 1000
    call_command("demo", verbosity=0)
    return live_server.url + "/prasat-thong"


@pytest.fixture
def photos(tmp_path):
    def make(name: str, color: str) -> str:
        path = tmp_path / name
        Image.new("RGB", (320, 240), color).save(path, "JPEG")
        return str(path)

    return make


@pytest.fixture
def desk(browser, live_server, site):
    """The officer's screen, 1280 px wide, signed in through the real login page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("pt-officer")
    page.get_by_label("รหัสผ่าน").fill("prongsai-demo")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_load_state()
    yield page
    context.close()


def resolve(desk, url: str, text: str, **files: str) -> None:
    desk.goto(url)
    close = desk.locator("form", has=desk.get_by_role("button", name="ปิดเรื่อง", exact=True))
    close.get_by_label("ผลการปิดเรื่อง").select_option(label="ดำเนินการแล้วเสร็จ")
    close.get_by_label("ผลการดำเนินการ (แจ้งผู้แจ้ง)").fill(text)
    for label, path in files.items():
        close.get_by_label(label).set_input_files(path)
    close.get_by_role("button", name="ปิดเรื่อง", exact=True).click()
    desk.get_by_text("บันทึกแล้ว").wait_for()


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def reopened_on_statistics(phone, site: str) -> int:
    """The cases reopened this fiscal year, as the public statistics page says."""
    phone.goto(site + "/stats/")
    return int(phone.locator('table#follow-through td[data-total="reopened"]').inner_text())


def test_a_fix_reopened_then_confirmed(phone, desk, site, photos):
    # The demo has reopened matters of its own this year.
    reopened_before = reopened_on_statistics(phone, site)

    # The citizen files a physical problem through the real form, without a photo.
    phone.goto(site + "/complain/")
    phone.get_by_label("เรื่องที่ต้องการร้องเรียน").select_option(label="ถนนชำรุด")
    phone.get_by_label("หัวเรื่อง").fill(SUBJECT)
    phone.get_by_label("รายละเอียด").fill("รถจักรยานยนต์ล้มทุกคืน")
    phone.get_by_role("button", name="ส่งเรื่อง").click()
    phone.get_by_text("ได้รับเรื่องของท่านแล้ว").wait_for()
    tracking = phone.url.split("?")[0]
    case = Case.objects.get(subject=SUBJECT)
    staff = f"{site}/staff/cases/{case.tracking_code}/"

    # Without photos the officer is told what proof a physical matter needs.
    desk.goto(staff)
    assert desk.get_by_text("ต้องแนบภาพหลังแก้ไข และภาพก่อนแก้ไขถ้าเรื่องยังไม่มีภาพ").is_visible()
    close = desk.locator("form", has=desk.get_by_role("button", name="ปิดเรื่อง", exact=True))
    close.get_by_label("ผลการปิดเรื่อง").select_option(label="ดำเนินการแล้วเสร็จ")
    close.get_by_label("ผลการดำเนินการ (แจ้งผู้แจ้ง)").fill("กลบหลุมแล้ว")
    close.get_by_role("button", name="ปิดเรื่อง", exact=True).click()
    desk.get_by_text("เรื่องทางกายภาพต้องแนบภาพหลังแก้ไขอย่างน้อย 1 ภาพ").wait_for()
    case.refresh_from_db()
    assert case.is_open

    resolve(
        desk,
        staff,
        "กลบหลุมด้วยลูกรังแล้ว",
        ภาพก่อนแก้ไข=photos("before.jpg", "saddlebrown"),
        ภาพหลังแก้ไข=photos("after.jpg", "gray"),
    )
    assert desk.locator(".proof-photo figcaption", has_text="ภาพหลังแก้ไข").is_visible()
    assert fits(desk, 1280)

    # The reporter sees the proof and says it is not fixed.
    phone.goto(tracking)
    after = phone.locator(".proof__side--after img").first
    after.wait_for()
    assert phone.evaluate("img => img.complete && img.naturalWidth > 0", after.element_handle())
    assert phone.get_by_text("กลบหลุมด้วยลูกรังแล้ว").first.is_visible()
    case.refresh_from_db()
    with translation.override("th"):
        deadline = thaidate(case.closed_at + timedelta(days=14))  # the demo's policy
    assert deadline in phone.locator("#decide").inner_text()
    assert fits(phone, 360)
    phone.get_by_label("เหตุผลที่ขอเปิดเรื่องใหม่").fill("ฝนตกคืนเดียว ลูกรังไหลหมด หลุมกลับมาอีก")
    phone.get_by_label("ภาพสภาพปัจจุบัน (ถ้ามี)").set_input_files(photos("still.jpg", "black"))
    phone.get_by_role("button", name="ยังไม่ได้รับการแก้ไข ขอเปิดเรื่องใหม่").click()
    phone.get_by_text("เปิดเรื่องใหม่แล้ว เรื่องกลับไปยังหน่วยงานที่รับผิดชอบ").wait_for()
    # Nobody held it: it waits in its division's inbox again.
    assert phone.locator(".status").first.inner_text() == "รับเรื่องแล้ว"
    case.refresh_from_db()
    assert case.is_open and case.reopen_count == 1

    # The officer sees why, and fixes it properly; the old photo of the place stands.
    desk.goto(staff)
    assert desk.get_by_text("เปิดใหม่ 1 ครั้ง").is_visible()
    assert desk.get_by_text("ฝนตกคืนเดียว ลูกรังไหลหมด หลุมกลับมาอีก").is_visible()
    resolve(desk, staff, "ลาดยางแอสฟัลต์ทั้งช่วงแล้ว", ภาพหลังแก้ไข=photos("asphalt.jpg", "white"))

    # The reporter confirms the second fix.
    phone.goto(tracking)
    assert phone.get_by_text("ลาดยางแอสฟัลต์ทั้งช่วงแล้ว").first.is_visible()
    assert phone.locator(".proof__side--after img").count() == 1
    phone.get_by_role("button", name="ยืนยันว่าแก้ไขแล้ว").click()
    phone.get_by_text("ขอบคุณที่ยืนยันผลการแก้ไข").wait_for()
    assert phone.get_by_text("ผู้แจ้งยืนยันแล้วว่าเรื่องนี้ได้รับการแก้ไข").is_visible()
    assert phone.get_by_role("button", name="ยืนยันว่าแก้ไขแล้ว").count() == 0
    case.refresh_from_db()
    assert case.confirmed_at is not None and case.reopen_count == 1
    assert fits(phone, 360)
    assert all(url.startswith(site.rsplit("/", 1)[0]) for url in phone.requested_urls)

    # The public statistics count the matter reopened once.
    assert reopened_on_statistics(phone, site) == reopened_before + 1
