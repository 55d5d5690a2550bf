"""Reads of live chats and office hours, each taking the org explicitly."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone

from prongsai.eservices.models import Service
from prongsai.messaging.livechat.models import Chat, ChatMessage, OfficeHours
from prongsai.orgs.models import Organization

# Thai LAOs keep Thai office hours, whatever the server's clock says.
BANGKOK = ZoneInfo("Asia/Bangkok")
DEFAULT_OPENS = time(8, 30)
DEFAULT_CLOSES = time(16, 30)
DEFAULT_WEEKDAYS = range(0, 5)  # Monday to Friday

# Kinds of service a chat may become: a plain complaint. A corruption complaint
# must not be filed from a transcript that every inbox officer has read.
COMPLAINT_KINDS = (Service.Kind.COMPLAINT,)

CLOSED_SHOWN = 20


@dataclass(frozen=True)
class DayHours:
    weekday: int
    is_open: bool
    opens: time
    closes: time

    @property
    def label(self) -> str:
        return OfficeHours.Weekday(self.weekday).label


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def office_hours(*, org: Organization) -> list[DayHours]:
    """The org's seven weekdays, Monday first; the default week when none is saved."""
    rows = {row.weekday: row for row in OfficeHours.objects.for_org(org)}
    if not rows:
        return [
            DayHours(day, day in DEFAULT_WEEKDAYS, DEFAULT_OPENS, DEFAULT_CLOSES)
            for day in range(7)
        ]
    return [
        DayHours(day, row.is_open, row.opens, row.closes)
        if (row := rows.get(day))
        else DayHours(day, False, DEFAULT_OPENS, DEFAULT_CLOSES)
        for day in range(7)
    ]


def is_open(hours: list[DayHours], at: datetime) -> bool:
    local = at.astimezone(BANGKOK)
    day = hours[local.weekday()]
    return day.is_open and day.opens <= local.time() < day.closes


def next_opening(hours: list[DayHours], at: datetime) -> datetime | None:
    """When staff are next at the chat after `at` (Bangkok time); None if never."""
    local = at.astimezone(BANGKOK)
    for offset in range(8):
        date = local.date() + timedelta(days=offset)
        day = hours[date.weekday()]
        if not day.is_open:
            continue
        opening = datetime.combine(date, day.opens, tzinfo=BANGKOK)
        if opening > local:
            return opening
    return None


@dataclass(frozen=True)
class Availability:
    """What the widget and the chat page tell a visitor about staff being there."""

    is_open: bool
    next_opening: datetime | None
    hours: list[DayHours]


def availability(*, org: Organization, at: datetime | None = None) -> Availability:
    hours = office_hours(org=org)
    at = at or timezone.now()
    return Availability(is_open(hours, at), next_opening(hours, at), hours)


def chat_for_token(*, org: Organization, token: str) -> Chat | None:
    return (
        Chat.objects.for_org(org)
        .select_related("case", "agent")
        .filter(token_digest=token_digest(token))
        .first()
    )


def chat_messages(*, chat: Chat) -> QuerySet[ChatMessage]:
    return chat.messages.select_related("agent")


def visitor_messages_after(*, org: Organization, token: str, after: int) -> list[ChatMessage]:
    """New messages of the visitor's chat: the one query of each visitor poll.

    Found by the token's digest and the (chat, id) index; a token of another org
    or another visitor finds nothing.
    """
    return list(
        ChatMessage.objects.filter(
            chat__org=org, chat__token_digest=token_digest(token), id__gt=after
        )
        .select_related("agent", "chat__case")
        .order_by("id")
    )


def messages_after(*, chat: Chat, after: int) -> list[ChatMessage]:
    return list(chat.messages.filter(id__gt=after).select_related("agent").order_by("id"))


def get_chat(*, org: Organization, pk: int) -> Chat | None:
    return Chat.objects.for_org(org).select_related("case", "agent").filter(pk=pk).first()


@dataclass(frozen=True)
class Console:
    waiting: list[Chat]
    active: list[Chat]
    closed: list[Chat]


def console(*, org: Organization) -> Console:
    """The chats of the staff console: waiting (oldest first), active, recently closed."""
    chats = Chat.objects.for_org(org).select_related("case", "agent")
    Status = Chat.Status
    return Console(
        waiting=list(chats.filter(status=Status.WAITING).order_by("last_message_at", "id")),
        active=list(chats.filter(status=Status.ACTIVE).order_by("-last_message_at", "-id")),
        closed=list(
            chats.filter(status=Status.CLOSED).order_by("-last_message_at", "-id")[:CLOSED_SHOWN]
        ),
    )


def complaint_services(*, org: Organization) -> QuerySet[Service]:
    return Service.objects.for_org(org).filter(is_active=True, kind__in=COMPLAINT_KINDS)
