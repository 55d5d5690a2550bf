"""A visitor starts a chat without logging in; it is a Case from the first message."""

from datetime import timedelta

from django.utils import timezone

from prongsai.inbox.models import Case
from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.models import Chat, ChatMessage
from prongsai.messaging.livechat.selectors import token_digest
from prongsai.messaging.livechat.views import SESSION_KEY


def test_it_files_a_question_case_with_the_first_message(org):
    at = timezone.now() - timedelta(minutes=3)
    text = "ขอสอบถามเรื่องการชำระภาษีป้ายประจำปี ต้องเตรียมเอกสารอะไรบ้าง และชำระที่ไหนได้บ้างคะ ขอบคุณค่ะ"
    started = services.start_chat(org=org, text=text, visitor_name=" ป้าแดง ", at=at)
    chat, case = started.chat, started.chat.case
    assert case.kind == Case.Kind.QUESTION and case.channel == Case.Channel.LIVECHAT
    assert case.received_at == at and case.text == text and case.reporter_name == "ป้าแดง"
    assert case.subject.endswith("…") and len(case.subject) == services.SUBJECT_LENGTH
    assert text.startswith(case.subject[:-1])
    assert chat.status == Chat.Status.WAITING and chat.visitor_name == "ป้าแดง"
    assert list(chat.messages.values_list("sender", "text")) == [("visitor", text)]
    assert chat.messages.get().created_at == at and chat.last_message_at == at


def test_the_token_is_random_and_only_its_digest_is_stored(org):
    first = services.start_chat(org=org, text="หนึ่ง")
    second = services.start_chat(org=org, text="สอง")
    assert len(first.token) >= 40 and first.token != second.token
    assert first.chat.token_digest == token_digest(first.token) != first.token
    assert not Chat.objects.filter(token_digest=first.token).exists()


def test_it_works_through_the_page(client, org, open_hours):
    page = client.get(f"/{org.slug}/chat/")
    assert page.status_code == 200 and "เริ่มแชท" in page.content.decode()
    response = client.post(f"/{org.slug}/chat/", {"visitor_name": "", "text": "ไฟดับที่หมู่ 3"})
    assert response.status_code == 302 and response.url == f"/{org.slug}/chat/"
    chat = Chat.objects.get()
    assert chat.token_digest == token_digest(client.session[SESSION_KEY][str(org.pk)])
    body = client.get(f"/{org.slug}/chat/").content.decode()
    assert "ไฟดับที่หมู่ 3" in body and 'hx-trigger="every 1s' in body


def test_a_second_start_shows_the_running_chat(visitor, org):
    response = visitor.post(f"/{org.slug}/chat/", {"text": "อีกเรื่อง"})
    assert response.status_code == 302
    assert Chat.objects.count() == 1 and ChatMessage.objects.count() == 1


def test_it_refuses_an_empty_message_in_thai(client, org, open_hours):
    for text in ["", "   \n ", "\u200b\u200b"]:
        response = client.post(f"/{org.slug}/chat/", {"text": text})
        assert response.status_code == 200
        assert "กรุณาพิมพ์ข้อความก่อนส่ง" in response.content.decode()
    assert not Case.objects.exists() and not Chat.objects.exists()


def test_it_refuses_a_name_too_long(client, org, open_hours):
    response = client.post(f"/{org.slug}/chat/", {"visitor_name": "ก" * 101, "text": "สวัสดี"})
    assert "ชื่อยาวเกิน 100 ตัวอักษร" in response.content.decode()
    assert not Case.objects.exists()


def test_it_limits_new_chats_from_one_address(client, org, open_hours, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "chat_start": (2, 3600)}
    for n in range(2):
        client.cookies.clear()
        assert client.post(f"/{org.slug}/chat/", {"text": f"ข้อความ {n}"}).status_code == 302
    client.cookies.clear()
    response = client.post(f"/{org.slug}/chat/", {"text": "ครั้งที่สาม"})
    assert response.status_code == 429
    assert "มีการเริ่มแชทจากเครือข่ายนี้มากเกินไป" in response.content.decode()
    assert Chat.objects.count() == 2


def test_a_finished_chat_can_be_left_for_a_new_one(visitor, org, officer):
    services.close_chat(chat=Chat.objects.get(), actor=officer, resolution="ตอบแล้ว")
    page = visitor.get(f"/{org.slug}/chat/").content.decode()
    assert "เริ่มแชทใหม่" in page
    visitor.post(f"/{org.slug}/chat/new/")
    assert "เริ่มแชท" in visitor.get(f"/{org.slug}/chat/").content.decode()
    visitor.post(f"/{org.slug}/chat/", {"text": "เรื่องใหม่"})
    assert Chat.objects.count() == 2


def test_a_running_chat_cannot_be_left(visitor, org):
    visitor.post(f"/{org.slug}/chat/new/")
    assert "สวัสดีค่ะ" in visitor.get(f"/{org.slug}/chat/").content.decode()
