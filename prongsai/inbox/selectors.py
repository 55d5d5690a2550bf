"""Reads of cases, each taking the org explicitly."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from prongsai.inbox import tracking
from prongsai.inbox.models import Case, CaseEvent
from prongsai.orgs.models import Membership, Organization

Role = Membership.Role

# Who works the inbox; other staff have their own area.
INBOX_ROLES = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
# Who may act on cases; executives oversee them.
ACTING_ROLES = (Role.ADMIN, Role.OFFICER)

GROUPINGS = ("channel", "kind", "division", "status", "month")


def can_act(membership: Membership) -> bool:
    return membership.role in ACTING_ROLES


def can_see_confidential(*, membership: Membership, case: Case) -> bool:
    """Corruption complaints are for the designated positions and the assignee only."""
    if not case.is_confidential:
        return True
    if case.assignee_id is not None and case.assignee_id == membership.user_id:
        return True
    return membership.position is not None and membership.position.handles_corruption


def day_range(start: date, end: date) -> tuple[datetime, datetime]:
    """Local calendar days start..end (both included) as an aware half-open range."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    kind: str = ""
    channel: str = ""
    division: int | None = None
    assignee: int | None = None
    start: date | None = None
    end: date | None = None
    q: str = ""
    overdue: bool = False
    escalated: int | None = None
    mine: bool = False


def filter_cases(*, org: Organization, filters: CaseFilters, user=None) -> QuerySet[Case]:
    cases = Case.objects.for_org(org).select_related("division", "assignee", "service")
    if filters.status == "open":
        cases = cases.filter(status__in=Case.OPEN_STATUSES)
    elif filters.status:
        cases = cases.filter(status=filters.status)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.division:
        cases = cases.filter(division_id=filters.division)
    if filters.assignee:
        cases = cases.filter(assignee_id=filters.assignee)
    if filters.mine and user is not None:
        cases = cases.filter(assignee=user)
    # Each bound on its own: an open end must not become a date out of range.
    if filters.start:
        cases = cases.filter(received_at__gte=day_range(filters.start, filters.start)[0])
    if filters.end:
        cases = cases.filter(received_at__lt=day_range(filters.end, filters.end)[1])
    if filters.overdue:
        cases = cases.filter(status__in=Case.OPEN_STATUSES, due_at__lt=timezone.now())
    if filters.escalated:
        cases = cases.filter(escalation=filters.escalated)
    if filters.q:
        code = tracking.normalize(filters.q)
        # The text of a corruption complaint is not searchable by everyone: the
        # list would otherwise tell who may have written what.
        cases = cases.filter(
            Q(tracking_code=code)
            | (
                ~Q(kind=Case.Kind.CORRUPTION)
                & (Q(subject__icontains=filters.q) | Q(text__icontains=filters.q))
            )
        )
    return cases


def get_case(*, org: Organization, code: str) -> Case | None:
    return (
        Case.objects.for_org(org)
        .select_related("division", "assignee", "service")
        .with_code(code)
        .first()
    )


def public_events(*, case: Case) -> QuerySet[CaseEvent]:
    return case.events.filter(is_public=True).prefetch_related("attachments")


def staff_events(*, case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").prefetch_related("attachments")


def assignable_members(*, org: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.for_org(org)
        .filter(is_active=True, role__in=ACTING_ROLES)
        .select_related("user", "division")
        .order_by("division__order", "user__first_name")
    )


# Groupings whose every value is known. Naming them all in the query lets the
# database seek the (org, <field>, received_at) index once per value and read just
# the range from the index; left to itself, SQLite walks the org's whole index
# to get the GROUP BY order, so the cost grew with the org's history, not the range.
_KNOWN_VALUES = {
    "channel": Case.Channel.values,
    "kind": Case.Kind.values,
    "status": Case.Status.values,
}


def case_counts(
    *,
    org: Organization,
    start: date,
    end: date,
    by: str,
    kinds: Collection[str] | None = None,
) -> dict[str, int]:
    """Cases received from `start` to `end` (local days, both included), counted by `by`.

    `by` is one of GROUPINGS; months are "YYYY-MM" (CE), divisions their names
    ("" for none). Only what exists is counted: a channel with no case is absent,
    and reports write it as "–". `kinds` limits the count to those kinds of case.
    """
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    low, high = day_range(start, end)
    cases = Case.objects.for_org(org).filter(received_at__gte=low, received_at__lt=high)
    if kinds is not None:
        cases = cases.filter(kind__in=kinds)
    if by == "month":
        rows = (
            cases.annotate(month=TruncMonth("received_at"))
            .values("month")
            .annotate(n=Count("id"))
            .order_by("month")
        )
        return {row["month"].strftime("%Y-%m"): row["n"] for row in rows}
    if by in _KNOWN_VALUES:
        cases = cases.filter(**{f"{by}__in": _KNOWN_VALUES[by]})
    field = "division__name" if by == "division" else by
    rows = cases.values(field).annotate(n=Count("id")).order_by(field)
    return {(row[field] or ""): row["n"] for row in rows}
