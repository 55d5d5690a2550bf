"""A conversation that files a complaint with photo and place, a question, and tracking."""

from decimal import Decimal

import pytest
from django.core import mail

from prongsai.inbox import services
from prongsai.inbox.models import Case, CaseEvent
from prongsai.messaging.line.models import LineReport, LineUser
from prongsai.messaging.line.tests.fake_line import event, text
from prongsai.outbox.tests.clock import sweep_later


@pytest.fixture
def chat(deliver, fake_line, django_capture_on_commit_callbacks):
    """Send events and return the texts the bot replied with."""

    def say(*events):
        before = len(fake_line.texts("/v2/bot/message/reply"))
        with django_capture_on_commit_callbacks(execute=True):
            for e in events:
                assert deliver(e).status_code == 200
        return fake_line.texts("/v2/bot/message/reply")[before:]

    return say


def test_a_complaint_in_a_few_steps(chat, account, road, fake_line):
    [ask] = chat(text("แจ้งเรื่อง"))
    assert "เลือกหมวด" in ask
    quick = fake_line.sent("/v2/bot/message/reply")[-1]["body"]["messages"][0]["quickReply"]
    assert {
        "type": "postback",
        "label": "ถนนชำรุด",
        "data": "service=road",
        "displayText": "ถนนชำรุด",
    } in [item["action"] for item in quick["items"]]
    [details] = chat(event(kind="postback", postback={"data": "service=road"}))
    assert "เล่ารายละเอียด" in details

    [filed] = chat(text("ถนนหน้าวัดเป็นหลุมลึก\nรถล้มไปแล้วสองคัน"))
    case = Case.objects.get()
    assert f"{case.tracking_code[:4]}-{case.tracking_code[4:]}" in filed
    assert case.service == road and case.subject == "ถนนชำรุด: ถนนหน้าวัดเป็นหลุมลึก"
    assert LineReport.objects.get(case=case).line_user.line_user_id == "U1234"

    [got_photo] = chat(event({"type": "image", "contentProvider": {"type": "line"}}))
    assert "ได้รับรูป" in got_photo
    assert case.attachments.count() == 1
    content = [r for r in fake_line.requests if r["path"].endswith("/content")]
    assert (
        len(content) == 1 and content[0]["headers"]["Authorization"] == "Bearer test-access-token"
    )

    [got_place] = chat(
        event(
            {
                "type": "location",
                "latitude": 14.8712346,
                "longitude": 103.4912341,
                "address": "หน้าวัด",
            }
        )
    )
    assert "ได้รับตำแหน่ง" in got_place
    case.refresh_from_db()
    assert (case.latitude, case.longitude) == (Decimal("14.871235"), Decimal("103.491234"))

    [thanks] = chat(text("เสร็จ"))
    assert "ขอบคุณ" in thanks
    assert LineUser.objects.get().step == "idle"
    assert case.events.filter(kind=CaseEvent.Kind.REPORTER_UPDATE).count() == 2


def test_a_question(chat, account):
    chat(text("ถามคำถาม"))
    [answer] = chat(text("เปิดรับสมัครเบี้ยผู้สูงอายุเมื่อไร"))
    case = Case.objects.get()
    assert (case.kind, case.channel, case.subject) == (
        "question",
        "line",
        "เปิดรับสมัครเบี้ยผู้สูงอายุเมื่อไร",
    )
    assert "รับคำถามแล้ว" in answer


def test_tracking_by_code_and_list(chat, account, org):
    chat(text("ถามคำถาม"))
    chat(text("ถามเรื่องภาษี"))
    case = Case.objects.get()
    [by_code] = chat(text(f"ติดตาม {case.tracking_code.lower()}"))
    assert "รับเรื่องแล้ว" in by_code and f"/track/{case.tracking_code}/" in by_code
    [listing] = chat(text("ติดตาม"))
    assert "ถามเรื่องภาษี" in listing
    [missing] = chat(text("ติดตาม ZZZZ9999"))
    assert "ไม่พบเรื่อง" in missing


def test_cancel_and_unknown_input(chat, account, road):
    chat(text("แจ้งเรื่อง"))
    [cancelled] = chat(text("ยกเลิก"))
    assert "ยกเลิกแล้ว" in cancelled
    [helped] = chat(text("อะไรก็ได้"))
    assert "พิมพ์ “แจ้งเรื่อง”" in helped
    assert not Case.objects.exists()


def test_any_unicode_is_kept_intact_and_shown_escaped(chat, account, client, org, alice):
    wild = "ถนน 🚧 \u202eRTL\u202c ze\u200bro <script>alert(1)</script> " + "ก" * 3000
    chat(text("ถามคำถาม"))
    chat(text(wild))
    case = Case.objects.get()
    assert case.text == wild
    client.force_login(alice)
    for url in (f"/{org.slug}/staff/cases/{case.tracking_code}/", f"/{org.slug}/staff/cases/"):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in client.get(f"/{org.slug}/staff/cases/{case.tracking_code}/").content.decode()
    )


def test_staff_replies_and_status_are_pushed_back(
    chat, account, road, fake_line, make_member, org, django_capture_on_commit_callbacks
):
    chat(text("แจ้งเรื่อง"), event(kind="postback", postback={"data": "service=road"}))
    chat(text("ไฟดับ"))
    case = Case.objects.get()
    officer = make_member(org, "officer", "officer").user
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_case(case=case, assignee=officer, actor=officer)
        services.reply_publicly(case=case, actor=officer, text="ช่างจะไปพรุ่งนี้")
        services.add_note(case=case, actor=officer, text="ภายในเท่านั้น")
    pushes = fake_line.sent("/v2/bot/message/push")
    assert [p["body"]["to"] for p in pushes] == ["U1234", "U1234"]
    texts = fake_line.texts("/v2/bot/message/push")
    assert "กำลังดำเนินการ" in texts[0] and "ช่างจะไปพรุ่งนี้" in texts[1]
    assert not any("ภายในเท่านั้น" in t for t in texts)
    assert len({p["headers"]["X-Line-Retry-Key"] for p in pushes}) == 2
    assert mail.outbox == []


def test_a_push_that_fails_is_retried(
    chat, account, road, fake_line, make_member, org, django_capture_on_commit_callbacks
):
    chat(text("แจ้งเรื่อง"), event(kind="postback", postback={"data": "service=road"}))
    chat(text("ไฟดับ"))
    case = Case.objects.get()
    officer = make_member(org, "officer", "officer").user
    fake_line.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_publicly(case=case, actor=officer, text="แก้ไขแล้ว")
    assert fake_line.sent("/v2/bot/message/push") == []
    assert sweep_later() == 0  # LINE is still down
    assert sweep_later() == 1
    [push] = fake_line.sent("/v2/bot/message/push")
    assert "แก้ไขแล้ว" in push["body"]["messages"][0]["text"]
