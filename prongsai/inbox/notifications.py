"""Telling reporters what happened to their case, after the change is committed."""

from collections.abc import Callable

from prongsai.inbox.models import CaseEvent
from prongsai.outbox import services as outbox

# Channels that can reach a reporter (LINE) register here; e-mail is built in.
_channel_notifiers: list[Callable[[CaseEvent], None]] = []


def register_channel_notifier(notify: Callable[[CaseEvent], None]) -> None:
    if notify not in _channel_notifiers:
        _channel_notifiers.append(notify)


def notify_reporter(event: CaseEvent) -> None:
    """Owe the reporter the news of a public event, in the transaction of the event.

    Nothing is announced for a change that rolls back, and the outbox sends it
    after the commit until a mail server or a LINE API that is down takes it.
    """
    if not event.is_public:
        return
    if event.case.reporter_email:
        from prongsai.inbox.tasks import send_case_update

        outbox.owe(send_case_update, event.pk)
    for notify in _channel_notifiers:
        notify(event)
