"""Talking to LINE's Messaging API with the official SDK, at the configured base URLs."""

from contextlib import contextmanager

from django.conf import settings
from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    ImageMessage,
    LocationAction,
    MessageAction,
    MessagingApi,
    MessagingApiBlob,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    TextMessage,
)

from prongsai.messaging.line.models import LineAccount

# Our replies are plain data until they are sent, so tasks can carry them:
# {"text": "...", "quick_replies": [{"label": "...", "text"|"data"|"location": ...}]}
# or {"image": "https://…"}; LINE shows the quick replies of the last message only.
Reply = dict

TIMEOUT = 10  # seconds: a send that hangs is given up and retried by the outbox
MAX_MESSAGES = 5  # per reply or push request


def _quick_reply(items: list[dict]) -> QuickReply | None:
    if not items:
        return None
    actions = []
    for item in items[:13]:  # LINE shows at most 13 buttons
        label = item["label"][:20]
        if item.get("location"):
            actions.append(LocationAction(label=label))
        elif "data" in item:
            actions.append(PostbackAction(label=label, data=item["data"], displayText=label))
        else:
            actions.append(MessageAction(label=label, text=item.get("text", label)))
    return QuickReply(items=[QuickReplyItem(action=action) for action in actions])


def _message(reply: Reply) -> TextMessage | ImageMessage:
    quick_reply = _quick_reply(reply.get("quick_replies", []))
    if "image" in reply:
        # The full photo serves as its own preview: LINE scales it down for the chat.
        return ImageMessage(
            originalContentUrl=reply["image"],
            previewImageUrl=reply["image"],
            quickReply=quick_reply,
        )
    return TextMessage(text=reply["text"][:5000], quickReply=quick_reply)


def to_messages(replies: list[Reply]) -> list[TextMessage | ImageMessage]:
    return [_message(reply) for reply in replies[:MAX_MESSAGES]]


@contextmanager
def api_client(account: LineAccount, host: str):
    configuration = Configuration(access_token=account.access_token, host=host)
    with ApiClient(configuration) as client:
        yield client


def reply(account: LineAccount, reply_token: str, replies: list[Reply]) -> None:
    with api_client(account, settings.LINE_API_BASE_URL) as client:
        MessagingApi(client).reply_message(
            ReplyMessageRequest(replyToken=reply_token, messages=to_messages(replies)),
            _request_timeout=TIMEOUT,
        )


def push(account: LineAccount, to: str, replies: list[Reply], *, retry_key: str) -> None:
    """Push to a user; LINE drops a second push with the same retry key, so retrying is safe."""
    with api_client(account, settings.LINE_API_BASE_URL) as client:
        MessagingApi(client).push_message(
            PushMessageRequest(to=to, messages=to_messages(replies)),
            x_line_retry_key=retry_key,
            _request_timeout=TIMEOUT,
        )


def message_content(account: LineAccount, message_id: str) -> bytes:
    with api_client(account, settings.LINE_DATA_API_BASE_URL) as client:
        return bytes(MessagingApiBlob(client).get_message_content(message_id))
