"""One client may post a few times in ten minutes; then it is told, in Thai, to wait."""

from prongsai.inbox.models import Case
from prongsai.messaging.boards.models import AbuseReport, Topic


def post(client, org, started, n, **extra):
    return client.post(
        f"/{org.slug}/board/new/",
        {"title": f"หัวข้อ {n}", "text": "ข้อความ", "started": started, "idempotency_key": f"k{n}"},
        **extra,
    )


def test_the_sixth_post_in_ten_minutes_is_refused(client, org, post_moderated, started, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "board_post": (5, 600)}
    for n in range(5):
        assert post(client, org, started, n).status_code == 302
    response = post(client, org, started, 5)
    assert response.status_code == 429
    assert "ส่งข้อความบ่อยเกินไป: ส่งได้ไม่เกิน 5 ข้อความใน 10 นาที" in response.content.decode()
    assert Topic.objects.count() == 5


def test_topics_replies_and_questions_share_the_limit(client, org, topic, started, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "board_post": (2, 600)}
    client.post(f"/{org.slug}/board/{topic.pk}/", {"text": "หนึ่ง", "started": started})
    client.post(f"/{org.slug}/board/{topic.pk}/", {"text": "สอง", "started": started})
    response = client.post(
        f"/{org.slug}/qa/ask/", {"subject": "สาม", "text": "สาม", "started": started}
    )
    assert response.status_code == 429 and not Case.objects.exists()


def test_another_client_may_still_post(client, org, post_moderated, started, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "board_post": (1, 600)}
    assert post(client, org, started, 1).status_code == 302
    assert post(client, org, started, 2).status_code == 429
    assert post(client, org, started, 3, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_forged_forwarded_header_does_not_reset_the_count(
    client, org, post_moderated, started, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "board_post": (1, 600)}
    post(client, org, started, 1, HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = post(client, org, started, 2, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429


def test_behind_a_proxy_the_forwarded_client_counts(client, org, post_moderated, started, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "board_post": (1, 600)}
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert (
        post(client, org, started, 1, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code
        == 302
    )
    assert (
        post(client, org, started, 2, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code
        == 302
    )
    # What the client wrote before the proxy's entry is not believed.
    spoofed = "1.1.1.1, 198.51.100.2"
    assert post(client, org, started, 3, HTTP_X_FORWARDED_FOR=spoofed, **proxy).status_code == 429


def test_invalid_forms_do_not_count(client, org, post_moderated, started, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "board_post": (1, 600)}
    client.post(f"/{org.slug}/board/new/", {"title": "", "text": "", "started": started})
    assert post(client, org, started, 1).status_code == 302


def test_reports_have_their_own_limit(client, org, topic, started, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "board_report": (1, 600)}
    client.post(f"/{org.slug}/board/{topic.pk}/report/", {"reason": "spam", "started": started})
    response = client.post(
        f"/{org.slug}/board/{topic.pk}/report/", {"reason": "rude", "started": started}
    )
    assert response.status_code == 429 and "แจ้งบ่อยเกินไป" in response.content.decode()
    assert AbuseReport.objects.count() == 1
