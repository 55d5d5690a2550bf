import json
import urllib.error
import urllib.request
from functools import partial

from celery import shared_task
from django.conf import settings

from prongsai.messaging.delivery import RETRY_DELAYS, deliver
from prongsai.messaging.messenger.models import MessengerPage


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


def _retryable(error: Exception) -> bool:
    # A 4xx (expired token, user unreachable) will not get better by waiting.
    return not isinstance(error, urllib.error.HTTPError) or error.code >= 500


@shared_task(bind=True, max_retries=len(RETRY_DELAYS))
def send_message(self, page_id: int, recipient: str, text: str) -> None:
    """Send a text to a Messenger user; a server error or outage is retried."""
    page = MessengerPage.objects.get(pk=page_id)
    send = partial(_send, page, recipient, text)
    deliver(self, send, what="Messenger send", errors=(OSError,), retryable=_retryable)
