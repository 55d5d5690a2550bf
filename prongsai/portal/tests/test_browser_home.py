"""The demo home page in headless Chromium, on a cheap phone (360 px) and on a desk (1280 px)."""

from pathlib import Path

import pytest
from django.core.management import call_command

from prongsai.orgs.models import Organization
from prongsai.portal.models import Site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/home")
ACTIONS = ["ร้องเรียน/แจ้งปัญหา", "E-Service", "ติดตามเรื่อง", "แจ้งเบาะแสทุจริต"]


@pytest.fixture
def demo(live_server):
    call_command("demo", verbosity=0)
    org = Organization.objects.get(slug="prasat-thong")
    Site.objects.get_or_create(
        org=org,
        defaults={
            "intro": "อบต.ปราสาททองดูแลประชาชน 9 หมู่บ้าน รับเรื่องทุกช่องทาง",
            "office_hours": "จันทร์–ศุกร์ 08.30–16.30 น.",
        },
    )
    return f"{live_server.url}/prasat-thong/"


def open_home(browser, url, width):
    context = browser.new_context(
        viewport={"width": width, "height": 740 if width < 600 else 900}, locale="th-TH"
    )
    page = context.new_page()
    page.goto(url)
    page.evaluate("document.fonts.ready")
    return context, page


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page scrolls sideways: {width}px"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_on_a_phone_the_main_actions_are_there_without_scrolling(browser, demo):
    context, page = open_home(browser, demo, 360)
    try:
        shoot(page, "home-360.png")
        assert_fits_the_screen(page)
        main = page.get_by_role("navigation", name="บริการที่ใช้บ่อย")
        for name in ACTIONS:
            link = main.get_by_role("link", name=name, exact=True)
            box = link.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= 740, name
            # Nothing (such as the chat button) lies over it.
            hit = page.evaluate(
                "([x, y]) => document.elementFromPoint(x, y).closest('a')?.textContent.trim()",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
            )
            assert hit == name
        # The add-friend button stands for the QR code, which a phone cannot scan itself.
        assert page.get_by_role("link", name="เพิ่มเพื่อนทาง LINE").is_visible()
    finally:
        context.close()


def test_on_a_desk_the_line_qr_code_shows(browser, demo):
    context, page = open_home(browser, demo, 1280)
    try:
        shoot(page, "home-1280.png")
        assert_fits_the_screen(page)
        qr = page.locator(".home-channel__qr svg")
        assert qr.is_visible() and qr.bounding_box()["width"] >= 100
        assert qr.locator("title").text_content() == "QR Code เพิ่มเพื่อน LINE"
        link = page.get_by_role("link", name="เพิ่มเพื่อนทาง LINE")
        assert link.get_attribute("href") == "https://line.me/R/ti/p/@prtong"
    finally:
        context.close()


def test_the_complaint_button_opens_the_form(phone, demo):
    phone.goto(demo)
    phone.get_by_role("link", name="ร้องเรียน/แจ้งปัญหา", exact=True).click()
    phone.wait_for_url(f"{demo}complain/")
    assert phone.get_by_role("button", name="ส่งเรื่อง").is_visible()
    assert_fits_the_screen(phone)


def test_a_keyboard_reaches_the_content_and_the_main_actions(phone, demo):
    phone.goto(demo)
    phone.keyboard.press("Tab")
    skip = phone.get_by_role("link", name="ข้ามไปยังเนื้อหา")
    assert skip.evaluate("el => el === document.activeElement") and skip.is_visible()
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent.trim()")
    assert focused == ACTIONS[0]
    outline = phone.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_the_page_shows_no_picture_but_the_emblem_and_asks_no_other_host(phone, demo):
    # Its weight in bytes is prongsai/tests/test_page_weight.py's to check.
    phone.goto(demo)
    assert all(url.startswith(demo.split("/prasat-thong/")[0]) for url in phone.requested_urls)
    images = phone.evaluate("[...document.images].map(img => img.getAttribute('src'))")
    assert all(src.endswith("/logo/") for src in images), images
    assert phone.locator("main svg.qr-code").count() >= 1
