"""A chat turned into a complaint: the visitor is shown its tracking code and link."""

import pytest
from django.core.exceptions import ValidationError

from prongsai.inbox.models import Case
from prongsai.inbox.tracking import display
from prongsai.messaging.livechat import services
from prongsai.orgs.models import AuditEvent

from .conftest import last_message_id, the_chat


def test_the_visitor_sees_the_tracking_code_and_link(
    visitor, agent_client, org, officer, road_service
):
    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    services.post_agent_message(chat=chat, actor=officer, text="เกิดที่จุดไหนคะ")
    visitor.post(f"/{org.slug}/chat/send/", {"text": "หน้าวัด หมู่ 6 ค่ะ"})
    after = last_message_id(visitor.get(f"/{org.slug}/chat/").content.decode())

    page = agent_client.get(f"/{org.slug}/staff/chat/{chat.pk}/").content.decode()
    assert "ถนนชำรุด" in page  # offered as a complaint category
    response = agent_client.post(
        f"/{org.slug}/staff/chat/{chat.pk}/complaint/", {"service": road_service.pk}
    )
    assert response.status_code == 302

    case = Case.objects.get(pk=chat.case.pk)
    assert case.kind == Case.Kind.COMPLAINT and case.service == road_service
    assert case.division == road_service.division and case.is_open
    assert case.channel == Case.Channel.LIVECHAT
    note = case.events.filter(kind="note").exclude(text="").get()
    assert "หน้าวัด หมู่ 6 ค่ะ" in note.text and "เกิดที่จุดไหนคะ" in note.text
    assert not note.is_public
    assert AuditEvent.objects.filter(action="chat_converted").exists()
    assert AuditEvent.objects.filter(action="case_reclassified").exists()

    poll = visitor.get(f"/{org.slug}/chat/messages/?after={after}").content.decode()
    assert display(case.tracking_code) in poll
    assert f'href="/{org.slug}/track/{case.tracking_code}/"' in poll
    page = visitor.get(f"/{org.slug}/chat/").content.decode()
    assert display(case.tracking_code) in page
    assert visitor.get(f"/{org.slug}/track/{case.tracking_code}/").status_code == 200


def test_closing_a_converted_chat_leaves_the_complaint_open(visitor, org, officer, road_service):
    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    services.chat_to_complaint(chat=chat, service=road_service, actor=officer)
    services.close_chat(chat=chat, actor=officer)
    chat.refresh_from_db()
    assert chat.is_closed and chat.case.is_open and chat.case.kind == Case.Kind.COMPLAINT


def test_it_is_done_once(visitor, org, officer, road_service):
    chat = the_chat(org)
    services.chat_to_complaint(chat=chat, service=road_service, actor=officer)
    with pytest.raises(ValidationError, match="บันทึกเป็นเรื่องร้องเรียนแล้ว"):
        services.chat_to_complaint(chat=chat, service=road_service, actor=officer)


def test_only_a_complaint_service_of_the_org_will_do(
    visitor, agent_client, org, officer, corruption_service, other_org
):
    from prongsai.eservices.tests.factories import ServiceFactory

    chat = the_chat(org)
    foreign = ServiceFactory(org=other_org, code="road", name="ถนนของอีกที่")
    for service in (corruption_service, foreign):
        with pytest.raises(ValidationError):
            services.chat_to_complaint(chat=chat, service=service, actor=officer)
    response = agent_client.post(
        f"/{org.slug}/staff/chat/{chat.pk}/complaint/", {"service": corruption_service.pk}
    )
    page = agent_client.get(response.url).content.decode()
    assert "ไม่พบหมวดเรื่องร้องเรียนนี้ในหน่วยงาน" in page
    assert Case.objects.get(pk=chat.case.pk).kind == Case.Kind.QUESTION


def test_no_category_chosen_is_explained_in_thai(visitor, agent_client, org):
    chat = the_chat(org)
    response = agent_client.post(f"/{org.slug}/staff/chat/{chat.pk}/complaint/", {"service": ""})
    assert "กรุณาเลือกหมวดเรื่องร้องเรียน" in agent_client.get(response.url).content.decode()
