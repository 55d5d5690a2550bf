"""The webhook: LINE's signature, each event once, the event's own time."""

from datetime import UTC, datetime

from prongsai.inbox.models import Case
from prongsai.messaging.line.models import WebhookEvent
from prongsai.messaging.line.tests.fake_line import event, text


def test_a_missing_or_wrong_signature_is_400_and_stores_nothing(deliver, account, fake_line):
    assert deliver(text("แจ้งเรื่อง"), signature="").status_code == 400
    assert deliver(text("แจ้งเรื่อง"), signature="bm90IGEgc2lnbmF0dXJl").status_code == 400
    assert deliver(text("แจ้งเรื่อง"), secret="another channel's secret").status_code == 400
    assert not WebhookEvent.objects.exists()
    assert fake_line.requests == []


def test_a_signed_event_is_answered(
    deliver, account, fake_line, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(text("สวัสดี")).status_code == 200
    [request] = fake_line.sent("/v2/bot/message/reply")
    assert request["headers"]["Authorization"] == "Bearer test-access-token"
    assert "แจ้งเรื่อง" in request["body"]["messages"][0]["text"]


def test_a_redelivered_event_changes_nothing(
    deliver, account, road, fake_line, django_capture_on_commit_callbacks
):
    deliver(text("แจ้งเรื่อง"))
    deliver(event(kind="postback", postback={"data": "service=road"}))
    details = text("ถนนแตกเป็นหลุมใหญ่")
    with django_capture_on_commit_callbacks(execute=True):
        deliver(details)
        redelivered = {**details, "deliveryContext": {"isRedelivery": True}}
        assert deliver(redelivered).status_code == 200
        assert deliver(details).status_code == 200
    assert Case.objects.count() == 1
    assert WebhookEvent.objects.filter(webhook_event_id=details["webhookEventId"]).count() == 1


def test_the_case_keeps_the_time_the_reporter_started(deliver, account, road, fake_line):
    start = text("แจ้งเรื่อง", timestamp=1673235000000)  # 2023-01-09 03:30 UTC
    deliver(start)
    deliver(event(kind="postback", postback={"data": "service=road"}))
    deliver(text("หลุมบนถนน"))
    case = Case.objects.get()
    assert case.received_at == datetime(2023, 1, 9, 3, 30, tzinfo=UTC)
    assert (case.channel, case.kind) == ("line", "complaint")


def test_another_orgs_webhook_is_404(client, other_org, account):
    response = client.post(
        f"/{other_org.slug}/line/webhook/", b"{}", content_type="application/json"
    )
    assert response.status_code == 404


def test_group_messages_are_ignored(deliver, account, fake_line):
    group = text("แจ้งเรื่อง")
    group["source"] = {"type": "group", "groupId": "G1"}
    assert deliver(group).status_code == 200
    assert not WebhookEvent.objects.exists()
