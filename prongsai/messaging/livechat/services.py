"""Every change to a live chat goes through these functions: atomic, and audited for staff.

A chat is a Case of the inbox (kind question, channel livechat) from its first
message on; taking, closing and turning it into a complaint act on that Case
through the inbox services, so the inbox, statistics and tracking page agree.
"""

import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Service
from prongsai.inbox import services as inbox
from prongsai.inbox import tracking
from prongsai.inbox.models import Case
from prongsai.inbox.selectors import ACTING_ROLES
from prongsai.messaging.livechat import selectors
from prongsai.messaging.livechat.models import Chat, ChatMessage, OfficeHours
from prongsai.orgs import audit
from prongsai.orgs.models import Membership, Organization

Sender = ChatMessage.Sender
Event = ChatMessage.Event

MAX_LENGTH = 2000
NAME_MAX_LENGTH = 100
SUBJECT_LENGTH = 80
# A person types a few messages a minute; more is a script or a stuck key.
RATE_LIMIT = 20
RATE_WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class StartedChat:
    chat: Chat
    token: str  # given to the visitor once; only its digest is stored


def _has_visible_text(text: str) -> bool:
    # Spaces, line breaks and zero-width marks alone are an empty message.
    return any(
        not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")
        for ch in text
    )


def clean_text(text: str) -> str:
    """The message as written, minus surrounding white space; Thai errors otherwise."""
    text = (text or "").strip()
    if not _has_visible_text(text):
        raise ValidationError({"text": _("กรุณาพิมพ์ข้อความก่อนส่ง")}, code="empty")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {
                "text": ValidationError(
                    _("ข้อความยาวเกิน %(max)s ตัวอักษร (ข้อความนี้ยาว %(n)s ตัวอักษร)"),
                    params={"max": MAX_LENGTH, "n": len(text)},
                    code="too_long",
                )
            }
        )
    if "\x00" in text:
        # PostgreSQL cannot store it, and no keyboard types it.
        raise ValidationError({"text": _("ข้อความมีอักขระที่ระบบรับไม่ได้")}, code="invalid")
    return text


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {
                "visitor_name": ValidationError(
                    _("ชื่อยาวเกิน %(max)s ตัวอักษร"), params={"max": NAME_MAX_LENGTH}
                )
            }
        )
    if "\x00" in name:
        raise ValidationError({"visitor_name": _("ชื่อมีอักขระที่ระบบรับไม่ได้")})
    return name


