import logging
import uuid
from collections.abc import Callable

from celery import shared_task
from django.utils.translation import gettext as _
from linebot.v3.messaging.exceptions import ApiException
from urllib3.exceptions import HTTPError

from prongsai.inbox.models import CaseEvent
from prongsai.inbox.tracking import display
from prongsai.messaging.line import client
from prongsai.messaging.line.conversation import status_text
from prongsai.messaging.line.models import LineAccount

log = logging.getLogger(__name__)
RETRY_DELAYS = [10, 60, 300, 900, 3600]  # seconds: a LINE outage rarely lasts longer


def _retryable(error: Exception) -> bool:
    # 4xx means the request itself is wrong (revoked token, blocked user): retrying won't help.
    return not isinstance(error, ApiException) or error.status is None or error.status >= 500


def _deliver(task, send: Callable[[], None], what: str) -> None:
    """Call LINE; on a failure worth retrying, the queue tries again later.

    Without a broker (embedded default) the task runs in the request, so it
    retries there at once, as many times, rather than leave the work undone.
    """
    attempts = len(RETRY_DELAYS) + 1 if task.request.is_eager else 1
    for _attempt in range(attempts):
        try:
            send()
            return
        except (ApiException, HTTPError, OSError) as error:
            if not _retryable(error):
                log.error("LINE %s refused: %s", what, error)
                return
            if not task.request.is_eager and task.request.retries < len(RETRY_DELAYS):
                raise task.retry(exc=error, countdown=RETRY_DELAYS[task.request.retries]) from error
            log.warning("LINE %s failed: %s", what, error)
    log.error("LINE %s failed for good", what)


@shared_task(bind=True, max_retries=len(RETRY_DELAYS))
def send_reply(self, account_id: int, reply_token: str, replies: list[dict]) -> None:
    account = LineAccount.objects.get(pk=account_id)
    _deliver(self, lambda: client.reply(account, reply_token, replies), "reply")


@shared_task(bind=True, max_retries=len(RETRY_DELAYS))
def push_case_update(self, event_id: int) -> None:
    """Tell the LINE user who filed a case that it moved (status, staff reply, closing)."""
    event = CaseEvent.objects.select_related("case__org", "case__line_report__line_user").get(
        pk=event_id
    )
    case = event.case
    account = LineAccount.objects.filter(org=case.org, is_active=True).first()
    if account is None:
        return
    heading = _("ความคืบหน้าเรื่อง %(code)s: %(what)s") % {
        "code": display(case.tracking_code),
        "what": event.get_kind_display(),
    }
    text = "\n".join(part for part in (heading, event.text, status_text(case)) if part)
    retry_key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"prongsai-case-event-{event.pk}"))
    to = case.line_report.line_user.line_user_id
    _deliver(self, lambda: client.push(account, to, [{"text": text}], retry_key=retry_key), "push")
