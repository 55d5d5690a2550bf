"""How well an org follows matters through: resolved, how fast, and how often reopened.

Figures are over the cases *received* in a period, whatever happened to them
since, so a period's figures settle as its matters are closed:

- resolution rate: resolved ÷ received, in percent;
- median days to first response: from receipt to the first thing staff told the
  reporter (a status change, a reply or the closing), over cases answered;
- median days to resolve: from receipt to the (last) closing as resolved;
- reopen rate: cases the reporter reopened at least once ÷ cases ever resolved
  (resolved now, or reopened since).

Medians cannot be added up from groups, so every function reads the few time
fields of each case of the period in one query and sums up in Python.
"""

import statistics
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

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
class Timeline:
    """The moments of one case that the figures are made of."""

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


def summarize(rows: Iterable[Timeline]) -> FollowThrough:
    """The figures of some cases; rates and medians are None where nothing counts."""
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


def _cases(
    *,
    org: Organization,
    start: date,
    end: date,
    kinds: Collection[str] | None,
    channels: Collection[str] | None = None,
    division: int | None = None,
) -> QuerySet[Case]:
    low, high = day_range(start, end)
    cases = Case.objects.for_org(org).filter(received_at__gte=low, received_at__lt=high)
    if kinds is not None:
        cases = cases.filter(kind__in=kinds)
    if channels is not None:
        cases = cases.filter(channel__in=channels)
    if division:
        cases = cases.filter(division_id=division)
    return cases.order_by()


_FIELDS = tuple(Timeline.__dataclass_fields__)


def timelines(
    *,
    org: Organization,
    start: date,
    end: date,
    keys: Sequence[str] = (),
    kinds: Collection[str] | None = None,
    channels: Collection[str] | None = None,
) -> list[tuple[tuple, Timeline]]:
    """(values of `keys`, timeline) of each case received from `start` to `end` (local
    days, both included), in one query: for callers that filter or group many ways."""
    cases = _cases(org=org, start=start, end=end, kinds=kinds, channels=channels)
    n = len(keys)
    return [(values[:n], Timeline(*values[n:])) for values in cases.values_list(*keys, *_FIELDS)]


def follow_through(
    *,
    org: Organization,
    start: date,
    end: date,
    kinds: Collection[str] | None = None,
    channels: Collection[str] | None = None,
    division: int | None = None,
) -> FollowThrough:
    """Figures of the cases received from `start` to `end` (local days, both included),
    optionally of some kinds, channels or one division (its pk) only."""
    cases = _cases(org=org, start=start, end=end, kinds=kinds, channels=channels, division=division)
    return summarize(Timeline(*fields) for fields in cases.values_list(*_FIELDS))


def follow_through_with_groups(
    *,
    org: Organization,
    start: date,
    end: date,
    by: str,
    kinds: Collection[str] | None = None,
    channels: Collection[str] | None = None,
) -> tuple[FollowThrough, dict[str, FollowThrough]]:
    """The figures of all the cases and per channel, kind or division (one of GROUPINGS),
    from one query. Groups are the values that have cases, keyed as the case statistics
    key them: codes, and division names ("" for cases not yet routed)."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    field = "division__name" if by == "division" else by
    rows = timelines(org=org, start=start, end=end, keys=(field,), kinds=kinds, channels=channels)
    groups: dict[str, list[Timeline]] = {}
    for (group,), row in rows:
        groups.setdefault(group or "", []).append(row)
    total = summarize(row for _key, row in rows)
    return total, {group: summarize(rows) for group, rows in sorted(groups.items())}