def shorten(text: str, length: int = SUBJECT_LENGTH) -> str:
    """A one-line subject from the first message."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"


def _system(chat: Chat, event: str, text: str, at: datetime, agent=None) -> ChatMessage:
    # Pages show a system message by its event, in the reader's language; the
    # text is the Thai record of it.
    return ChatMessage.objects.create(
        chat=chat, sender=Sender.SYSTEM, event=event, text=text, agent=agent, created_at=at
    )


def _locked(chat: Chat) -> Chat:
    """The chat row, locked until the transaction ends, so that two writers queue.

    Only the chat's own row: locking the joined org would queue every chat of it.
    """
    return (
        Chat.objects.select_for_update(of=("self",)).select_related("case", "org").get(pk=chat.pk)
    )


def _check_not_closed(chat: Chat) -> None:
    if chat.is_closed:
        raise ValidationError(_("การสนทนานี้จบแล้ว"), code="closed")


def _check_agent(chat: Chat, actor) -> None:
    acting = Membership.objects.for_org(chat.org).filter(
        user=actor, is_active=True, role__in=ACTING_ROLES
    )
    if not acting.exists():
        raise ValidationError(_("เฉพาะเจ้าหน้าที่ผู้รับผิดชอบของหน่วยงานจึงตอบแชทได้"))


@transaction.atomic
def start_chat(
    *, org: Organization, text: str, visitor_name: str = "", at: datetime | None = None
) -> StartedChat:
    """Open a chat with its first message; it is filed as a question Case at once.

    Works out of office hours too: the chat then waits for the next opening.
    """
    errors = {}
    try:
        text = clean_text(text)
    except ValidationError as error:
        errors |= error.error_dict
    try:
        visitor_name = _clean_name(visitor_name)
    except ValidationError as error:
        errors |= error.error_dict
    if errors:
        raise ValidationError(errors)
    at = at or timezone.now()
    case = inbox.submit_case(
        org=org,
        kind=Case.Kind.QUESTION,
        channel=Case.Channel.LIVECHAT,
        subject=shorten(text),
        text=text,
        received_at=at,
        reporter_name=visitor_name,
    )
    token = secrets.token_urlsafe(32)
    chat = Chat.objects.create(
        org=org,
        case=case,
        token_digest=selectors.token_digest(token),
        visitor_name=visitor_name,
        started_out_of_hours=not selectors.is_open(selectors.office_hours(org=org), at),
        started_at=at,
        last_message_at=at,
        last_sender=Sender.VISITOR,
    )
    ChatMessage.objects.create(chat=chat, sender=Sender.VISITOR, text=text, created_at=at)
    return StartedChat(chat, token)


def _check_rate(chat: Chat, at: datetime) -> None:
    # The RATE_LIMIT-th latest message of the visitor, read backwards on (chat, id).
    oldest = (
        ChatMessage.objects.filter(chat=chat, sender=Sender.VISITOR)
        .order_by("-id")
        .values_list("created_at", flat=True)[RATE_LIMIT - 1 : RATE_LIMIT]
    )
    if oldest and oldest[0] > at - RATE_WINDOW:
        raise ValidationError(
            {
                "text": ValidationError(
                    _("ส่งข้อความถี่เกินไป (ไม่เกิน %(n)s ข้อความต่อนาที) กรุณารอสักครู่แล้วส่งใหม่อีกครั้ง"),
                    params={"n": RATE_LIMIT},
                    code="rate_limited",
                )
            }
        )


def _post(chat: Chat, sender: str, text: str, at: datetime, agent=None) -> ChatMessage:
    message = ChatMessage.objects.create(
        chat=chat, sender=sender, agent=agent, text=text, created_at=at
    )
    chat.last_message_at = at
    chat.last_sender = sender
    chat.save(update_fields=["last_message_at", "last_sender"])
    return message


@transaction.atomic
def post_visitor_message(*, chat: Chat, text: str, at: datetime | None = None) -> ChatMessage:
    """A message from the visitor, at most RATE_LIMIT a minute."""
    text = clean_text(text)
    chat = _locked(chat)
    _check_not_closed(chat)
    at = at or timezone.now()
    _check_rate(chat, at)
    return _post(chat, Sender.VISITOR, text, at)


@transaction.atomic
def take_chat(*, chat: Chat, actor, request=None, at: datetime | None = None) -> Chat:
    """The agent answers this chat from now on: a waiting chat, or one a colleague had.

    The chat's Case is assigned to the agent, so the inbox shows who handles it.
    """
    chat = _locked(chat)
    _check_not_closed(chat)
    _check_agent(chat, actor)
    if chat.status == Chat.Status.ACTIVE and chat.agent_id == actor.pk:
        return chat
    at = at or timezone.now()
    previous = chat.agent
    chat.agent = actor
    chat.status = Chat.Status.ACTIVE
    chat.save(update_fields=["agent", "status"])
    _system(
        chat,
        Event.TAKEN,
        str(_("เจ้าหน้าที่ %(name)s เข้าร่วมการสนทนาแล้ว")) % {"name": actor.first_name},
        at,
        agent=actor,
    )
    if chat.case.is_open and chat.case.assignee_id != actor.pk:
        inbox.assign_case(case=chat.case, assignee=actor, actor=actor, request=request, at=at)
    audit.record(
        action="chat_taken",
        request=request,
        actor=actor,
        org=chat.org,
        target=chat,
        detail={
            "case": chat.case.tracking_code,
            "from": previous.get_username() if previous else "",
        },
    )
    return chat


@transaction.atomic
def post_agent_message(*, chat: Chat, actor, text: str, at: datetime | None = None) -> ChatMessage:
    """A message from the agent who has taken the chat.

    Each message row names its agent and time, and is never changed: that is the
    record of what staff said, without a line in the audit log per message.
    """
    text = clean_text(text)
    chat = _locked(chat)
    _check_not_closed(chat)
    if chat.agent_id != actor.pk:
        raise ValidationError(_("กด “รับแชทนี้” ก่อนจึงจะตอบได้"), code="not_taken")
    return _post(chat, Sender.AGENT, text, at or timezone.now(), agent=actor)


@transaction.atomic
def close_chat(
    *,
    chat: Chat,
    actor,
    resolution: str = "",
    status: str = Case.Status.RESOLVED,
    request=None,
    at: datetime | None = None,
) -> Chat:
    """End the conversation.

    A chat that stayed a question closes its Case with `resolution` (shown on the
    tracking page). A chat turned into a complaint leaves its Case open: the
    complaint goes on in the inbox.
    """
    chat = _locked(chat)
    _check_not_closed(chat)
    _check_agent(chat, actor)
    at = at or timezone.now()
    case = chat.case
    if case.is_open and case.kind == Case.Kind.QUESTION:
        inbox.close_case(
            case=case, status=status, resolution=resolution, actor=actor, request=request, at=at
        )
    chat.status = Chat.Status.CLOSED
    chat.closed_at = at
    chat.save(update_fields=["status", "closed_at"])
    _system(
        chat,
        Event.CLOSED,
        str(_("การสนทนาจบแล้ว ขอบคุณที่ติดต่อ%(org)s")) % {"org": chat.org.short_name},
        at,
    )
    audit.record(
        action="chat_closed",
        request=request,
        actor=actor,
        org=chat.org,
        target=chat,
        detail={"case": case.tracking_code},
    )
    return chat


def transcript(chat: Chat) -> str:
    """The conversation as plain text, for the complaint's timeline."""
    lines = []
    for message in selectors.chat_messages(chat=chat).exclude(sender=Sender.SYSTEM):
        when = timezone.localtime(message.created_at).strftime("%d/%m %H:%M")
        if message.sender == Sender.VISITOR:
            who = chat.visitor_name or str(_("ผู้ติดต่อ"))
        else:
            who = message.agent.get_full_name() if message.agent else str(_("เจ้าหน้าที่"))
        lines.append(f"[{when}] {who}: {message.text}")
    return "\n".join(lines)


