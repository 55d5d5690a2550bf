import uuid
from functools import partial

from celery import shared_task
from django.utils.translation import gettext as _
from linebot.v3.messaging.exceptions import ApiException
from urllib3.exceptions import HTTPError

from prongsai.inbox.models import CaseEvent
from prongsai.inbox.tracking import display
from prongsai.messaging.delivery import RETRY_DELAYS, deliver
from prongsai.messaging.line import client
from prongsai.messaging.line.conversation import status_text
from prongsai.messaging.line.models import LineAccount
from prongsai.surveys.offers import invitation_text

ERRORS = (ApiException, HTTPError, OSError)


def _retryable(error: Exception) -> bool:
    # 4xx means the request itself is wrong (revoked token, blocked user): retrying won't help.
    return not isinstance(error, ApiException) or error.status is None or error.status >= 500


@shared_task(bind=True, max_retries=len(RETRY_DELAYS))
def send_reply(self, account_id: int, reply_token: str, replies: list[dict]) -> None:
    account = LineAccount.objects.get(pk=account_id)
    send = partial(client.reply, account, reply_token, replies)
    deliver(self, send, what="LINE reply", errors=ERRORS, retryable=_retryable)


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
    # Closing is when the reporter is asked how satisfied they are with the service.
    invitation = invitation_text(case) if event.kind == CaseEvent.Kind.CLOSED else ""
    parts = (heading, event.text, status_text(case), invitation)
    text = "\n".join(part for part in parts if part)
    retry_key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"prongsai-case-event-{event.pk}"))
    to = case.line_report.line_user.line_user_id
    send = partial(client.push, account, to, [{"text": text}], retry_key=retry_key)
    deliver(self, send, what="LINE push", errors=ERRORS, retryable=_retryable)
