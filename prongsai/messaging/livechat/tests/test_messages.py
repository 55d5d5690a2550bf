"""Messages both ways: each side's poll fetches only what came after its last id."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.models import ChatMessage

from .conftest import last_message_id, the_chat

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_agent_sees_the_visitors_message_and_the_visitor_the_answer(
    visitor, agent_client, org, officer
):
    chat = the_chat(org)
    staff_url = f"/{org.slug}/staff/chat/{chat.pk}/"
    page = agent_client.get(staff_url).content.decode()
    assert "สวัสดีค่ะ" in page
    agent_after = last_message_id(page)
    assert agent_client.get(f"{staff_url}messages/?after={agent_after}").status_code == 204

    agent_client.post(f"{staff_url}take/")
    visitor_page = visitor.get(f"/{org.slug}/chat/").content.decode()
    visitor_after = last_message_id(visitor_page)
    assert "เจ้าหน้าที่เข้าร่วมการสนทนาแล้ว: สมศรี" in visitor_page

    sent = visitor.post(f"/{org.slug}/chat/send/", {"text": "ถนนหน้าบ้านเป็นหลุมค่ะ"}, **HTMX)
    assert sent.status_code == 200 and sent["HX-Trigger"] == "chat-sent"
    assert "<form" in sent.content.decode() and "autofocus" in sent.content.decode()

    poll = agent_client.get(f"{staff_url}messages/?after={agent_after}")
    assert poll.status_code == 200
    body = poll.content.decode()
    assert "ถนนหน้าบ้านเป็นหลุมค่ะ" in body and "สวัสดีค่ะ" not in body
    agent_after = last_message_id(body)
    assert f"messages/?after={agent_after}" in body  # the next poller carries on from here

    answer = agent_client.post(f"{staff_url}send/", {"text": "รับทราบค่ะ จะแจ้งกองช่าง"}, **HTMX)
    assert answer.status_code == 200 and answer["HX-Trigger"] == "chat-sent"
    poll = visitor.get(f"/{org.slug}/chat/messages/?after={visitor_after}")
    body = poll.content.decode()
    assert "รับทราบค่ะ จะแจ้งกองช่าง" in body and "เจ้าหน้าที่ สมศรี" in body
    assert "ถนนหน้าบ้านเป็นหลุมค่ะ" in body  # the visitor's own message comes back by the poll
    assert (
        visitor.get(f"/{org.slug}/chat/messages/?after={last_message_id(body)}").status_code == 204
    )

    assert list(chat.messages.values_list("sender", flat=True)) == [
        "visitor",
        "system",
        "visitor",
        "agent",
    ]
    chat.refresh_from_db()
    assert chat.last_sender == "agent" and not chat.awaits_reply


def test_without_htmx_sending_redirects_back(visitor, org):
    response = visitor.post(f"/{org.slug}/chat/send/", {"text": "ไม่มีจาวาสคริปต์"})
    assert response.status_code == 302 and response.url == f"/{org.slug}/chat/"
    assert "ไม่มีจาวาสคริปต์" in visitor.get(response.url).content.decode()


def test_an_empty_message_is_refused_in_thai(visitor, org):
    response = visitor.post(f"/{org.slug}/chat/send/", {"text": " \n "}, **HTMX)
    assert "กรุณาพิมพ์ข้อความก่อนส่ง" in response.content.decode()
    assert "HX-Trigger" not in response
    assert ChatMessage.objects.count() == 1


def test_the_agent_must_take_the_chat_before_answering(agent_client, visitor, org):
    chat = the_chat(org)
    response = agent_client.post(f"/{org.slug}/staff/chat/{chat.pk}/send/", {"text": "ตอบ"})
    assert response.status_code == 302
    assert not chat.messages.filter(sender="agent").exists()
    page = agent_client.get(response.url).content.decode()
    assert "รับแชทนี้" in page and "ก่อนจึงจะตอบได้" in page


def test_a_visitor_poll_is_one_query_after_the_session(visitor, org):
    after = last_message_id(visitor.get(f"/{org.slug}/chat/").content.decode())
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(f"/{org.slug}/chat/messages/?after={after}").status_code == 204
    chat_queries = [q["sql"] for q in queries if "livechat" in q["sql"]]
    assert len(chat_queries) == 1
    assert len(queries) <= 3  # the org, the session, then the messages


def test_polls_without_a_chat_or_with_a_bad_id(client, visitor, org):
    assert client.get(f"/{org.slug}/chat/messages/?after=0").status_code == 200  # visitor's own
    from django.test import Client

    assert Client().get(f"/{org.slug}/chat/messages/?after=0").status_code == 404
    assert visitor.get(f"/{org.slug}/chat/messages/?after=abc").status_code == 200


@pytest.mark.parametrize("method", ["get", "put"])
def test_sending_only_takes_post(visitor, org, method):
    assert getattr(visitor, method)(f"/{org.slug}/chat/send/").status_code == 405


def test_services_refuse_messages_to_a_closed_chat(visitor, org, officer):
    chat = the_chat(org)
    services.close_chat(chat=chat, actor=officer, resolution="ตอบแล้ว")
    response = visitor.post(f"/{org.slug}/chat/send/", {"text": "ยังอยู่ไหม"}, **HTMX)
    assert "การสนทนานี้จบแล้ว" in response.content.decode()
    assert not chat.messages.filter(text="ยังอยู่ไหม").exists()
