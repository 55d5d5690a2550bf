import json
import logging
import urllib.error
import urllib.request

from celery import shared_task
from django.conf import settings

from prongsai.messaging.messenger.models import MessengerPage

log = logging.getLogger(__name__)
RETRY_DELAYS = [10, 60, 300, 900, 3600]


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


@shared_task(bind=True, max_retries=len(RETRY_DELAYS))
def send_message(self, page_id: int, recipient: str, text: str) -> None:
    """Send a text to a Messenger user; a server error or outage is retried."""
    page = MessengerPage.objects.get(pk=page_id)
    attempts = len(RETRY_DELAYS) + 1 if self.request.is_eager else 1
    for _attempt in range(attempts):
        try:
            _send(page, recipient, text)
            return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                log.error("Messenger refused the message: %s", error)
                return
            failure = error
        except OSError as error:
            failure = error
        if not self.request.is_eager and self.request.retries < len(RETRY_DELAYS):
            raise self.retry(exc=failure, countdown=RETRY_DELAYS[self.request.retries]) from failure
        log.warning("Messenger send failed: %s", failure)
    log.error("Messenger send failed for good")
