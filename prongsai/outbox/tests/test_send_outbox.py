"""`manage.py send_outbox`: the sweep for instances without beat (cron, every minute)."""

from io import StringIO

from django.core.management import call_command
from django.db.models import F

from prongsai.outbox import services
from prongsai.outbox.models import Message

delivered = []


def deliver(message, text):
    delivered.append(text)


def refuse(message):
    raise services.Refused("blocked")


def test_it_sends_what_is_due_and_tells_what_is_left(db, monkeypatch):
    monkeypatch.setattr(services, "dispatch", lambda message_id: None)
    delivered.clear()
    services.owe(deliver, "overdue")
    services.owe(refuse)
    Message.objects.update(due_at=F("created_at"))  # a minute later
    services.owe(deliver, "just owed")
    out = StringIO()

    call_command("send_outbox", stdout=out)

    assert delivered == ["overdue"]
    assert out.getvalue().strip() == "sent 1, still pending 1, given up 1"
