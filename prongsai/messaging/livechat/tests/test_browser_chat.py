"""A visitor on a phone and an officer at the console chat with each other (Chromium)."""

import pytest
from playwright.sync_api import expect

from prongsai.inbox.tracking import display
from prongsai.messaging.livechat.models import Chat
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Polling is every second; a message must be on the other screen well within this.
DELIVERY_MS = 4000


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Membership.Role.OFFICER, "chat-officer", user__first_name="สมศรี").user


@pytest.fixture
def console(browser, live_server, officer):
    """A second browser, signed in through the real login form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(officer.username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url("**/staff/")
    yield page
    context.close()


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page scrolls sideways: {width}px"


def test_visitor_and_officer_chat(phone, console, live_server, org, open_hours, road_service):
    site = f"{live_server.url}/{org.slug}"
    errors = []
    for page in (phone, console):
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    console.get_by_role("link", name="แชทสด").click()
    console.wait_for_url(f"{site}/staff/chat/")

    # The visitor finds the button on the home page and starts a chat.
    phone.goto(site + "/")
    phone.get_by_role("link", name="แชทกับเจ้าหน้าที่").click()
    phone.get_by_label("ชื่อของท่าน (ไม่บังคับ)").fill("ป้าแดง")
    phone.get_by_label("ข้อความถึงเจ้าหน้าที่").fill("สวัสดีค่ะ ถนนหน้าวัดเป็นหลุม <b>ใหญ่</b> 🙏")
    phone.get_by_role("button", name="เริ่มแชท").click()
    expect(phone.get_by_text("สวัสดีค่ะ ถนนหน้าวัดเป็นหลุม <b>ใหญ่</b> 🙏")).to_be_visible()
    assert_fits_the_screen(phone)

    # It appears in the console's waiting list without a reload; the officer takes it.
    waiting = console.get_by_role("link", name="ป้าแดง")
    expect(waiting).to_be_visible(timeout=DELIVERY_MS)
    waiting.click()
    console.get_by_role("button", name="รับแชทนี้").click()
    expect(console.get_by_label("พิมพ์ข้อความ")).to_be_visible()
    expect(phone.get_by_text("เจ้าหน้าที่เข้าร่วมการสนทนาแล้ว: สมศรี")).to_be_visible(timeout=DELIVERY_MS)
    expect(phone.get_by_text("กำลังสนทนากับเจ้าหน้าที่ สมศรี")).to_be_visible()

    # Visitor → officer.
    phone.get_by_label("พิมพ์ข้อความ").fill("อยู่หน้าวัดบ้านหนองบัวค่ะ")
    phone.get_by_role("button", name="ส่งข้อความ").click()
    expect(phone.get_by_text("อยู่หน้าวัดบ้านหนองบัวค่ะ")).to_be_visible(timeout=DELIVERY_MS)
    expect(phone.get_by_label("พิมพ์ข้อความ")).to_have_value("")
    expect(console.get_by_text("อยู่หน้าวัดบ้านหนองบัวค่ะ")).to_be_visible(timeout=DELIVERY_MS)

    # Officer → visitor.
    console.get_by_label("พิมพ์ข้อความ").fill("รับทราบค่ะ จะแจ้งกองช่างให้")
    console.get_by_role("button", name="ส่งข้อความ").click()
    expect(phone.get_by_text("รับทราบค่ะ จะแจ้งกองช่างให้")).to_be_visible(timeout=DELIVERY_MS)
    expect(console.get_by_text("รับทราบค่ะ จะแจ้งกองช่างให้")).to_have_count(1)

    # The officer files it as a complaint; the visitor sees the code and the link.
    console.get_by_label("หมวดเรื่องร้องเรียน").select_option(label="ถนนชำรุด")
    console.get_by_role("button", name="บันทึกเป็นเรื่องร้องเรียน").click()
    code = display(Chat.objects.get().case.tracking_code)
    expect(phone.get_by_text(code)).to_be_visible(timeout=DELIVERY_MS)
    phone.get_by_role("link", name="ดูความคืบหน้าของเรื่อง").click()
    expect(phone.get_by_role("heading", name=f"ติดตามเรื่อง {code}")).to_be_visible()
    expect(phone.get_by_text("กองช่าง")).to_be_visible()

    assert_fits_the_screen(phone)
    assert all(url.startswith(live_server.url) for url in phone.requested_urls)
    assert not [e for e in errors if "favicon" not in e], errors  # CSP refusals show here
