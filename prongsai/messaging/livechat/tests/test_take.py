"""An agent takes a waiting chat; a colleague may take it over."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from prongsai.inbox.models import Case
from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.models import Chat
from prongsai.orgs.models import AuditEvent

from .conftest import last_message_id, the_chat


def test_taking_a_chat_assigns_its_case_and_is_audited(visitor, agent_client, org, officer):
    chat = the_chat(org)
    response = agent_client.post(f"/{org.slug}/staff/chat/{chat.pk}/take/")
    assert response.status_code == 302
    chat.refresh_from_db()
    assert chat.status == Chat.Status.ACTIVE and chat.agent == officer
    assert chat.case.assignee == officer and chat.case.status == Case.Status.IN_PROGRESS
    event = AuditEvent.objects.get(action="chat_taken")
    assert event.actor == officer and event.org == org and event.target_id == str(chat.pk)
    assert chat.messages.filter(sender="system", event="taken", agent=officer).exists()
    page = agent_client.get(f"/{org.slug}/staff/chat/{chat.pk}/").content.decode()
    assert "ส่งข้อความ" in page and "รับแชทนี้" not in page


def test_taking_it_twice_changes_nothing(visitor, org, officer):
    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    services.take_chat(chat=chat, actor=officer)
    assert chat.messages.filter(event="taken").count() == 1
    assert AuditEvent.objects.filter(action="chat_taken").count() == 1


def test_a_colleague_takes_it_over(visitor, org, officer, second_officer):
    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    services.take_chat(chat=chat, actor=second_officer)
    chat.refresh_from_db()
    assert chat.agent == second_officer and chat.case.assignee == second_officer
    with pytest.raises(ValidationError):
        services.post_agent_message(chat=chat, actor=officer, text="ยังตอบได้ไหม")
    services.post_agent_message(chat=chat, actor=second_officer, text="ดูแลต่อแล้วครับ")
    detail = AuditEvent.objects.filter(action="chat_taken").order_by("id").last().detail
    assert detail["from"] == "officer"


def test_a_closed_chat_cannot_be_taken(visitor, org, officer):
    chat = the_chat(org)
    services.close_chat(chat=chat, actor=officer, resolution="ตอบแล้ว")
    with pytest.raises(ValidationError, match="จบแล้ว"):
        services.take_chat(chat=chat, actor=officer)


def test_the_first_agents_page_learns_of_the_take_over(visitor, org, officer, second_officer):
    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    first = Client()
    first.force_login(officer)
    page = first.get(f"/{org.slug}/staff/chat/{chat.pk}/").content.decode()
    assert "ส่งข้อความ" in page
    after = last_message_id(page)
    services.take_chat(chat=chat, actor=second_officer)
    poll = first.get(f"/{org.slug}/staff/chat/{chat.pk}/messages/?after={after}").content.decode()
    assert 'id="chat-panel" class="chat-panel" hx-swap-oob="true"' in poll
    assert "รับแชทต่อ" in poll and "ส่งข้อความ" not in poll
