"""Any text is kept as typed and shown escaped, on public and staff pages alike."""

import pytest

from prongsai.inbox.models import Case
from prongsai.messaging.boards import services
from prongsai.messaging.boards.models import Question, Reply, Topic

SCRIPT = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
# Emoji with a zero-width joiner, Arabic and Hebrew (right to left), a zero-width
# space, a right-to-left override, a tag and the script.
TITLE = f"👩‍👩‍👧 ถนน\u200bพัง مرحبا שלום \u202e<b>ตัวหนา</b> {SCRIPT}"
TEXT = f"บรรทัดแรก 🇹🇭\nسطر عربي\n{SCRIPT}\n<img src=x onerror=alert(1)>"
NAME = f"<i>ชื่อ</i>\u200d{SCRIPT}"


def assert_escaped(body: str) -> None:
    assert SCRIPT not in body
    assert "<img src=x" not in body and "<b>ตัวหนา" not in body and "<i>ชื่อ" not in body
    assert ESCAPED in body


@pytest.fixture
def posts(client, org, post_moderated, started, officer):
    client.post(
        f"/{org.slug}/board/new/",
        {
            "title": TITLE,
            "text": TEXT,
            "author_name": NAME,
            "started": started,
            "idempotency_key": "t",
        },
    )
    topic = Topic.objects.get()
    client.post(
        f"/{org.slug}/board/{topic.pk}/",
        {"text": TEXT, "author_name": NAME, "started": started, "idempotency_key": "r"},
    )
    client.post(
        f"/{org.slug}/qa/ask/",
        {
            "subject": TITLE,
            "text": TEXT,
            "display_name": NAME,
            "started": started,
            "idempotency_key": "q",
        },
    )
    question = Question.objects.get()
    reply = Reply.objects.get()
    services.report_abuse(post=topic, reason="other", detail=SCRIPT)
    services.report_abuse(post=reply, reason="other", detail=SCRIPT)
    services.report_abuse(post=question, reason="other", detail=SCRIPT)
    services.take_in_topic(topic=topic, kind="complaint", actor=officer)
    services.post_official_reply(topic=topic, actor=officer, text=TEXT)
    services.answer_question(question=question, actor=officer, text=TEXT)
    services.set_faq(question=question, is_faq=True, faq_group=NAME, actor=officer)
    return topic, reply, question


def test_text_is_stored_intact(posts):
    topic, reply, question = posts
    assert (topic.title, topic.text, topic.author_name) == (TITLE, TEXT, NAME)
    assert (reply.text, reply.author_name) == (TEXT, NAME)
    assert (question.case.subject, question.case.text, question.display_name) == (TITLE, TEXT, NAME)
    assert Case.objects.get(channel="webboard").subject == TITLE


def test_public_pages_escape_it(client, org, posts):
    topic, reply, question = posts
    urls = [
        f"/{org.slug}/board/",
        f"/{org.slug}/board/?q=ถนน",
        f"/{org.slug}/board/{topic.pk}/",
        f"/{org.slug}/board/{topic.pk}/report/",
        f"/{org.slug}/board/replies/{reply.pk}/report/",
        f"/{org.slug}/qa/",
        f"/{org.slug}/qa/{question.pk}/",
        f"/{org.slug}/qa/{question.pk}/report/",
        f"/{org.slug}/qa/faq/",
        f"/{org.slug}/track/{question.case.tracking_code}/",
        f"/{org.slug}/track/{topic.case.tracking_code}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode())


def test_a_search_for_a_tag_is_escaped(client, org, posts):
    for url in (f"/{org.slug}/board/", f"/{org.slug}/qa/", f"/{org.slug}/qa/faq/"):
        body = client.get(url, {"q": SCRIPT}).content.decode()
        assert SCRIPT not in body


def test_staff_pages_escape_it(client, org, posts, alice):
    topic, _reply, question = posts
    client.force_login(alice)
    urls = [
        f"/{org.slug}/staff/board/",
        f"/{org.slug}/staff/board/{topic.pk}/",
        f"/{org.slug}/staff/qa/",
        f"/{org.slug}/staff/qa/{question.pk}/",
        f"/{org.slug}/staff/cases/",
        f"/{org.slug}/staff/cases/{question.case.tracking_code}/",
        f"/{org.slug}/staff/audit/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SCRIPT not in body, url
        assert "<img src=x" not in body and "<b>ตัวหนา" not in body, url


def test_the_mail_to_the_asker_keeps_the_text(
    client, org, officer, started, django_capture_on_commit_callbacks
):
    from django.core import mail

    question = services.ask_question(
        org=org, subject=TITLE, text=TEXT, reporter_email="a@example.com", consent=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(question=question, actor=officer, text=TEXT)
    assert TEXT in mail.outbox[0].body  # plain text: nothing to escape
