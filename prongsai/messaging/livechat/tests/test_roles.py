"""Who may do what: inbox roles see the console, acting roles answer, others are kept out."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.models import Chat
from prongsai.orgs.models import Membership

from .conftest import the_chat

Role = Membership.Role


def test_an_executive_sees_the_console_but_cannot_act(visitor, org, executive):
    chat = the_chat(org)
    client = Client()
    client.force_login(executive)
    assert client.get(f"/{org.slug}/staff/chat/").status_code == 200
    page = client.get(f"/{org.slug}/staff/chat/{chat.pk}/").content.decode()
    assert "สวัสดีค่ะ" in page and "รับแชทนี้" not in page
    for action in ("take", "send", "close", "complaint"):
        assert client.post(f"/{org.slug}/staff/chat/{chat.pk}/{action}/").status_code == 403
    with pytest.raises(ValidationError):
        services.take_chat(chat=chat, actor=executive)
    assert the_chat(org).status == Chat.Status.WAITING


@pytest.mark.parametrize("role", [Role.STAFF])
def test_other_staff_may_not_open_the_console(visitor, org, make_member, role):
    client = Client()
    client.force_login(make_member(org, role).user)
    chat = the_chat(org)
    assert client.get(f"/{org.slug}/staff/chat/").status_code == 403
    assert client.get(f"/{org.slug}/staff/chat/{chat.pk}/").status_code == 403
    assert client.get(f"/{org.slug}/staff/chat/{chat.pk}/messages/").status_code == 403


def test_visitors_are_sent_to_the_login_page(visitor, org):
    chat = the_chat(org)
    response = visitor.get(f"/{org.slug}/staff/chat/{chat.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert visitor.post(f"/{org.slug}/staff/chat/{chat.pk}/take/").status_code == 302
    assert the_chat(org).status == Chat.Status.WAITING


def test_a_chat_that_became_a_corruption_complaint_is_hidden(visitor, org, officer, make_member):
    from prongsai.inbox import services as inbox

    chat = the_chat(org)
    services.take_chat(chat=chat, actor=officer)
    inbox.reclassify_case(case=chat.case, kind="corruption", actor=officer)
    colleague = Client()
    colleague.force_login(make_member(org, Role.OFFICER).user)
    assert colleague.get(f"/{org.slug}/staff/chat/{chat.pk}/").status_code == 403
    assert colleague.get(f"/{org.slug}/staff/chat/{chat.pk}/messages/").status_code == 403
    listing = colleague.get(f"/{org.slug}/staff/chat/").content.decode()
    assert "สวัสดีค่ะ" not in listing and "ป้าแดง" not in listing and "(ปกปิด)" in listing
    assignee = Client()
    assignee.force_login(officer)
    assert assignee.get(f"/{org.slug}/staff/chat/{chat.pk}/").status_code == 200
