"""Any text is stored exactly and shown escaped, to the visitor and to staff alike."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.models import Chat, ChatMessage

from .conftest import the_chat

TEXTS = [
    "👩‍👩‍👧‍👦 ครอบครัว 🇹🇭 ขอบคุณค่ะ 🙏🏽",
    "مرحبا بالعالم — שלום עולם",
    "zero\u200bwidth\u200dจ\u200cอ\u2060ins",
    '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "</textarea><b>หนา</b> & &amp; {{ org }} {% now 'Y' %}",
    "บรรทัดหนึ่ง\nบรรทัดสอง\r\n\tย่อหน้า",
    "ก" * services.MAX_LENGTH,
]


@pytest.mark.parametrize("text", TEXTS)
def test_it_is_stored_intact_and_shown_escaped(client, agent_client, org, open_hours, text):
    client.post(f"/{org.slug}/chat/", {"visitor_name": "<i>ชื่อ</i>", "text": text})
    chat = Chat.objects.get()
    assert chat.messages.get().text == text
    assert chat.case.text == text and chat.visitor_name == "<i>ชื่อ</i>"
    pages = [
        client.get(f"/{org.slug}/chat/"),
        agent_client.get(f"/{org.slug}/staff/chat/{chat.pk}/"),
        agent_client.get(f"/{org.slug}/staff/chat/"),
        agent_client.get(f"/{org.slug}/staff/chat/{chat.pk}/messages/?after=0"),
        client.get(f"/{org.slug}/chat/messages/?after=0"),
        agent_client.get(f"/{org.slug}/staff/cases/{chat.case.tracking_code}/"),
    ]
    for response in pages:
        body = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "<b>หนา</b>" not in body and "<i>ชื่อ</i>" not in body
    first_line = text.splitlines()[0]
    for response in pages[:2] + pages[3:5]:
        assert escape(first_line) in response.content.decode()


def test_an_agents_message_is_escaped_for_the_visitor(visitor, org, officer):
    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    text = '<a href="javascript:alert(1)">คลิก</a> 😀'
    services.post_agent_message(chat=chat, actor=officer, text=text)
    assert ChatMessage.objects.get(sender="agent").text == text
    body = visitor.get(f"/{org.slug}/chat/").content.decode()
    assert escape(text) in body and '<a href="javascript' not in body


def test_one_character_too_long_is_refused_in_thai(visitor, org):
    text = "😀" * (services.MAX_LENGTH + 1)
    response = visitor.post(f"/{org.slug}/chat/send/", {"text": text}, HTTP_HX_REQUEST="true")
    assert "ข้อความยาวเกิน 2000 ตัวอักษร (ข้อความนี้ยาว 2001 ตัวอักษร)" in response.content.decode()
    assert ChatMessage.objects.count() == 1


def test_a_null_character_is_refused_in_thai(visitor, org):
    response = visitor.post(f"/{org.slug}/chat/send/", {"text": "a\x00b"}, HTTP_HX_REQUEST="true")
    assert "ข้อความมีอักขระที่ระบบรับไม่ได้" in response.content.decode()


@pytest.mark.parametrize("text", ["", " ", "\u200b", "\u200d\u2060\ufeff", "\n\t\u3000"])
def test_invisible_text_is_empty(org, text):
    with pytest.raises(ValidationError, match="กรุณาพิมพ์ข้อความก่อนส่ง"):
        services.start_chat(org=org, text=text)


def test_right_to_left_text_keeps_its_direction(visitor, org):
    visitor.post(f"/{org.slug}/chat/send/", {"text": "שלום"})
    assert 'dir="auto">שלום' in visitor.get(f"/{org.slug}/chat/").content.decode()
