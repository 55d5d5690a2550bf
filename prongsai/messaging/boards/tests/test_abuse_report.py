"""Citizens flag posts; moderators see how often and why, then keep or hide them."""

from prongsai.messaging.boards import services
from prongsai.messaging.boards.models import AbuseReport
from prongsai.orgs.models import AuditEvent


def report(client, url, started, reason="rude", detail="", **extra):
    return client.post(url, {"reason": reason, "detail": detail, "started": started}, **extra)


def test_a_citizen_reports_a_topic(client, org, topic, started):
    url = f"/{org.slug}/board/{topic.pk}/report/"
    assert "แจ้งข้อความไม่เหมาะสม" in client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()
    assert "คำหยาบ/ดูหมิ่น" in client.get(url).content.decode()
    response = report(client, url, started, detail="ด่าคนอื่น")
    assert response.status_code == 302 and response.url == f"/{org.slug}/board/{topic.pk}/"
    saved = AbuseReport.objects.get()
    assert (saved.topic, saved.org, saved.reason, saved.detail) == (topic, org, "rude", "ด่าคนอื่น")


def test_a_reason_is_required(client, org, topic, started):
    response = client.post(f"/{org.slug}/board/{topic.pk}/report/", {"started": started})
    assert "กรุณาเลือกเหตุผล" in response.content.decode()
    assert not AbuseReport.objects.exists()


def test_one_client_counts_once_per_post(client, org, topic, started):
    url = f"/{org.slug}/board/{topic.pk}/report/"
    report(client, url, started)
    report(client, url, started)
    report(client, url, started, REMOTE_ADDR="203.0.113.7")
    assert AbuseReport.objects.count() == 2


def test_replies_and_questions_can_be_reported(client, org, topic, question, started):
    reply = services.post_reply(topic=topic, text="ขายของ")
    report(client, f"/{org.slug}/board/replies/{reply.pk}/report/", started, reason="spam")
    report(client, f"/{org.slug}/qa/{question.pk}/report/", started, reason="personal")
    assert AbuseReport.objects.get(reply=reply).reason == "spam"
    assert AbuseReport.objects.get(question=question).reason == "personal"


def test_moderators_see_count_and_reasons(client, org, topic, alice, started):
    url = f"/{org.slug}/board/{topic.pk}/report/"
    report(client, url, started, reason="spam", detail="ลิงก์ขายของ")
    report(client, url, started, reason="rude", REMOTE_ADDR="203.0.113.7")
    client.force_login(alice)
    for page in (f"/{org.slug}/staff/board/", f"/{org.slug}/staff/board/{topic.pk}/"):
        body = client.get(page).content.decode()
        assert "ถูกรายงาน 2 ครั้ง" in body
        assert "สแปม/โฆษณา" in body and "ลิงก์ขายของ" in body and "คำหยาบ/ดูหมิ่น" in body


def test_keeping_the_post_closes_its_reports(client, org, topic, alice, started):
    report(client, f"/{org.slug}/board/{topic.pk}/report/", started)
    client.force_login(alice)
    client.post(f"/{org.slug}/staff/board/{topic.pk}/dismiss/")
    assert AbuseReport.objects.get().resolved_by == alice
    assert "ถูกรายงาน 1 ครั้ง" not in client.get(f"/{org.slug}/staff/board/").content.decode()
    assert AuditEvent.objects.filter(action="board_reports_dismissed").exists()
    topic.refresh_from_db()
    assert topic.status == "published"


def test_hiding_the_post_handles_its_reports(client, org, topic, alice, started):
    report(client, f"/{org.slug}/board/{topic.pk}/report/", started)
    services.hide(post=topic, actor=alice)
    assert AbuseReport.objects.get().resolved_at is not None


def test_a_post_not_shown_cannot_be_reported(client, org, alice, started):
    topic = services.post_topic(org=org, title="รอ", text="รอ")  # pre-moderated: pending
    response = report(client, f"/{org.slug}/board/{topic.pk}/report/", started)
    assert response.status_code == 404 and not AbuseReport.objects.exists()
