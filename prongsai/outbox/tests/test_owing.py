"""A message is owed in the transaction of its change, and sent whatever fails after the commit."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from kombu.exceptions import OperationalError

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case
from prongsai.orgs.models import Membership
from prongsai.outbox import services
from prongsai.outbox.models import Message
from prongsai.outbox.tests.clock import sweep_later


@pytest.fixture
def case(org):
    return inbox.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=ServiceFactory(org=org, name="ถนนชำรุด"),
        subject="หลุมหน้าวัด",
        reporter_email="reporter@example.com",
        consent=True,
    )


@pytest.fixture
def officer(org, make_member):
    return make_member(org, Membership.Role.OFFICER, "officer").user


def reply(case, officer, text="ช่างจะเข้าซ่อมวันจันทร์"):
    inbox.reply_publicly(case=case, actor=officer, text=text)


def test_a_change_that_rolls_back_owes_nothing(case, officer, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks(execute=True)
    with capture, pytest.raises(RuntimeError), transaction.atomic():
        reply(case, officer)
        raise RuntimeError("the change fails after the reply was written")
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_committed_change_leaves_a_message_that_is_then_sent(
    case, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        reply(case, officer)
    # Committed, not yet sent: the row is there before anything is tried.
    message = Message.objects.get()
    assert (message.task, message.attempts, message.sent_at) == (
        "prongsai.inbox.tasks.send_case_update",
        0,
        None,
    )
    for callback in callbacks:
        callback()
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1
    [sent] = mail.outbox
    assert "ช่างจะเข้าซ่อมวันจันทร์" in sent.body


def test_with_the_broker_down_the_officer_is_answered_and_the_sweep_sends_later(
    client, org, case, officer, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("prongsai.outbox.tasks.send.delay", broker_down)
    client.force_login(officer)
    url = f"/{org.slug}/staff/cases/{case.tracking_code}/reply/"
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"reply-text": "ช่างจะเข้าซ่อมวันจันทร์"})
    assert answer.status_code == 302
    assert case.events.filter(text="ช่างจะเข้าซ่อมวันจันทร์").exists()
    assert Message.objects.pending().count() == 1
    assert mail.outbox == []

    monkeypatch.undo()
    assert services.sweep() == 0  # the dispatch that failed may still be on its way
    assert sweep_later() == 1
    assert len(mail.outbox) == 1
    assert not Message.objects.pending().exists()


def test_a_process_that_dies_after_the_commit_loses_nothing_and_doubles_nothing(
    case, officer, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "dispatch", lambda message_id: None)  # killed right here
    with django_capture_on_commit_callbacks(execute=True):
        reply(case, officer)
    assert mail.outbox == []

    assert sweep_later() == 1
    assert sweep_later() == 0
    assert len(mail.outbox) == 1


def test_a_message_being_sent_is_not_sent_again_by_anyone_else(
    case, officer, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "dispatch", lambda message_id: None)
    with django_capture_on_commit_callbacks(execute=True):
        reply(case, officer)
    meanwhile = []
    send_messages = EmailBackend.send_messages

    def slow_send(backend, messages):
        # Another process sweeps, or takes the same task, while this one sends.
        meanwhile.extend([services.sweep(), services.send(Message.objects.get().pk)])
        return send_messages(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    assert services.send(Message.objects.get().pk)
    assert meanwhile == [0, False]
    assert len(mail.outbox) == 1


def test_a_mail_server_down_is_retried_on_the_schedule_then_given_up(
    case, officer, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        reply(case, officer)
    message = Message.objects.get()
    assert message.attempts == 1 and message.sent_at is None
    assert services.sweep() == 0  # not due before the first retry delay
    assert Message.objects.get().attempts == 1

    for _retry in services.RETRY_DELAYS:
        assert sweep_later() == 0
    message.refresh_from_db()
    assert message.attempts == len(services.RETRY_DELAYS) + 1
    assert message.failed_at is not None and message.sent_at is None
    assert "Connection refused" in message.last_error
    assert "gave up" in caplog.text
    # Kept for the admin to see, and left alone by the sweep.
    assert sweep_later() == 0
    assert Message.objects.get().attempts == len(services.RETRY_DELAYS) + 1


def refused(message):
    raise services.Refused("the user blocked the account")


def test_a_refused_message_is_given_up_at_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.owe(refused)
    message = Message.objects.get()
    assert message.attempts == 1 and message.failed_at is not None
    assert message.last_error == "Refused: the user blocked the account"
