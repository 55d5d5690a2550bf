"""A citizen asks a question on a phone and finds it on the Q&A board (Chromium)."""

import pytest

from prongsai.inbox.models import Case
from prongsai.messaging.boards import services
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Thai with no place to break, for 150 letters: it must not widen the page.
SUBJECT = "ขอรับเบี้ยยังชีพแทนผู้สูงอายุได้ไหม " + "ก" * 150


@pytest.fixture
def site(live_server, org, settings):
    # A person takes longer than a script to fill the form; one second stands for that here.
    settings.BOARDS_MIN_FORM_SECONDS = 1
    return f"{live_server.url}/{org.slug}"


def test_ask_a_question_see_it_wait_then_find_it_answered(phone, site, org):
    phone.goto(site + "/")
    phone.get_by_role("link", name="กระดานถาม-ตอบ (Q&A)").click()
    phone.get_by_role("link", name="ถามคำถาม").click()
    phone.get_by_label("คำถาม (หัวข้อ)").fill(SUBJECT)
    phone.get_by_label("รายละเอียด").fill("ผู้สูงอายุในบ้านเดินไม่สะดวก 🙏 <b>ด่วน</b>")
    phone.get_by_label("ชื่อที่แสดง (ไม่บังคับ ใช้นามแฝงได้)").fill("ลูกหลานหมู่ 6")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.wait_for_timeout(1100)
    phone.get_by_role("button", name="ส่งคำถาม").click()

    # Pre-moderation (the default): the question waits, and the asker has a code.
    phone.get_by_text("ได้รับคำถามของท่านแล้ว").wait_for()
    assert phone.get_by_text("คำถามรอการตรวจสอบ", exact=False).is_visible()
    case = Case.objects.get(subject=SUBJECT)
    assert (case.channel, case.kind) == ("qa", "question")
    code = f"{case.tracking_code[:4]}-{case.tracking_code[4:]}"
    assert phone.locator(".tracking-code").first.inner_text() == code
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    # Staff answer it, which publishes it: now it is listed for everyone.
    staff = MembershipFactory(org=org, role=Membership.Role.OFFICER).user
    services.answer_question(question=case.qa_question, actor=staff, text="มอบอำนาจได้")
    phone.goto(site + "/qa/")
    phone.get_by_role("link", name=SUBJECT).click()
    phone.get_by_text("มอบอำนาจได้").wait_for()
    assert phone.get_by_text("ลูกหลานหมู่ 6").is_visible()
    assert phone.get_by_text("<b>ด่วน</b>", exact=False).is_visible()  # text, not markup
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert all(url.startswith(site.rsplit("/", 1)[0]) for url in phone.requested_urls)
