"""A citizen files a complaint on a phone and follows it on the tracking page (Chromium)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image

from prongsai.inbox import services
from prongsai.inbox.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    return live_server.url + "/prasat-thong"


def photo(tmp_path) -> str:
    path = tmp_path / "pothole.jpg"
    Image.new("RGB", (320, 240), "gray").save(path, "JPEG")
    return str(path)


def test_file_a_complaint_and_follow_it(phone, site, tmp_path):
    phone.goto(site + "/")
    phone.get_by_role("link", name="ร้องเรียน/แจ้งปัญหา").click()
    phone.get_by_label("เรื่องที่ต้องการร้องเรียน").select_option(label="ถนนชำรุด")
    phone.get_by_label("หัวเรื่อง").fill("หลุมลึกหน้าโรงเรียนบ้านสามโคก")
    phone.get_by_label("รายละเอียด").fill("เด็กนักเรียนปั่นจักรยานตกหลุมทุกวัน")
    phone.get_by_label("หมู่ที่").fill("6")
    phone.get_by_label("ภาพถ่ายหรือเอกสาร (ไม่เกิน 5 ไฟล์)").set_input_files(photo(tmp_path))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="ส่งเรื่อง").click()

    phone.get_by_text("ได้รับเรื่องของท่านแล้ว").wait_for()
    shown_code = phone.locator(".tracking-code").first.inner_text()
    case = Case.objects.get(subject="หลุมลึกหน้าโรงเรียนบ้านสามโคก")
    assert shown_code == f"{case.tracking_code[:4]}-{case.tracking_code[4:]}"
    assert case.attachments.count() == 1 and case.channel == "web"

    # Later, staff answer; the citizen comes back with the code typed by hand.
    officer = get_user_model().objects.get(username="pt-officer")
    services.assign_case(case=case, assignee=officer, actor=officer)
    services.reply_publicly(case=case, actor=officer, text="ช่างจะเข้าซ่อมวันศุกร์นี้")

    phone.goto(site + "/track/")
    phone.get_by_label("รหัสติดตามเรื่อง").fill(shown_code.lower())
    phone.get_by_role("button", name="ค้นหา").click()
    phone.get_by_text("ช่างจะเข้าซ่อมวันศุกร์นี้").wait_for()
    assert phone.get_by_text("กำลังดำเนินการ").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert all(url.startswith(site.rsplit("/", 1)[0]) for url in phone.requested_urls)


def test_a_missing_detail_is_explained_in_thai(phone, site):
    phone.goto(site + "/complain/")
    phone.get_by_label("หัวเรื่อง").fill("ไม่เลือกหมวด")
    phone.get_by_role("button", name="ส่งเรื่อง").click()
    phone.get_by_text("กรุณาเลือกหมวดเรื่อง").wait_for()
    assert not Case.objects.filter(subject="ไม่เลือกหมวด").exists()
