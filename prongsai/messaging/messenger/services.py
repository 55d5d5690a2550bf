"""Facebook Messenger: a signed webhook turning messages into cases, replies sent back."""

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from prongsai.inbox import services as inbox
from prongsai.inbox.models import Case, CaseEvent
from prongsai.inbox.tracking import display
from prongsai.messaging.messenger.models import MessengerMessage, MessengerPage
from prongsai.messaging.text import storable
from prongsai.outbox import services as outbox

# A message this soon after the sender's last one adds to the same open case.
CONVERSATION_GAP = timedelta(hours=24)


class BadSignature(Exception):
    """Not signed with the app secret (X-Hub-Signature-256): nothing is stored."""


def check_signature(page: MessengerPage, body: bytes, signature: str) -> None:
    secret = page.app_secret
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not secret or not hmac.compare_digest(expected, signature):
        raise BadSignature


def receive_webhook(*, page: MessengerPage, body: bytes, signature: str) -> int:
    """Handle a delivery; return how many messages were new."""
    check_signature(page, body, signature)
    try:
        payload = json.loads(body)
    except ValueError as error:
        raise BadSignature from error
    handled = 0
    for entry in payload.get("entry", []):
        for item in entry.get("messaging", []):
            message = item.get("message") or {}
            if not message.get("mid") or message.get("is_echo"):
                continue
            handled += _handle_message(page, item["sender"]["id"], message, item["timestamp"])
    return handled


def _handle_message(page: MessengerPage, sender: str, message: dict, timestamp: int) -> int:
    org = page.org
    at = datetime.fromtimestamp(timestamp / 1000, tz=UTC)
    text = storable(message.get("text", ""))
    if message.get("attachments"):
        text = "\n".join(filter(None, [text, _("(ส่งไฟล์แนบทาง Messenger)")]))
    with transaction.atomic():
        if MessengerMessage.objects.for_org(org).filter(mid=message["mid"]).exists():
            return 0  # Facebook delivered it again
        last = (
            MessengerMessage.objects.for_org(org)
            .filter(sender_id=sender, received_at__gte=at - CONVERSATION_GAP)
            .select_related("case")
            .order_by("-received_at")
            .first()
        )
        if last is not None and last.case.is_open:
            case = last.case
            inbox.add_reporter_update(case=case, text=text, at=at)
        else:
            case = inbox.submit_case(
                org=org,
                channel=Case.Channel.FACEBOOK,
                kind=Case.Kind.QUESTION,
                subject=_first_line(text)[:200] or _("ข้อความทาง Messenger"),
                text=text,
                received_at=at,
                idempotency_key=f"fb-{message['mid'][:60]}",
            )
            reply = _("รับเรื่องแล้ว รหัสติดตาม %(code)s เจ้าหน้าที่จะตอบกลับทาง Messenger นี้") % {
                "code": display(case.tracking_code)
            }
            _owe_message(page, sender, reply)
        try:
            with transaction.atomic():
                MessengerMessage.objects.create(
                    org=org, mid=message["mid"], sender_id=sender, case=case, received_at=at
                )
        except IntegrityError:
            return 0
    return 1


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _owe_message(page: MessengerPage, recipient: str, text: str) -> None:
    from prongsai.messaging.messenger.tasks import send_message

    outbox.owe(send_message, page.pk, recipient, text)


def notify_sender(event: CaseEvent) -> None:
    """Send a public event of a case that came by Messenger back to its sender."""
    first = MessengerMessage.objects.filter(case=event.case).order_by("received_at").first()
    page = MessengerPage.objects.filter(org=event.case.org, is_active=True).first()
    if first is None or page is None:
        return
    text = "\n".join(
        filter(
            None,
            [
                _("เรื่อง %(code)s: %(what)s — %(status)s")
                % {
                    "code": display(event.case.tracking_code),
                    "what": event.get_kind_display(),
                    "status": event.case.get_status_display(),
                },
                event.text,
                _invitation(event),
            ],
        )
    )
    _owe_message(page, first.sender_id, text)


def _invitation(event: CaseEvent) -> str:
    """The satisfaction survey's link, in the message that tells the sender the case is closed."""
    if event.kind != CaseEvent.Kind.CLOSED:
        return ""
    from prongsai.surveys.offers import invitation_text

    return invitation_text(event.case)
