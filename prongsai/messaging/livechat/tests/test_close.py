"""Closing a chat closes its question Case with a resolution; the visitor's page stops."""

import pytest
from django.core.exceptions import ValidationError

from prongsai.inbox.models import Case
from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.models import Chat
from prongsai.orgs.models import AuditEvent

from .conftest import last_message_id, the_chat


def test_closing_resolves_the_case_and_is_audited(visitor, agent_client, org, officer):
    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    after = last_message_id(visitor.get(f"/{org.slug}/chat/").content.decode())
    response = agent_client.post(
        f"/{org.slug}/staff/chat/{chat.pk}/close/",
        {"status": "resolved", "resolution": "แจ้งวิธีชำระภาษีป้ายแล้ว"},
    )
    assert response.status_code == 302
    chat.refresh_from_db()
    case = chat.case
    assert chat.status == Chat.Status.CLOSED and chat.closed_at is not None
    assert case.status == Case.Status.RESOLVED and case.resolution == "แจ้งวิธีชำระภาษีป้ายแล้ว"
    assert AuditEvent.objects.filter(action="chat_closed", target_id=str(chat.pk)).exists()
    assert AuditEvent.objects.filter(action="case_closed").exists()

    poll = visitor.get(f"/{org.slug}/chat/messages/?after={after}").content.decode()
    assert "การสนทนาจบแล้ว" in poll
    assert "chat-poll" not in poll  # no next poller: the page stops asking
    assert 'id="chat-compose" hx-swap-oob="true"' in poll and "เริ่มแชทใหม่" in poll
    page = visitor.get(f"/{org.slug}/chat/").content.decode()
    assert "every 1s" not in page and f"/track/{case.tracking_code}/" in page


def test_closing_a_question_needs_a_resolution(visitor, agent_client, org):
    chat = the_chat(org)
    response = agent_client.post(f"/{org.slug}/staff/chat/{chat.pk}/close/", {"status": "resolved"})
    page = agent_client.get(response.url).content.decode()
    assert "กรุณาระบุผลการดำเนินการ" in page
    assert the_chat(org).status == Chat.Status.WAITING


def test_a_nuisance_chat_is_closed_as_rejected(visitor, org, officer):
    chat = services.close_chat(
        chat=the_chat(org), actor=officer, status="rejected", resolution="ข้อความก่อกวน"
    )
    assert chat.case.status == Case.Status.REJECTED


def test_a_chat_closed_twice_is_refused(visitor, org, officer):
    chat = the_chat(org)
    services.close_chat(chat=chat, actor=officer, resolution="จบ")
    with pytest.raises(ValidationError, match="จบแล้ว"):
        services.close_chat(chat=chat, actor=officer, resolution="จบอีก")


def test_a_case_closed_in_the_inbox_first_still_lets_the_chat_end(visitor, org, officer):
    from prongsai.inbox import services as inbox

    chat = the_chat(org)
    inbox.close_case(case=chat.case, status="resolved", resolution="ตอบทางโทรศัพท์", actor=officer)
    services.close_chat(chat=chat, actor=officer)
    assert the_chat(org).is_closed
