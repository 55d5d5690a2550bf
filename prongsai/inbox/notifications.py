"""Telling reporters what happened to their case, and staff what reporters add to it."""

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


def notify_handler(event: CaseEvent) -> None:
    """Owe the officer a case is assigned to an e-mail of what the public added to it.

    A case nobody holds yet waits in its division's inbox, where it is seen anyway.
    """
    assignee = event.case.assignee
    if assignee is not None and assignee.email:
        from prongsai.inbox.tasks import send_handler_update

        outbox.owe(send_handler_update, event.pk)
