"""A villager browses the public board on a phone and says "me too" (Chromium)."""

import pytest
from django.core.management import call_command
from PIL import Image

from prongsai.inbox.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    return live_server.url + "/prasat-thong"


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_browse_the_board_and_say_me_too(phone, site, tmp_path):
    phone.goto(site + "/")
    phone.get_by_role("link", name="กระดานเรื่องสาธารณะ").click()
    phone.get_by_role("heading", name="กระดานเรื่องสาธารณะ").wait_for()
    assert fits(phone)

    # The map has one link per listed matter with coordinates.
    listed = [
        int(href.rstrip("/").rsplit("/", 1)[1])
        for href in phone.locator(".board-item__title").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
    ]
    located = Case.objects.filter(pk__in=listed).exclude(latitude=None).count()
    assert located > 0
    assert phone.locator("svg.board-map__svg a").count() == located

    phone.get_by_label("หมู่บ้าน", exact=True).select_option(label="ม.6 บ้านสามโคก")
    phone.get_by_role("button", name="แสดง").click()
    phone.wait_for_url("**village=6**")
    titles = phone.locator(".board-item__title").all_inner_texts()
    assert "หลุมบนถนนหน้าวัดบ้านสามโคก" in titles
    assert set(Case.objects.filter(subject__in=titles).values_list("village_no", flat=True)) == {6}
    assert fits(phone)

    phone.get_by_role("link", name="หลุมบนถนนหน้าวัดบ้านสามโคก", exact=True).click()
    count = phone.locator(".board-me-too-count")
    assert count.inner_text() == "0"
    path = tmp_path / "same-pothole.jpg"
    Image.new("RGB", (320, 240), "gray").save(path, "JPEG")
    phone.get_by_label("ภาพถ่าย (ถ้ามี ไม่เกิน 5 ภาพ)").set_input_files(str(path))
    assert fits(phone)
    phone.get_by_role("button", name="ฉันพบปัญหานี้ด้วย").click()

    phone.get_by_text("ขอบคุณ บันทึกแล้ว").wait_for()
    assert count.inner_text() == "1"
    assert fits(phone)
    case = Case.objects.get(subject="หลุมบนถนนหน้าวัดบ้านสามโคก")
    assert case.me_too_count == 1 and case.attachments.filter(is_public=False).count() == 1
    assert all(url.startswith(site.rsplit("/", 1)[0]) for url in phone.requested_urls)
