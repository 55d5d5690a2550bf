"""How well an org follows matters through: resolved, how fast, and how often reopened.

Figures are over the cases *received* in a period, whatever happened to them
since, so a period's figures settle as its matters are closed:

- resolution rate: resolved ÷ received, in percent;
- median days to first response: from receipt to the first thing staff told the
  reporter (a status change, a reply or the closing), over cases answered;
- median days to resolve: from receipt to the (last) closing as resolved;
- reopen rate: cases the reporter reopened at least once ÷ cases ever resolved
  (resolved now, or reopened since).
"""

import statistics
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from prongsai.inbox.models import Case
from prongsai.inbox.selectors import day_range
from prongsai.orgs.models import Organization

GROUPINGS = ("channel", "division", "kind")
DAY = 86400
ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class FollowThrough:
    received: int
    resolved: int
    answered: int
    reopened: int
    reopens: int
    resolution_rate: Decimal | None
    median_first_response_days: Decimal | None
    median_resolve_days: Decimal | None
    reopen_rate: Decimal | None

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class _Row:
    received_at: datetime
    first_response_at: datetime | None
    closed_at: datetime | None
    status: str
    reopen_count: int


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(ONE_PLACE, ROUND_HALF_UP)


def _median_days(spans: list[float]) -> Decimal | None:
    if not spans:
        return None
    return (Decimal(str(statistics.median(spans))) / DAY).quantize(ONE_PLACE, ROUND_HALF_UP)


def summarize(rows: Iterable[_Row]) -> FollowThrough:
    rows = list(rows)
    resolved = [r for r in rows if r.status == Case.Status.RESOLVED]
    answered = [r for r in rows if r.first_response_at is not None]
    reopened = [r for r in rows if r.reopen_count]
    ever_resolved = len(resolved) + sum(1 for r in reopened if r.status != Case.Status.RESOLVED)
    return FollowThrough(
        received=len(rows),
        resolved=len(resolved),
        answered=len(answered),
        reopened=len(reopened),
        reopens=sum(r.reopen_count for r in rows),
        resolution_rate=_percent(len(resolved), len(rows)),
        median_first_response_days=_median_days(
            [(r.first_response_at - r.received_at).total_seconds() for r in answered]
        ),
        median_resolve_days=_median_days(
            [(r.closed_at - r.received_at).total_seconds() for r in resolved if r.closed_at]
        ),
        reopen_rate=_percent(len(reopened), ever_resolved),
    )


def _cases(*, org, start, end, kinds, channel=None, division=None):
    low, high = day_range(start, end)
    cases = Case.objects.for_org(org).filter(received_at__gte=low, received_at__lt=high)
    if kinds is not None:
        cases = cases.filter(kind__in=kinds)
    if channel:
        cases = cases.filter(channel=channel)
    if division:
        cases = cases.filter(division_id=division)
    return cases.order_by()


_FIELDS = ("received_at", "first_response_at", "closed_at", "status", "reopen_count")


def follow_through(
    *,
    org: Organization,
    start: date,
    end: date,
    kinds: Collection[str] | None = None,
    channel: str | None = None,
    division: int | None = None,
) -> FollowThrough:
    """Figures of the cases received from `start` to `end` (local days, both included),
    optionally of one channel or division (its pk) only."""
    cases = _cases(org=org, start=start, end=end, kinds=kinds, channel=channel, division=division)
    return summarize(_Row(*fields) for fields in cases.values_list(*_FIELDS))


def follow_through_by(
    *,
    org: Organization,
    start: date,
    end: date,
    by: str,
    kinds: Collection[str] | None = None,
) -> dict[str, FollowThrough]:
    """The same figures per channel, kind or division (one of GROUPINGS), for the values
    that have cases, keyed as the case statistics key them: codes, and division names
    ("" for cases not yet routed)."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    field = "division__name" if by == "division" else by
    groups: dict[str, list[_Row]] = {}
    cases = _cases(org=org, start=start, end=end, kinds=kinds)
    for group, *fields in cases.values_list(field, *_FIELDS):
        groups.setdefault(group or "", []).append(_Row(*fields))
    return {group: summarize(rows) for group, rows in sorted(groups.items())}
