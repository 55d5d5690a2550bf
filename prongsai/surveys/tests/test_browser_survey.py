"""A citizen scans a survey's QR code, answers on a phone, and staff see the answer (Chromium)."""

import pytest
from django.core.management import call_command

from prongsai.orgs.demo import DEMO_PASSWORD
from prongsai.surveys import demo, posters
from prongsai.surveys.models import Response, Survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = live_server.url
    call_command("demo", verbosity=0)
    return live_server.url


def sign_in(page, site, username):
    page.goto(site + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_answer_a_survey_from_its_qr_code(browser, phone, site):
    survey = Survey.objects.get(title=demo.SERVICE_SURVEY_TITLE)
    before = Response.objects.filter(survey=survey).count()

    # Staff print the poster; its QR code is the one made for the URL it prints.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    staff = desk.new_page()
    sign_in(staff, site, "pt-officer")
    staff.goto(f"{site}/prasat-thong/staff/surveys/{survey.pk}/poster/")
    url = staff.locator(".poster-url a").inner_text()
    assert url == f"{site}/prasat-thong/surveys/{survey.pk}/"
    png = staff.request.get(f"{site}/prasat-thong/staff/surveys/{survey.pk}/poster.png")
    assert png.body() == posters.qr_png(url)

    # A villager scans it: a phone, no login, one tap per question.
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    for n, question in enumerate(q for q in survey.questions.all() if q.kind == "likert"):
        phone.locator(f"label[for={question.field_name}-{4 + n % 2}]").click()
    phone.get_by_label("ข้อเสนอแนะ").fill("บริการดี <b>รวดเร็ว</b>")
    phone.get_by_role("button", name="ส่งคำตอบ").click()
    phone.get_by_text("ขอบคุณที่ตอบแบบสำรวจ").wait_for()
    assert phone.locator(".survey-count").inner_text() == f"{before + 1} คน"
    assert all(u.startswith(site) for u in phone.requested_urls), phone.requested_urls

    # Scanning again on the same phone lands on the thanks page, not a second form.
    phone.goto(url)
    phone.get_by_text("ผลการสำรวจถึงขณะนี้").wait_for()
    assert Response.objects.filter(survey=survey).count() == before + 1

    # The results page counts it, and lists the suggestion as typed.
    staff.goto(f"{site}/prasat-thong/staff/surveys/{survey.pk}/results/")
    assert staff.locator(".sv-stat__value").first.inner_text() == str(before + 1)
    assert staff.get_by_text("บริการดี <b>รวดเร็ว</b>").is_visible()
    desk.close()
