"""Messenger sends, through the outbox."""

import json
import urllib.error
import urllib.request

from django.conf import settings

from prongsai.messaging.messenger.models import MessengerPage
from prongsai.outbox.models import Message
from prongsai.outbox.services import Refused, is_refusal


def _send(page: MessengerPage, recipient: str, text: str) -> None:
    body = json.dumps(
        {
            "recipient": {"id": recipient},
            # A case update may come days later, outside the 24-hour reply window.
            "messaging_type": "MESSAGE_TAG",
            "tag": "ACCOUNT_UPDATE",
            "message": {"text": text[:2000]},
        }
    ).encode()
    request = urllib.request.Request(
        f"{settings.MESSENGER_GRAPH_URL}/me/messages",
        data=body,
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {page.page_token}",
        },
    )
    urllib.request.urlopen(request, timeout=10).read()


def send_message(_message: Message, page_id: int, recipient: str, text: str) -> None:
    """Send a text to a Messenger user; the outbox retries a server error or an outage."""
    page = MessengerPage.objects.get(pk=page_id)
    try:
        _send(page, recipient, text)
    except urllib.error.HTTPError as error:
        # An expired token or a user out of reach, say.
        if is_refusal(error.code):
            raise Refused(f"Messenger answered {error.code}") from error
        raise
