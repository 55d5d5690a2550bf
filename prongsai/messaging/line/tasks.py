"""What the bot sends, through the outbox: answers to webhook events and pushes of case news."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.urls import reverse
from django.utils.translation import gettext as _
from linebot.v3.messaging.exceptions import ApiException

from prongsai.inbox import follow_through
from prongsai.inbox.models import Attachment, CaseEvent
from prongsai.inbox.tracking import display
from prongsai.messaging.line import client
from prongsai.messaging.line.conversation import decision_choices, status_text
from prongsai.messaging.line.models import LineAccount
from prongsai.orgs.hosts import absolute_url
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
    """Tell the LINE user who filed a case that it moved (status, staff reply, closing).

    A matter resolved comes with the photos after the work, and while the
    reporter may still object, with the buttons to confirm the fix or reopen it.
    """
    event = CaseEvent.objects.select_related("case__org", "case__line_report__line_user").get(
        pk=event_id
    )
    case = event.case
    account = LineAccount.objects.filter(org=case.org, is_active=True).first()
    if account is None:
        return
    closed = event.kind == CaseEvent.Kind.CLOSED
    heading = _("ความคืบหน้าเรื่อง %(code)s: %(what)s") % {
        "code": display(case.tracking_code),
        "what": event.get_kind_display(),
    }
    what = _("ผลการดำเนินการ: %(text)s") % {"text": event.text} if closed else event.text
    policy = follow_through.policy_for(case.org)
    deciding = closed and follow_through.can_decide(case, policy)
    decision = (
        _(
            "หากแก้ไขแล้วจริง กด “ยืนยันว่าแก้ไขแล้ว” หากยังไม่ได้แก้ไข กด “ยังไม่แก้ไข” "
            "เพื่อให้เจ้าหน้าที่ดำเนินการต่อ ภายใน %(days)s วัน"
        )
        % {"days": policy.confirm_days}
        if deciding
        else ""
    )
    # Closing is when the reporter is asked how satisfied they are with the service.
    invitation = invitation_text(case) if closed else ""
    parts = (heading, what, status_text(case), decision, invitation)
    replies = [{"text": "\n".join(part for part in parts if part)}]
    if closed:
        replies += [{"image": url} for url in _after_photo_urls(event)]
    if deciding:
        # LINE shows the quick replies of the last message, after the photos.
        replies[-1]["quick_replies"] = decision_choices(case)
    to = case.line_report.line_user.line_user_id
    with _refusals():
        # LINE drops a second push with the same retry key: a resend cannot double it.
        client.push(account, to, replies, retry_key=str(message.uuid))


# LINE shows JPEG and PNG only; a WebP photo is seen on the tracking page instead.
_LINE_IMAGE_TYPES = ("image/jpeg", "image/png")


def _after_photo_urls(event: CaseEvent) -> list[str]:
    """Public addresses of the photos after the work, as many as fit beside the text.

    LINE refuses the whole push for an image that is not on HTTPS: an instance
    without it leaves the photos to the tracking page rather than lose the news.
    """
    case = event.case
    photos = event.attachments.filter(
        role=Attachment.Role.AFTER, is_public=True, content_type__in=_LINE_IMAGE_TYPES
    ).order_by("pk")[: client.MAX_MESSAGES - 1]
    urls = [
        absolute_url(reverse("org:track_file", args=[case.org.slug, case.tracking_code, photo.pk]))
        for photo in photos
    ]
    return [url for url in urls if url.startswith("https://")]
