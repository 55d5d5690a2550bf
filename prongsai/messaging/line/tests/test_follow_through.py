"""A resolved matter in LINE: the proof in the push, then confirm or reopen from the chat."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import services
from prongsai.inbox.models import Case, CaseEvent
from prongsai.inbox.tests.photos import photo
from prongsai.inbox.tracking import display
from prongsai.messaging.line.models import LineUser
from prongsai.messaging.line.tests.fake_line import event, text

PUSH, REPLY = "/v2/bot/message/push", "/v2/bot/message/reply"


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://alice.example"  # LINE fetches images over HTTPS only


@pytest.fixture
def lights(org):
    return ServiceFactory(org=org, code="lights", name="ไฟฟ้าสาธารณะ", is_physical=True)


@pytest.fixture
def officer(org, make_member):
    return make_member(org, "officer", "officer", user__email="officer@example.org").user


@pytest.fixture
def say(deliver, fake_line, django_capture_on_commit_callbacks):
    """Deliver events; return the messages the bot replied with."""

    def send(*events: dict) -> list[dict]:
        before = len(fake_line.sent(REPLY))
        with django_capture_on_commit_callbacks(execute=True):
            for e in events:
                assert deliver(e).status_code == 200
        return [m for r in fake_line.sent(REPLY)[before:] for m in r["body"]["messages"]]

    return send


@pytest.fixture
def case(say, account, lights):
    say(text("แจ้งเรื่อง"), event(kind="postback", postback={"data": "service=lights"}))
    say(text("ไฟทางดับทั้งซอย"))
    return Case.objects.get()


@pytest.fixture
def resolve(officer, django_capture_on_commit_callbacks):
    def close(case: Case, after: int = 1, **kwargs) -> Case:
        with django_capture_on_commit_callbacks(execute=True):
            return services.close_case(
                case=case,
                status="resolved",
                resolution="เปลี่ยนหลอดไฟแล้ว 6 ดวง",
                actor=officer,
                before_photos=[photo("before.jpg")],
                after_photos=[photo(f"after-{n}.jpg", (n * 40, 200, 90)) for n in range(after)],
                **kwargs,
            )

    return close


def postback(data: str, **extra) -> dict:
    return event(kind="postback", postback={"data": data}, **extra)


def quick_actions(message: dict) -> list[dict]:
    return [item["action"] for item in message.get("quickReply", {}).get("items", [])]


def test_resolving_pushes_the_result_the_after_photos_and_the_choices(
    case, resolve, fake_line, client, settings
):
    resolve(case, after=5)
    [push] = fake_line.sent(PUSH)
    first, *images = push["body"]["messages"]
    assert "เปลี่ยนหลอดไฟแล้ว 6 ดวง" in first["text"] and "ภายใน 14 วัน" in first["text"]
    assert len(images) == 4  # LINE takes five messages a push: the text and four photos
    after = case.attachments.filter(role="after").order_by("pk")
    for image, attachment in zip(images, after, strict=False):
        assert image["type"] == "image"
        assert image["originalContentUrl"] == image["previewImageUrl"]
        path = f"/{case.org.slug}/track/{case.tracking_code}/files/{attachment.pk}/"
        assert image["originalContentUrl"] == settings.SITE_URL + path
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content) == attachment.file.open("rb").read()
    assert quick_actions(images[-1]) == [
        {
            "type": "postback",
            "label": "ยืนยันว่าแก้ไขแล้ว",
            "data": f"confirm={case.tracking_code}",
            "displayText": "ยืนยันว่าแก้ไขแล้ว",
        },
        {
            "type": "postback",
            "label": "ยังไม่แก้ไข",
            "data": f"reopen={case.tracking_code}",
            "displayText": "ยังไม่แก้ไข",
        },
    ]
    assert not any(quick_actions(m) for m in push["body"]["messages"][:-1])


def test_without_https_the_photos_are_left_to_the_tracking_page(case, resolve, fake_line, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    resolve(case, after=2)
    [message] = fake_line.sent(PUSH)[0]["body"]["messages"]
    assert "http://127.0.0.1:8000/" in message["text"]
    assert [a["data"] for a in quick_actions(message)] == [
        f"confirm={case.tracking_code}",
        f"reopen={case.tracking_code}",
    ]


def test_a_rejected_matter_offers_no_choice(
    case, officer, fake_line, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.close_case(case=case, status="rejected", resolution="อยู่นอกเขต", actor=officer)
    [message] = fake_line.sent(PUSH)[0]["body"]["messages"]
    assert "อยู่นอกเขต" in message["text"] and "ภายใน" not in message["text"]
    assert "quickReply" not in message


def test_confirm_by_postback(case, resolve, say, fake_line):
    resolve(case)
    tap = postback(f"confirm={case.tracking_code}")
    [thanks] = say(tap)
    assert "ขอบคุณที่ยืนยัน" in thanks["text"]
    case.refresh_from_db()
    assert round(case.confirmed_at.timestamp() * 1000) == tap["timestamp"]
    confirmed = case.events.get(kind=CaseEvent.Kind.CONFIRMED)
    assert confirmed.data == {"via": "line"}
    assert len(fake_line.sent(PUSH)) == 1  # the bot's answer, not another push, tells them

    [again] = say(postback(f"confirm={case.tracking_code}"))
    assert "ไม่ได้แล้ว" in again["text"]
    assert case.events.filter(kind=CaseEvent.Kind.CONFIRMED).count() == 1


def test_reopen_by_postback_then_reason_then_photo(case, resolve, say, officer):
    services.assign_case(case=case, assignee=officer, actor=officer)
    resolve(case)
    [ask] = say(postback(f"reopen={case.tracking_code}"))
    assert "พิมพ์เล่าให้เจ้าหน้าที่ทราบ" in ask["text"]
    case.refresh_from_db()
    assert case.status == "resolved"  # nothing changes before the reason

    mail.outbox.clear()
    [reopened] = say(text("ไฟยังดับอยู่สองดวงหน้าโรงเรียน"))
    assert "เปิดเรื่อง" in reopened["text"] and "ใหม่แล้ว" in reopened["text"]
    case.refresh_from_db()
    assert (case.status, case.reopen_count, case.closed_at) == ("in_progress", 1, None)
    event_ = case.events.get(kind=CaseEvent.Kind.REOPENED)
    assert (event_.text, event_.data) == ("ไฟยังดับอยู่สองดวงหน้าโรงเรียน", {"via": "line"})
    assert [m.to for m in mail.outbox] == [["officer@example.org"]]

    [got] = say(event({"type": "image", "contentProvider": {"type": "line"}}))
    assert "ได้รับรูป" in got["text"]
    update = case.events.filter(kind=CaseEvent.Kind.REPORTER_UPDATE).latest("pk")
    assert update.attachments.count() == 1
    say(text("เสร็จ"))
    assert LineUser.objects.get(line_user_id="U1234").step == "idle"


def test_typed_words_work_like_the_buttons(case, resolve, say, account):
    resolve(case)
    [ask] = say(text(f"เปิดใหม่ {display(case.tracking_code).lower()}"))
    assert "พิมพ์เล่าให้เจ้าหน้าที่ทราบ" in ask["text"]
    say(text("ยกเลิก"))
    [thanks] = say(text(f"ยืนยัน {display(case.tracking_code)}"))
    assert "ขอบคุณที่ยืนยัน" in thanks["text"]
    case.refresh_from_db()
    assert case.confirmed_at is not None and case.reopen_count == 0
    [helped] = say(text("ยืนยัน"))
    assert "“เปิดใหม่” ตามด้วยรหัสติดตาม" in helped["text"]


def test_a_question_that_starts_with_the_word_is_still_a_question(say, account):
    say(text("ถามคำถาม"))
    [filed] = say(text("ยืนยันสิทธิ์เบี้ยผู้สูงอายุที่ไหน"))
    assert "รับคำถามแล้ว" in filed["text"]
    assert Case.objects.get().text == "ยืนยันสิทธิ์เบี้ยผู้สูงอายุที่ไหน"


def test_cancelling_a_reopen_changes_nothing(case, resolve, say):
    resolve(case)
    say(postback(f"reopen={case.tracking_code}"))
    [cancelled] = say(text("ยกเลิก"))
    assert "ยกเลิกแล้ว" in cancelled["text"]
    case.refresh_from_db()
    assert (case.status, case.reopen_count) == ("resolved", 0)
    assert not case.events.filter(kind=CaseEvent.Kind.REOPENED).exists()


def test_another_line_users_decision_is_refused(case, resolve, say):
    resolve(case)
    for data in (f"confirm={case.tracking_code}", f"reopen={case.tracking_code}"):
        [refused] = say(postback(data, user="U9999"))
        assert "ไม่พบเรื่องรหัส" in refused["text"]
    [unknown] = say(postback("confirm=ZZZZ9999"))
    assert "ไม่พบเรื่องรหัส ZZZZ9999" in unknown["text"]
    case.refresh_from_db()
    assert (case.status, case.confirmed_at, case.reopen_count) == ("resolved", None, 0)
    assert LineUser.objects.get(line_user_id="U9999").step == "idle"


def test_a_decision_after_the_deadline_is_refused(case, resolve, say, fake_line):
    resolve(case, at=timezone.now() - timedelta(days=15))
    [push] = fake_line.sent(PUSH)
    assert not any(quick_actions(m) for m in push["body"]["messages"])
    for data in (f"confirm={case.tracking_code}", f"reopen={case.tracking_code}"):
        [refused] = say(postback(data))
        assert "ยืนยันหรือขอเปิดใหม่ไม่ได้แล้ว" in refused["text"]
    case.refresh_from_db()
    assert (case.status, case.confirmed_at, case.reopen_count) == ("resolved", None, 0)


def test_a_redelivered_reason_reopens_once(case, resolve, say):
    resolve(case)
    say(postback(f"reopen={case.tracking_code}"))
    reason = text("ยังดับอยู่")
    say(reason, {**reason, "deliveryContext": {"isRedelivery": True}})
    case.refresh_from_db()
    assert case.reopen_count == 1
    assert case.events.filter(kind=CaseEvent.Kind.REOPENED).count() == 1
    [again] = say(postback(f"reopen={case.tracking_code}"))
    assert "ยืนยันหรือขอเปิดใหม่ไม่ได้แล้ว" in again["text"]
