"""The LINE webhook: check the signature, handle each event once, reply after commit."""

import uuid

from django.db import IntegrityError, transaction
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError

from prongsai.inbox.models import CaseEvent
from prongsai.messaging.line import conversation
from prongsai.messaging.line.models import LineAccount, LineUser, WebhookEvent
from prongsai.orgs import audit
from prongsai.orgs.models import Organization
from prongsai.outbox import services as outbox


class BadSignature(Exception):
    """The body was not signed with the org's channel secret: nothing is stored."""


def receive_webhook(*, account: LineAccount, body: str, signature: str) -> int:
    """Handle a webhook delivery; return how many events were new.

    Each event is its own transaction: one that fails does not take the
    others with it, and LINE's redelivery of it is then handled anew.
    """
    try:
        events = WebhookParser(account.channel_secret).parse(body, signature)
    except (InvalidSignatureError, ValueError) as error:
        raise BadSignature from error
    handled = 0
    for event in events:
        user_id = getattr(event.source, "user_id", None)
        if user_id is None:
            continue  # group chats and rooms: the bot files nothing there
        with transaction.atomic():
            try:
                with transaction.atomic():
                    WebhookEvent.objects.create(
                        org=account.org, webhook_event_id=event.webhook_event_id
                    )
            except IntegrityError:
                # A redelivery of an event we already handled: if the process died
                # before the bot answered it, answer now (a push, once the token expired).
                outbox.send_pending(_reply_key(account, event.webhook_event_id))
                continue
            user, _ = LineUser.objects.select_for_update().get_or_create(
                org=account.org, line_user_id=user_id
            )
            replies = conversation.handle(account, user, event)
            token = getattr(event, "reply_token", None)
            if replies and token:
                from prongsai.messaging.line.tasks import send_reply

                key = _reply_key(account, event.webhook_event_id)
                outbox.owe(send_reply, account.pk, token, replies, user_id, key=key)
        handled += 1
    return handled


def _reply_key(account: LineAccount, webhook_event_id: str) -> uuid.UUID:
    """The outbox key of the bot's answer to an event, found again when LINE redelivers it."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"prongsai-line-reply-{account.pk}-{webhook_event_id}")


def notify_line_user(event: CaseEvent) -> None:
    """Owe the LINE user who filed the case the push of its public event."""
    if not hasattr(event.case, "line_report"):
        return
    if event.data.get("via") == "line":
        return  # the reporter's own confirm or reopen in the chat: the bot answered it there
    from prongsai.messaging.line.tasks import push_case_update

    outbox.owe(push_case_update, event.pk)


@transaction.atomic
def configure_account(
    *, org: Organization, channel_secret: str, access_token: str, basic_id: str, actor, request=None
) -> LineAccount:
    """Set the org's LINE credentials; blank fields keep what is stored."""
    account = LineAccount.objects.filter(org=org).first() or LineAccount(org=org)
    if channel_secret:
        account.channel_secret = channel_secret
    if access_token:
        account.access_token = access_token
    account.basic_id = basic_id
    account.save()
    audit.record(action="line_configured", request=request, actor=actor, org=org, target=account)
    return account
