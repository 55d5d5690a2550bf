"""Journeys in headless Chromium against the live server."""

import pytest
from django.core.management import call_command

from prongsai.orgs.demo import DEMO_PASSWORD
from prongsai.orgs.models import AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("demo", verbosity=0)
    return live_server.url


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page scrolls sideways: {width}px"


def test_citizen_finds_the_org_on_a_phone(phone, demo):
    phone.goto(demo + "/")
    assert_fits_the_screen(phone)
    phone.get_by_role("link", name="องค์การบริหารส่วนตำบลปราสาททอง").click()
    phone.wait_for_url(demo + "/prasat-thong/")
    assert phone.get_by_role("heading", level=1).inner_text() == "องค์การบริหารส่วนตำบลปราสาททอง"
    assert phone.get_by_role("link", name="ตอบแบบวัด EIT").is_visible()
    assert_fits_the_screen(phone)
    # Sarabun is the instance's own file, and the page asked no other host for anything.
    assert phone.evaluate("document.fonts.check('16px Sarabun', 'ปราสาททอง')")
    assert all(url.startswith(demo) for url in phone.requested_urls), phone.requested_urls


def test_staff_signs_in_and_reaches_the_staff_area(phone, demo):
    phone.goto(demo + "/prasat-thong/")
    phone.get_by_role("link", name="เจ้าหน้าที่เข้าสู่ระบบ").click()
    phone.get_by_label("ชื่อผู้ใช้").fill("pt-admin")
    phone.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    phone.wait_for_url(demo + "/prasat-thong/staff/")
    assert phone.get_by_text("ผู้ดูแลระบบของหน่วยงาน").is_visible()
    assert_fits_the_screen(phone)

    phone.get_by_role("link", name="บันทึกการใช้งานระบบ").click()
    assert phone.get_by_role("cell", name="pt-admin").first.is_visible()
    assert_fits_the_screen(phone)


def test_wrong_passwords_lock_the_sign_in(phone, demo, settings):
    phone.goto(demo + "/accounts/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        phone.get_by_label("ชื่อผู้ใช้").fill("pt-staff")
        phone.get_by_label("รหัสผ่าน").fill("not the password")
        phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    assert phone.get_by_role("heading", name="ระงับการเข้าสู่ระบบชั่วคราว").is_visible()
    assert AuditEvent.objects.filter(action="lockout", detail__username="pt-staff").exists()