@transaction.atomic
def chat_to_complaint(*, chat: Chat, service: Service, actor, request=None) -> Chat:
    """File the chat as a complaint of `service`; the visitor sees its tracking code.

    The Case keeps its tracking code and is routed by the service; the whole
    conversation goes onto its timeline as an internal note.
    """
    chat = _locked(chat)
    _check_not_closed(chat)
    _check_agent(chat, actor)
    case = chat.case
    if case.kind != Case.Kind.QUESTION:
        raise ValidationError(_("แชทนี้บันทึกเป็นเรื่องร้องเรียนแล้ว"))
    if (
        service.org_id != chat.org_id
        or not service.is_active
        or service.kind not in selectors.COMPLAINT_KINDS
    ):
        raise ValidationError({"service": _("เลือกหมวดเรื่องร้องเรียนของหน่วยงาน")})
    inbox.reclassify_case(
        case=case, kind=service.kind, service=service, actor=actor, request=request
    )
    inbox.add_note(
        case=case,
        actor=actor,
        text=str(_("บันทึกการสนทนาทางแชทสด")) + "\n" + transcript(chat),
        request=request,
    )
    _system(
        chat,
        Event.COMPLAINT,
        str(_("บันทึกเป็นเรื่องร้องเรียน “%(service)s” แล้ว รหัสติดตามเรื่อง %(code)s"))
        % {"service": service.name, "code": tracking.display(case.tracking_code)},
        timezone.now(),
    )
    audit.record(
        action="chat_converted",
        request=request,
        actor=actor,
        org=chat.org,
        target=chat,
        detail={"case": case.tracking_code, "service": service.code},
    )
    return chat


@transaction.atomic
def set_office_hours(
    *, org: Organization, days: dict[int, tuple[time, time] | None], actor, request=None
) -> None:
    """Save the week: weekday → (opens, closes), or None for a closed day."""
    errors = []
    for weekday in range(7):
        span = days.get(weekday)
        if span is not None and span[1] <= span[0]:
            label = OfficeHours.Weekday(weekday).label
            errors.append(ValidationError(_("%(day)s: เวลาปิดต้องหลังเวลาเปิด"), params={"day": label}))
    if errors:
        raise ValidationError(errors)
    for weekday in range(7):
        span = days.get(weekday)
        defaults = {"is_open": span is not None}
        if span is not None:
            defaults |= {"opens": span[0], "closes": span[1]}
        OfficeHours.objects.update_or_create(org=org, weekday=weekday, defaults=defaults)
    audit.record(
        action="chat_hours_changed",
        request=request,
        actor=actor,
        org=org,
        detail={
            str(day): [f"{s[0]:%H:%M}", f"{s[1]:%H:%M}"] if (s := days.get(day)) else None
            for day in range(7)
        },
    )
