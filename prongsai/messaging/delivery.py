"""Sending to a messaging platform from a task, with retries the platform can take."""

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

RETRY_DELAYS = [10, 60, 300, 900, 3600]  # seconds: an outage rarely lasts longer


def deliver(
    task,
    send: Callable[[], None],
    *,
    what: str,
    errors: tuple[type[Exception], ...],
    retryable: Callable[[Exception], bool],
) -> None:
    """Call `send`; on a failure worth retrying, the queue tries again later.

    Without a broker (embedded default) the task runs in the request, so it
    retries there at once, as many times, rather than leave the work undone.
    A failure that is not `retryable` (the platform refused the request) is
    logged and dropped.
    """
    attempts = len(RETRY_DELAYS) + 1 if task.request.is_eager else 1
    for _attempt in range(attempts):
        try:
            send()
            return
        except errors as error:
            if not retryable(error):
                log.error("%s refused: %s", what, error)
                return
            if not task.request.is_eager and task.request.retries < len(RETRY_DELAYS):
                raise task.retry(exc=error, countdown=RETRY_DELAYS[task.request.retries]) from error
            log.warning("%s failed: %s", what, error)
    log.error("%s failed for good", what)
