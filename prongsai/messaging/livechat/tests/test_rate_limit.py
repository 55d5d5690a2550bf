"""A visitor may send 20 messages a minute; the next is refused with a Thai message."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.models import ChatMessage

from .conftest import the_chat


def test_the_21st_message_in_a_minute_is_refused(visitor, org):
    for n in range(services.RATE_LIMIT - 1):  # the first message counts too
        response = visitor.post(f"/{org.slug}/chat/send/", {"text": f"ข้อความที่ {n}"})
        assert response.status_code == 302
    response = visitor.post(f"/{org.slug}/chat/send/", {"text": "เกินแล้ว"})
    assert response.status_code == 429
    assert "ส่งข้อความถี่เกินไป (ไม่เกิน 20 ข้อความต่อนาที)" in response.content.decode()
    htmx = visitor.post(f"/{org.slug}/chat/send/", {"text": "เกินแล้ว"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "ส่งข้อความถี่เกินไป" in htmx.content.decode()
    assert not ChatMessage.objects.filter(text="เกินแล้ว").exists()
    assert ChatMessage.objects.count() == services.RATE_LIMIT


def test_after_a_minute_the_visitor_may_go_on(org):
    start = timezone.now() - timedelta(minutes=5)
    chat = services.start_chat(org=org, text="เริ่ม", at=start).chat
    for n in range(services.RATE_LIMIT - 1):
        services.post_visitor_message(chat=chat, text=str(n), at=start + timedelta(seconds=n))
    with pytest.raises(ValidationError, match="ถี่เกินไป"):
        services.post_visitor_message(chat=chat, text="เร็วไป", at=start + timedelta(seconds=30))
    services.post_visitor_message(chat=chat, text="รอแล้ว", at=start + timedelta(seconds=61))


def test_agents_are_not_limited(visitor, org, officer):
    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    for n in range(services.RATE_LIMIT + 5):
        services.post_agent_message(chat=chat, actor=officer, text=f"คำตอบ {n}")
    services.post_visitor_message(chat=chat, text="ขอบคุณค่ะ")
