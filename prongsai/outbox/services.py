"""Owing a message with the change that causes it, and sending it until it is delivered.

A message is a row written in the transaction of the change, so a rollback
owes nothing and a commit always leaves the row behind. After the commit it is
handed to a worker (with a broker) or sent in this process (without one); a
message that is still pending later, because the process died, the broker was
down or the platform failed, is sent by the sweep: every minute from beat or
`manage.py send_outbox`, and, on the embedded default, by whoever owes the
next message.

Delivery is at least once: an attempt claims the row for a while (`LEASE`),
sends, then marks the row sent, so only a crash between the send and the mark
sends it twice. LINE drops a second push with the same retry key, the row's uuid.
"""

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from prongsai.outbox.models import Message

log = logging.getLogger(__name__)

RETRY_DELAYS = [10, 60, 300, 900, 3600]  # seconds after each failure: an outage rarely lasts longer
GRACE = timedelta(minutes=1)  # a message nobody tried by then is the sweep's
LEASE = timedelta(minutes=5)  # longer than any send: an older attempt died with its process
SWEEP_AFTER_OWING = 5  # overdue messages a process sends after its own, without a broker


class Refused(Exception):
    """The platform refused the message itself (blocked user, revoked token): no retry."""


def is_refusal(status: int | None) -> bool:
    """Whether an HTTP error status refuses the request itself: a 4xx will not get better
    by waiting, except 429 (too many at once). A 5xx or no answer at all is retried."""
    return status is not None and status < 500 and status != 429


def owe(task: Callable[..., None], *args, key: uuid.UUID | None = None) -> Message:
    """Owe the message that `task(message, *args)` sends, once the transaction commits.

    `args` must be JSON. `key`, when given, names the message so that it can be
    found again (`send_pending`); it must be unique.
    """
    message = Message.objects.create(
        task=f"{task.__module__}.{task.__qualname__}",
        args=list(args),
        uuid=key or uuid.uuid4(),
        due_at=timezone.now() + GRACE,
    )
    transaction.on_commit(partial(dispatch, message.pk))
    return message


def send_pending(key: uuid.UUID) -> None:
    """Send the message named `key` after the commit, if it is still owed."""
    pk = Message.objects.pending().filter(uuid=key).values_list("pk", flat=True).first()
    if pk is not None:
        transaction.on_commit(partial(dispatch, pk))


def dispatch(message_id: int) -> None:
    """Hand the message to a worker, or send it here without a broker; never raises.

    The change that owes it is committed: whatever goes wrong now (the broker
    is down, a bug) must not turn the request into an error. The row stays
    pending and the sweep sends it.
    """
    from prongsai.outbox import tasks

    try:
        tasks.send.delay(message_id)
        if tasks.send.app.conf.task_always_eager:
            # No beat on the embedded default: owing a message also clears a few overdue ones.
            sweep(limit=SWEEP_AFTER_OWING)
    except Exception:
        log.exception("message %s is left to the sweep", message_id)


def send(message_id: int) -> bool:
    """Try the message once, unless it is sent, given up, or another attempt holds it.

    True if it was delivered now.
    """
    now = timezone.now()
    claimed = (
        Message.objects.pending()
        .filter(Q(attempts=0) | Q(due_at__lte=now), pk=message_id)
        .update(attempts=F("attempts") + 1, due_at=now + LEASE)
    )
    if not claimed:
        return False
    message = Message.objects.get(pk=message_id)
    try:
        import_string(message.task)(message, *message.args)
    except Exception as error:
        _failed(message, error)
        return False
    Message.objects.filter(pk=message.pk).update(sent_at=timezone.now())
    return True


def _failed(message: Message, error: Exception) -> None:
    now = timezone.now()
    text = f"{type(error).__name__}: {error}"[:2000]
    if isinstance(error, Refused) or message.attempts > len(RETRY_DELAYS):
        Message.objects.filter(pk=message.pk).update(failed_at=now, last_error=text)
        log.error("gave up on %s after %d attempts: %s", message, message.attempts, text)
        return
    delay = timedelta(seconds=RETRY_DELAYS[message.attempts - 1])
    Message.objects.filter(pk=message.pk).update(due_at=now + delay, last_error=text)
    log.warning("%s failed (attempt %d), next in %s: %s", message, message.attempts, delay, text)


def sweep(limit: int | None = None) -> int:
    """Try the messages that are due again, oldest first; how many were delivered."""
    due = (
        Message.objects.pending()
        .filter(due_at__lte=timezone.now())
        .order_by("due_at")
        .values_list("pk", flat=True)
    )
    return sum(send(pk) for pk in list(due[:limit]))
