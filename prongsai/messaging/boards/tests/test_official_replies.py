"""Staff answer on the board in the org's name, marked "เจ้าหน้าที่ตอบ"."""

from prongsai.messaging.boards import services
from prongsai.messaging.boards.models import Reply
from prongsai.orgs.models import AuditEvent


def test_staff_reply_is_shown_with_the_badge(client, org, topic, officer):
    client.force_login(officer)
    response = client.post(
        f"/{org.slug}/staff/board/{topic.pk}/reply/", {"text": "ช่างจะเข้าซ่อมพรุ่งนี้"}
    )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert (reply.is_official, reply.author, reply.status) == (True, officer, "published")
    assert reply.author_name == org.short_name
    client.logout()
    page = client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()
    assert "ช่างจะเข้าซ่อมพรุ่งนี้" in page and "เจ้าหน้าที่ตอบ" in page
    assert "post--official" in page
    assert "เจ้าหน้าที่ตอบ" in client.get(f"/{org.slug}/board/").content.decode()
    assert AuditEvent.objects.filter(action="board_official_reply", actor=officer).exists()


def test_a_citizen_reply_has_no_badge(client, org, topic, started):
    client.post(
        f"/{org.slug}/board/{topic.pk}/",
        {"text": "ความเห็นประชาชน", "author_name": "เจ้าหน้าที่", "started": started},
    )
    reply = Reply.objects.get()
    assert not reply.is_official
    page = client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()
    assert "post--official" not in page


def test_answering_a_waiting_topic_approves_it(client, org, officer):
    topic = services.post_topic(org=org, title="รอ", text="รอตรวจ")
    assert topic.status == "pending"
    services.post_official_reply(topic=topic, actor=officer, text="ตอบแล้ว")
    topic.refresh_from_db()
    assert topic.status == "published"
    assert client.get(f"/{org.slug}/board/{topic.pk}/").status_code == 200


def test_an_empty_official_reply_is_refused(client, org, topic, officer):
    client.force_login(officer)
    response = client.post(f"/{org.slug}/staff/board/{topic.pk}/reply/", {"text": " "}, follow=True)
    assert "กรุณาพิมพ์คำตอบ" in response.content.decode()
    assert not Reply.objects.exists()
