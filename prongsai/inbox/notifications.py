"""Telling reporters what happened to their case, after the change is committed."""

from django.db import transaction

from prongsai.inbox.models import CaseEvent


def notify_reporter(event: CaseEvent) -> None:
    """Queue the news of a public event for the reporter, once the transaction commits.

    Nothing is announced for a change that rolls back; the task queue retries
    a mail server that is down (in-process without a broker).
    """
    if not event.is_public or not event.case.reporter_email:
        return
    from prongsai.inbox.tasks import send_case_update

    transaction.on_commit(lambda: send_case_update.delay(event.pk))
