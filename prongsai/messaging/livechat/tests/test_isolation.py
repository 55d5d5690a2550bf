"""Another org's chats answer 404; a visitor reads only the chat of their own session."""

import pytest
from django.test import Client

from prongsai.messaging.livechat import services
from prongsai.messaging.livechat.views import SESSION_KEY

from .conftest import last_message_id, the_chat


@pytest.fixture
def bob_client(bob):
    client = Client()
    client.force_login(bob)
    return client


def test_another_orgs_staff_get_404(visitor, org, other_org, bob_client):
    chat = the_chat(org)
    base = f"/{other_org.slug}/staff/chat/{chat.pk}/"
    assert bob_client.get(base).status_code == 404
    assert bob_client.get(base + "messages/?after=0").status_code == 404
    for action in ("take", "send", "close", "complaint"):
        assert bob_client.post(base + action + "/", {"text": "x"}).status_code == 404
    assert "สวัสดีค่ะ" not in bob_client.get(f"/{other_org.slug}/staff/chat/").content.decode()
    # and through the right org's address, bob is no member there
    assert bob_client.get(f"/{org.slug}/staff/chat/{chat.pk}/").status_code == 403
    assert the_chat(org).status == "waiting"


def test_a_visitor_cannot_read_another_visitors_chat(visitor, org):
    services.post_visitor_message(chat=the_chat(org), text="เลขที่บ้านของฉัน 99/1")
    stranger = Client()
    page = stranger.get(f"/{org.slug}/chat/").content.decode()
    assert "เลขที่บ้านของฉัน" not in page and "เริ่มแชท" in page
    assert stranger.get(f"/{org.slug}/chat/messages/?after=0").status_code == 404
    assert stranger.post(f"/{org.slug}/chat/send/", {"text": "แอบส่ง"}).status_code == 404

    stranger.post(f"/{org.slug}/chat/", {"text": "ของฉันเอง"})
    mine = stranger.get(f"/{org.slug}/chat/messages/?after=0").content.decode()
    assert "ของฉันเอง" in mine and "เลขที่บ้านของฉัน" not in mine and "สวัสดีค่ะ" not in mine


def test_a_token_of_one_org_opens_nothing_at_another(visitor, org, other_org):
    token = visitor.session[SESSION_KEY][str(org.pk)]
    session = visitor.session
    session[SESSION_KEY] = {str(other_org.pk): token}
    session.save()
    assert visitor.get(f"/{other_org.slug}/chat/messages/?after=0").status_code == 204
    assert "สวัสดีค่ะ" not in visitor.get(f"/{other_org.slug}/chat/").content.decode()


def test_polling_from_an_old_id_shows_only_own_messages(visitor, org):
    own = last_message_id(visitor.get(f"/{org.slug}/chat/").content.decode())
    other = Client()
    other.post(f"/{org.slug}/chat/", {"text": "ความลับของอีกคน"})
    body = visitor.get(f"/{org.slug}/chat/messages/?after={own}")
    assert body.status_code == 204
