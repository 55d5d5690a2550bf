"""An assessor follows every OIT link of the demo's 2566; staff complete a missing item."""

import importlib.util
import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from prongsai.orgs.demo import DEMO_PASSWORD
from prongsai.orgs.models import Organization
from prongsai.portal import oit_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/oit")
INDEX = "/prasat-thong/oit/2566/"


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = live_server.url
    cache.clear()
    # A transactional test starts from a flushed database: reload what migrations loaded.
    call_command("load_framework", stdout=io.StringIO())
    call_command("demo", verbosity=0)
    org = Organization.objects.get(slug="prasat-thong")
    # The org's pages and news come from the news engineer's demo, when it is there.
    if importlib.util.find_spec("prongsai.portal.demo") is not None:
        from prongsai.portal import demo as site_demo

        site_demo.load(org)
    oit_demo.load(org)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url


def sign_in(page, site, username):
    page.goto(site + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_every_evidence_link_of_2566_opens(browser, site):
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = desk.new_page()
    page.goto(site + INDEX)
    assert page.get_by_role("heading", level=1).inner_text().endswith("ปีงบประมาณ 2566")
    links = page.locator(".oit-links a").evaluate_all("links => links.map(a => a.href)")
    assert len(links) >= 35
    assert all(link.startswith(site) for link in links), links
    failures = {}
    for link in dict.fromkeys(links):
        response = page.request.get(link)
        if response.status >= 400:
            failures[link] = response.status
    assert failures == {}
    # An item's anchor brings it into view.
    page.goto(site + INDEX + "#O33")
    assert page.locator("#O33").is_visible()
    page.screenshot(path=str(SHOTS / "index-1280.png"), full_page=True)
    desk.close()


def test_the_index_fits_a_phone(phone, site):
    phone.goto(site + INDEX)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the index scrolls sideways: {width}px"
    assert all(url.startswith(site) for url in phone.requested_urls), phone.requested_urls
    phone.screenshot(path=str(SHOTS / "index-360.png"), full_page=True)


def test_staff_see_the_missing_items_and_add_a_link(browser, site):
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    staff = desk.new_page()
    sign_in(staff, site, "pt-officer")
    staff.goto(f"{site}/prasat-thong/staff/oit/2566/")
    staff.get_by_role("link", name="เฉพาะข้อที่ยังไม่มีหลักฐาน").click()
    missing = staff.locator(".oit-item").evaluate_all("items => items.map(i => i.id)")
    assert "O13" in missing and "O19" not in missing
    staff.screenshot(path=str(SHOTS / "staff-missing-1280.png"), full_page=True)
    staff.locator("#O13").get_by_role("link", name="เพิ่มหลักฐาน").click()
    form = staff.locator("#add-link")
    form.get_by_label("ชื่อหลักฐาน").fill("รายงานผลการดำเนินงานประจำปี 2566")
    form.get_by_label("ลิงก์").fill(f"{site}/prasat-thong/")
    form.get_by_role("button", name="เพิ่มลิงก์").click()
    staff.get_by_text("เพิ่มหลักฐาน “รายงานผลการดำเนินงานประจำปี 2566” ในข้อ O13 แล้ว").wait_for()
    staff.screenshot(path=str(SHOTS / "staff-item-1280.png"), full_page=True)
    staff.goto(f"{site}/prasat-thong/staff/oit/2566/?missing=1")
    assert staff.locator("#O13").count() == 0
    desk.close()

    # The public sees the link at once: saving evidence renews the cached page.
    visitor = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    page = visitor.new_page()
    page.goto(site + INDEX)
    assert page.locator("#O13 .oit-links a").inner_text() == "รายงานผลการดำเนินงานประจำปี 2566"
    visitor.close()


def test_the_generated_pages_fit_a_phone(phone, site):
    for path, name in [
        ("/prasat-thong/nogift/2566/", "nogift"),
        ("/prasat-thong/complaints/guide/", "guide"),
        ("/prasat-thong/stats/services/2566/", "service-stats"),
    ]:
        phone.goto(site + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways: {width}px"
        phone.screenshot(path=str(SHOTS / f"{name}-360.png"), full_page=True)
