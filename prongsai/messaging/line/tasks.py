"""What the bot sends, through the outbox: answers to webhook events and pushes of case news."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _
from linebot.v3.messaging.exceptions import ApiException

from prongsai.inbox.models import CaseEvent
from prongsai.inbox.tracking import display
from prongsai.messaging.line import client
from prongsai.messaging.line.conversation import status_text
from prongsai.messaging.line.models import LineAccount
from prongsai.outbox.models import Message
from prongsai.outbox.services import Refused, is_refusal
from prongsai.surveys.offers import invitation_text


@contextmanager
def _refusals() -> Iterator[None]:
    """LINE's refusal of the request itself (revoked token, blocked user) as Refused;
    anything else (5xx, no answer) is retried by the outbox."""
    try:
        yield
    except ApiException as error:
        if error.status == 409:
            return  # a push with this retry key was accepted before: it is delivered
        if is_refusal(error.status):
            raise Refused(f"LINE answered {error.status}: {error.body!r}") from error
        raise


def _expired_token(error: ApiException) -> bool:
    # What LINE answers to a reply token that is used up or too old.
    return error.status == 400 and "invalid reply token" in str(error.body).lower()


def send_reply(
    message: Message, account_id: int, reply_token: str, replies: list[dict], user_id: str
) -> None:
    """Answer a webhook event with its reply token, or push the answer once the token is no
    good: a reply token lasts about a minute, and a resend after a crash comes later."""
    account = LineAccount.objects.get(pk=account_id)
    with _refusals():
        try:
            client.reply(account, reply_token, replies)
        except ApiException as error:
            if not _expired_token(error):
                raise
            client.push(account, user_id, replies, retry_key=str(message.uuid))


def push_case_update(message: Message, event_id: int) -> None:
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
    to = case.line_report.line_user.line_user_id
    with _refusals():
        # LINE drops a second push with the same retry key: a resend cannot double it.
        client.push(account, to, [{"text": text}], retry_key=str(message.uuid))
