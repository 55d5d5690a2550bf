"""Telling reporters what happened to their case, after the change is committed."""

from collections.abc import Callable

from django.db import transaction

from prongsai.inbox.models import CaseEvent

# Channels that can reach a reporter (LINE) register here; e-mail is built in.
_channel_notifiers: list[Callable[[CaseEvent], None]] = []


def register_channel_notifier(notify: Callable[[CaseEvent], None]) -> None:
    if notify not in _channel_notifiers:
        _channel_notifiers.append(notify)


def notify_reporter(event: CaseEvent) -> None:
    """Queue the news of a public event for the reporter, once the transaction commits.

    Nothing is announced for a change that rolls back; the task queue retries
    a mail server or a LINE API that is down (in-process without a broker).
    """
    if not event.is_public:
        return
    if event.case.reporter_email:
        from prongsai.inbox.tasks import send_case_update

        transaction.on_commit(lambda: send_case_update.delay(event.pk))
    for notify in _channel_notifiers:
        notify(event)
