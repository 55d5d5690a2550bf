"""An admin writes a news item in the editor and publishes it; a visitor reads and shares it."""

import io
import re

import pytest
from PIL import Image

from prongsai.orgs.tests.factories import PASSWORD
from prongsai.portal.models import NewsItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "ขอเชิญร่วมงานวันเด็กแห่งชาติ ประจำปี 2567"


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = live_server.url
    return live_server.url


def banner() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2400, 1260), "#43a047").save(out, "JPEG")
    return out.getvalue()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def write_with_the_editor(page) -> None:
    editor = page.locator("trix-editor")
    editor.click()
    page.keyboard.type("ขอเชิญเด็กและผู้ปกครองร่วม ")
    page.get_by_role("button", name="ตัวหนา").click()
    page.keyboard.type("งานวันเด็กแห่งชาติ")
    page.get_by_role("button", name="ตัวหนา").click()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="รายการแบบจุด").click()
    page.keyboard.type("เล่นเกมชิงรางวัล")
    page.keyboard.press("Enter")
    page.keyboard.type("อาหารกลางวันฟรี")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type("เว็บไซต์")
    # Select the word through Trix itself, until the selection holds: a Shift+Home,
    # or a selection made while Trix still renders the typing, can come to nothing
    # on a busy machine.
    page.wait_for_function(
        """() => {
            const editor = document.querySelector('trix-editor').editor;
            const start = editor.getDocument().toString().lastIndexOf('เว็บไซต์');
            if (start < 0) return false;
            const [from, to] = editor.getSelectedRange();
            if (from === start && to === start + 'เว็บไซต์'.length) return true;
            editor.setSelectedRange([start, start + 'เว็บไซต์'.length]);
            return false;
        }"""
    )
    page.get_by_role("button", name="ลิงก์").click()
    page.get_by_label("ที่อยู่ของลิงก์").fill("https://www.example.org/children")
    page.get_by_role("button", name="ใส่ลิงก์").click()


def test_an_admin_publishes_news_that_a_visitor_reads_and_shares(browser, phone, site, org, alice):
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    staff = desk.new_page()
    console: list[str] = []
    staff.on("console", lambda message: console.append(f"{message.type}: {message.text}"))

    staff.goto(f"{site}/accounts/login/")
    staff.get_by_label("ชื่อผู้ใช้").fill("alice")
    staff.get_by_label("รหัสผ่าน").fill(PASSWORD)
    staff.get_by_role("button", name="เข้าสู่ระบบ").click()
    staff.goto(f"{site}/alice-town/staff/news/new/")
    staff.wait_for_function("document.querySelector('trix-editor').editor !== undefined")
    # Trix's own <style> came in under the page's nonce: it hides the link dialog.
    assert staff.locator(".trix-dialog--link").is_hidden()

    staff.get_by_label("ประเภท").select_option(label="ข่าวกิจกรรม")
    staff.get_by_label("หัวข้อ").fill(TITLE)
    staff.get_by_label("สรุปย่อ").fill("เด็กและผู้ปกครองร่วมกิจกรรมที่ลานหน้าที่ทำการ อบต.")
    write_with_the_editor(staff)
    # Trix copies the text into the form's hidden input once it has rendered.
    staff.wait_for_function("document.getElementById('id_body').value.includes('</a>')")
    staff.get_by_label("ภาพประกอบ", exact=True).set_input_files(
        {"name": "children.jpg", "mimeType": "image/jpeg", "buffer": banner()}
    )
    staff.get_by_label("คำอธิบายภาพ").fill("เด็ก ๆ เล่นเกมที่ลานหน้าที่ทำการ อบต.")
    staff.get_by_role("button", name="บันทึกและเผยแพร่ทันที").click()
    staff.get_by_text(f"บันทึก “{TITLE}” แล้ว").wait_for()

    item = NewsItem.objects.get()
    assert item.is_public() and item.kind == NewsItem.Kind.ACTIVITY
    assert "<strong>งานวันเด็กแห่งชาติ</strong>" in item.body
    assert "<ul><li>เล่นเกมชิงรางวัล</li><li>อาหารกลางวันฟรี</li></ul>" in item.body
    assert re.search(
        r'<a href="https://www.example.org/children" rel="noopener noreferrer">เว็บไซต์</a>',
        item.body,
    )
    with Image.open(item.image.path) as stored:
        assert max(stored.size) == 1600
    violations = [line for line in console if "Content Security Policy" in line]
    assert violations == [], violations
    desk.close()

    # A villager opens the news on a phone, without signing in.
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    phone.goto(f"{site}/alice-town/news/")
    assert fits_the_screen(phone)
    phone.get_by_role("link", name=TITLE).click()
    phone.wait_for_url(f"{site}/alice-town/news/{item.pk}/")
    assert fits_the_screen(phone)
    address = f"{site}/alice-town/news/{item.pk}/"
    assert phone.get_by_role("heading", level=1).inner_text() == TITLE
    assert phone.locator("article strong").inner_text() == "งานวันเด็กแห่งชาติ"
    picture = phone.get_by_role("img", name="เด็ก ๆ เล่นเกมที่ลานหน้าที่ทำการ อบต.")
    assert picture.evaluate("img => img.complete && img.naturalWidth") == 1600

    def meta(prop: str) -> str:
        return phone.locator(f'meta[property="{prop}"]').get_attribute("content")

    assert meta("og:title") == TITLE and meta("og:url") == address
    assert meta("og:image").startswith(f"{address}image/?v=")
    assert phone.request.get(meta("og:image")).status == 200
    facebook = phone.get_by_role("link", name="แชร์ไปยัง Facebook")
    line = phone.get_by_role("link", name="แชร์ไปยัง LINE")
    assert facebook.get_attribute("href") == (
        "https://www.facebook.com/sharer/sharer.php?u="
        + address.replace(":", "%3A").replace("/", "%2F")
    )
    assert line.get_attribute("href").startswith("https://social-plugins.line.me/lineit/share?url=")
    assert facebook.get_attribute("target") == "_blank" and "noopener" in facebook.get_attribute(
        "rel"
    )

    phone.get_by_role("button", name="คัดลอกลิงก์").click()
    phone.get_by_text("คัดลอกลิงก์แล้ว").wait_for()
    assert phone.evaluate("navigator.clipboard.readText()") == address
    # Share links are followed by the visitor, never loaded by the page.
    assert all(url.startswith(site) for url in phone.requested_urls), phone.requested_urls
