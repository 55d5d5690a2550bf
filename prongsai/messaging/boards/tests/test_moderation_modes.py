"""Pre-moderation keeps posts back until approved; post-moderation shows them and hides later."""

from prongsai.messaging.boards import services
from prongsai.messaging.boards.models import BoardSettings, Reply, Topic
from prongsai.orgs.models import AuditEvent


def post_topic(client, org, started, title="ขอถามเรื่องถนน"):
    return client.post(
        f"/{org.slug}/board/new/", {"title": title, "text": "รายละเอียด", "started": started}
    )


def test_pre_moderation_is_the_default(org):
    topic = services.post_topic(org=org, title="t", text="x")
    assert topic.status == "pending"


def test_pre_moderated_topic_waits_for_approval(client, org, alice, started):
    response = post_topic(client, org, started)
    topic = Topic.objects.get()
    assert response.url == f"/{org.slug}/board/"
    assert "จะแสดงบนเว็บบอร์ดเมื่อเจ้าหน้าที่ตรวจสอบแล้ว" in client.get(response.url).content.decode()
    assert "ขอถามเรื่องถนน" not in client.get(f"/{org.slug}/board/").content.decode()
    assert client.get(f"/{org.slug}/board/{topic.pk}/").status_code == 404

    client.force_login(alice)
    queue = client.get(f"/{org.slug}/staff/board/").content.decode()
    assert "ขอถามเรื่องถนน" in queue and "อนุมัติให้แสดง" in queue
    client.post(f"/{org.slug}/staff/board/{topic.pk}/publish/")
    client.logout()

    assert client.get(f"/{org.slug}/board/{topic.pk}/").status_code == 200
    assert "ขอถามเรื่องถนน" in client.get(f"/{org.slug}/board/").content.decode()
    topic.refresh_from_db()
    assert (topic.status, topic.moderated_by) == ("published", alice)
    assert AuditEvent.objects.filter(action="board_topic_published", actor=alice).exists()


def test_pre_moderated_reply_waits_too(client, org, alice, started):
    topic = services.post_topic(org=org, title="หัวข้อ", text="x")
    services.publish(post=topic, actor=alice)
    client.post(f"/{org.slug}/board/{topic.pk}/", {"text": "ความเห็นรอ", "started": started})
    reply = Reply.objects.get()
    assert reply.status == "pending"
    assert "ความเห็นรอ" not in client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()
    services.publish(post=reply, actor=alice)
    assert "ความเห็นรอ" in client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()


def test_refused_topic_never_shows(client, org, alice, started):
    post_topic(client, org, started)
    topic = Topic.objects.get()
    client.force_login(alice)
    client.post(f"/{org.slug}/staff/board/{topic.pk}/hide/")
    client.logout()
    topic.refresh_from_db()
    assert topic.status == "hidden"
    assert client.get(f"/{org.slug}/board/{topic.pk}/").status_code == 404


def test_post_moderation_shows_at_once_and_hides_later(client, org, alice, post_moderated, started):
    post_topic(client, org, started, title="ข้อความโฆษณา")
    topic = Topic.objects.get()
    assert topic.status == "published"
    assert "ข้อความโฆษณา" in client.get(f"/{org.slug}/board/").content.decode()

    client.force_login(alice)
    client.post(f"/{org.slug}/staff/board/{topic.pk}/hide/")
    client.logout()
    assert "ข้อความโฆษณา" not in client.get(f"/{org.slug}/board/").content.decode()
    assert client.get(f"/{org.slug}/board/{topic.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="board_topic_hidden").count() == 1


def test_a_hidden_reply_leaves_the_topic(client, org, alice, topic, started):
    client.post(f"/{org.slug}/board/{topic.pk}/", {"text": "คำหยาบ", "started": started})
    reply = Reply.objects.get()
    assert "คำหยาบ" in client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()
    client.force_login(alice)
    client.post(f"/{org.slug}/staff/board/replies/{reply.pk}/hide/")
    client.logout()
    assert "คำหยาบ" not in client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()


def test_the_admin_switches_the_mode(client, org, alice, started):
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/board/settings/", {"moderation": "post"})
    assert response.status_code == 302
    assert BoardSettings.objects.get(org=org).moderation == "post"
    event = AuditEvent.objects.get(action="board_settings_changed")
    assert event.detail == {"from": "pre", "to": "post"} and event.org == org
    client.logout()
    post_topic(client, org, started)
    assert Topic.objects.get().status == "published"


def test_an_unknown_mode_is_refused(client, org, alice):
    client.force_login(alice)
    client.post(f"/{org.slug}/staff/board/settings/", {"moderation": "none"})
    assert not BoardSettings.objects.exists()


def test_questions_follow_the_same_setting(org, post_moderated):
    question = services.ask_question(org=org, subject="ถาม", text="ถามจริง")
    assert question.status == "published"
