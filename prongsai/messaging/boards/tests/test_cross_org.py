"""Another org's topics, replies and questions answer 404, on public and staff pages."""

import pytest

from prongsai.messaging.boards import services
from prongsai.messaging.boards.models import AbuseReport, BoardSettings, Reply, Topic


@pytest.fixture
def theirs(other_org, bob):
    BoardSettings.objects.create(org=other_org, moderation="post")
    topic = services.post_topic(org=other_org, title="กระทู้ของบ็อบ", text="x")
    reply = services.post_reply(topic=topic, text="ความเห็นของบ็อบ")
    question = services.ask_question(org=other_org, subject="คำถามของบ็อบ", text="y")
    return topic, reply, question


def test_public_pages_of_another_org_are_404(client, org, theirs, started):
    topic, reply, question = theirs
    for url in (
        f"/{org.slug}/board/{topic.pk}/",
        f"/{org.slug}/board/{topic.pk}/report/",
        f"/{org.slug}/board/replies/{reply.pk}/report/",
        f"/{org.slug}/qa/{question.pk}/",
        f"/{org.slug}/qa/{question.pk}/report/",
    ):
        assert client.get(url).status_code == 404, url
    assert "กระทู้ของบ็อบ" not in client.get(f"/{org.slug}/board/").content.decode()
    assert "คำถามของบ็อบ" not in client.get(f"/{org.slug}/qa/").content.decode()


def test_posting_into_another_orgs_topic_is_404(client, org, theirs, started):
    topic = theirs[0]
    response = client.post(f"/{org.slug}/board/{topic.pk}/", {"text": "แทรก", "started": started})
    assert response.status_code == 404
    response = client.post(
        f"/{org.slug}/board/{topic.pk}/report/", {"reason": "spam", "started": started}
    )
    assert response.status_code == 404
    assert Reply.objects.count() == 1 and not AbuseReport.objects.exists()


def test_staff_pages_of_another_org_are_404(client, org, alice, theirs):
    topic, reply, question = theirs
    client.force_login(alice)
    for url in (f"/{org.slug}/staff/board/{topic.pk}/", f"/{org.slug}/staff/qa/{question.pk}/"):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/{org.slug}/staff/board/{topic.pk}/hide/",
        f"/{org.slug}/staff/board/{topic.pk}/reply/",
        f"/{org.slug}/staff/board/{topic.pk}/case/",
        f"/{org.slug}/staff/board/replies/{reply.pk}/hide/",
        f"/{org.slug}/staff/qa/{question.pk}/hide/",
        f"/{org.slug}/staff/qa/{question.pk}/answer/",
    ):
        assert client.post(url, {"text": "x", "kind": "complaint"}).status_code == 404, url
    assert Topic.objects.get(pk=topic.pk).status == "published"
    assert not question.case.events.filter(kind="public_reply").exists()
    queue = client.get(f"/{org.slug}/staff/board/").content.decode()
    assert "กระทู้ของบ็อบ" not in queue
    assert "คำถามของบ็อบ" not in client.get(f"/{org.slug}/staff/qa/").content.decode()


def test_staff_of_another_org_cannot_moderate_here(client, org, bob, topic):
    client.force_login(bob)
    assert client.get(f"/{org.slug}/staff/board/").status_code == 403
    assert client.post(f"/{org.slug}/staff/board/{topic.pk}/hide/").status_code == 403
    topic.refresh_from_db()
    assert topic.status == "published"
