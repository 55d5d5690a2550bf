"""Cases with hand-set moments, for tests of follow-through figures."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from prongsai.inbox.models import Case
from prongsai.inbox.tracking import new_code

BANGKOK = ZoneInfo("Asia/Bangkok")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=BANGKOK)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def make_case(
    org,
    received: datetime,
    *,
    answered: timedelta | None = None,
    resolved: timedelta | None = None,
    status: str | None = None,
    reopens: int = 0,
    channel: str = Case.Channel.LINE,
    kind: str = Case.Kind.COMPLAINT,
    **fields,
) -> Case:
    """A case received at `received`, first answered and resolved so long after it."""
    closed_at = received + resolved if resolved is not None else None
    fields.setdefault("subject", "ถนนชำรุด")
    return Case.objects.create(
        org=org,
        tracking_code=new_code(),
        channel=channel,
        kind=kind,
        received_at=received,
        first_response_at=received + answered if answered is not None else None,
        closed_at=closed_at,
        status=status or (Case.Status.RESOLVED if closed_at else Case.Status.RECEIVED),
        reopen_count=reopens,
        **fields,
    )
