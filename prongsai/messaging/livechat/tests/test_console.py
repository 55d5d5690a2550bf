"""The console lists waiting, active and closed chats and refreshes them by polling."""

import re

from django.test import Client

from prongsai.messaging.livechat import services


def version(html: str) -> str:
    return re.search(r"lists/\?v=(\w+)", html)[1]


def test_the_lists(agent_client, org, officer):
    waiting = services.start_chat(org=org, text="รอคำตอบอยู่", visitor_name="คนที่หนึ่ง").chat
    active = services.start_chat(org=org, text="คุยกันอยู่", visitor_name="คนที่สอง").chat
    closed = services.start_chat(org=org, text="จบไปแล้ว", visitor_name="คนที่สาม").chat
    services.take_chat(chat=active, actor=officer)
    services.close_chat(chat=closed, actor=officer, resolution="ตอบแล้ว")
    page = agent_client.get(f"/{org.slug}/staff/chat/").content.decode()
    sections = re.split(r'<section class="card"', page)
    assert "รอคำตอบอยู่" in sections[1] and "คนที่หนึ่ง" in sections[1]
    assert "คุยกันอยู่" in sections[2] and "สมศรี" in sections[2]
    assert "จบไปแล้ว" in sections[3]
    assert f"/staff/chat/{waiting.pk}/" in page and 'hx-trigger="every 2s"' in page


def test_the_lists_poll_answers_204_until_something_changes(agent_client, org):
    services.start_chat(org=org, text="แชทแรก")
    page = agent_client.get(f"/{org.slug}/staff/chat/").content.decode()
    url = f"/{org.slug}/staff/chat/lists/?v={version(page)}"
    assert agent_client.get(url).status_code == 204
    services.start_chat(org=org, text="แชทใหม่เข้ามา")
    response = agent_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "แชทใหม่เข้ามา" in body and 'id="chat-lists"' in body
    assert agent_client.get(f"/{org.slug}/staff/chat/lists/?v={version(body)}").status_code == 204


def test_another_orgs_chats_are_not_listed(org, other_org, bob):
    services.start_chat(org=org, text="ของอลิซ")
    client = Client()
    client.force_login(bob)
    assert "ของอลิซ" not in client.get(f"/{other_org.slug}/staff/chat/").content.decode()
    assert "ของอลิซ" not in client.get(f"/{other_org.slug}/staff/chat/lists/").content.decode()
