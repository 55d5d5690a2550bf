"""A bot that fills the hidden field is answered like a person, and nothing is kept."""

from prongsai.inbox.models import Case
from prongsai.messaging.boards.models import AbuseReport, Question, Reply, Topic


def test_a_topic_with_the_honeypot_filled_is_dropped(client, org, post_moderated, started):
    response = client.post(
        f"/{org.slug}/board/new/",
        {
            "title": "ซื้อยาลดน้ำหนัก",
            "text": "คลิกเลย",
            "website": "http://spam.example",
            "started": started,
        },
    )
    assert response.status_code == 302 and response.url == f"/{org.slug}/board/"
    assert "ได้รับข้อความแล้ว" in client.get(response.url).content.decode()
    assert not Topic.objects.exists()


def test_the_honeypot_wins_even_over_a_bad_stamp(client, org):
    response = client.post(
        f"/{org.slug}/board/new/", {"title": "x", "text": "y", "website": "z", "started": ""}
    )
    assert response.status_code == 302 and not Topic.objects.exists()


def test_a_reply_with_the_honeypot_filled_is_dropped(client, org, topic, started):
    response = client.post(
        f"/{org.slug}/board/{topic.pk}/", {"text": "สแปม", "website": "x", "started": started}
    )
    assert response.status_code == 302 and not Reply.objects.exists()


def test_a_question_with_the_honeypot_filled_makes_no_case(client, org, started):
    response = client.post(
        f"/{org.slug}/qa/ask/",
        {
            "subject": "ถาม",
            "text": "ถามจริง",
            "reporter_email": "bot@example.com",
            "consent": "on",
            "website": "x",
            "started": started,
        },
    )
    assert response.status_code == 302 and response.url == f"/{org.slug}/qa/"
    assert not Case.objects.exists() and not Question.objects.exists()


def test_a_report_with_the_honeypot_filled_is_dropped(client, org, topic, started):
    response = client.post(
        f"/{org.slug}/board/{topic.pk}/report/",
        {"reason": "spam", "website": "x", "started": started},
    )
    assert response.status_code == 302 and not AbuseReport.objects.exists()


def test_people_do_not_see_the_honeypot(client, org):
    page = client.get(f"/{org.slug}/qa/ask/").content.decode()
    assert '<div class="hp" aria-hidden="true">' in page
    assert 'name="website" id="id_website" value="" tabindex="-1"' in page
