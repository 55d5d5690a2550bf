"""The bot's answer survives a process that dies before sending it, even once its token expired."""

import pytest

from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case
from prongsai.inbox.tracking import display
from prongsai.messaging.line.tests.fake_line import PUSH, REPLY, text
from prongsai.outbox import services
from prongsai.outbox.models import Message
from prongsai.outbox.tests.clock import sweep_later


@pytest.fixture
def say(deliver, django_capture_on_commit_callbacks):
    def post(event: dict) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            assert deliver(event).status_code == 200

    return post


@pytest.fixture
def dying(monkeypatch):
    """The app server is killed between the commit and the bot's answer, until undone."""
    monkeypatch.setattr(services, "dispatch", lambda message_id: None)
    return monkeypatch


def test_a_redelivered_event_gets_the_answer_the_dead_process_owed(say, account, fake_line, dying):
    dying.undo()
    say(text("ถามคำถาม"))
    dying.setattr(services, "dispatch", lambda message_id: None)
    question = text("ขอทราบกำหนดเก็บขยะ")
    say(question)
    case = Case.objects.get()
    assert len(fake_line.sent(REPLY)) == 1  # only the answer to the first message

    dying.undo()
    say({**question, "deliveryContext": {"isRedelivery": True}})
    assert Case.objects.count() == 1
    answer = fake_line.texts(REPLY)[-1]
    assert display(case.tracking_code) in answer

    say({**question, "deliveryContext": {"isRedelivery": True}})
    assert sweep_later() == 0
    assert len(fake_line.sent(REPLY)) == 2 and fake_line.sent(PUSH) == []


def test_an_answer_sent_after_its_token_expired_is_pushed(say, account, fake_line, dying):
    hello = text("สวัสดี", user="Uexpired")
    say(hello)
    fake_line.expired_tokens.add(hello["replyToken"])
    dying.undo()

    assert sweep_later() == 1
    assert fake_line.sent(REPLY) == []  # LINE refused the old token
    [push] = fake_line.sent(PUSH)
    assert push["body"]["to"] == "Uexpired"
    assert "แจ้งเรื่อง" in push["body"]["messages"][0]["text"]
    message = Message.objects.get()
    assert push["headers"]["X-Line-Retry-Key"] == str(message.uuid)
    assert message.sent_at is not None


def test_a_push_of_case_news_carries_the_uuid_of_its_message(
    say, account, fake_line, org, make_member, django_capture_on_commit_callbacks
):
    say(text("ถามคำถาม"))
    say(text("ขอทราบกำหนดเก็บขยะ"))
    officer = make_member(org, "officer", "officer").user
    with django_capture_on_commit_callbacks(execute=True):
        inbox.reply_publicly(case=Case.objects.get(), actor=officer, text="ทุกวันพุธ")
    [push] = fake_line.sent(PUSH)
    owed = Message.objects.get(task="prongsai.messaging.line.tasks.push_case_update")
    assert push["headers"]["X-Line-Retry-Key"] == str(owed.uuid)
    assert owed.sent_at is not None
