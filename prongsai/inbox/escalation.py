"""Late matters climb: first to their division's head, then to the executives.

A matter is late while it is open and past its time limit (`due_at`), or while
nobody has answered its reporter within the org's first-response promise. A
task (Celery beat every 15 minutes, or `manage.py escalate_cases` from cron)
tells the division head of each late matter; one still late
`executive_after_days` later goes to the executives. Every morning each head
gets a digest of their division's open matters (`send_division_digests`), and
the staff dashboard shows the same load per division (`late_by_division`).

Budget questions of the staff are not escalated here: the integrity area flags
them to the executives itself (`integrity.budget.flag_overdue_questions`).
"""

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.follow_through import policy_for
from prongsai.inbox.models import Case, CaseEvent, CasePolicy
from prongsai.inbox.selectors import can_see_confidential
from prongsai.inbox.services import record_event
from prongsai.orgs.models import Division, Membership, Organization
from prongsai.outbox import services as outbox
from prongsai.outbox.models import Message

Level = Case.Escalation
Role = Membership.Role

DUE = "due"
FIRST_RESPONSE = "first_response"
REASONS = {
    DUE: _("เกินกำหนดแล้วเสร็จ"),
    FIRST_RESPONSE: _("ยังไม่ได้ตอบสนองผู้แจ้งภายในกำหนด"),
}
# Names the digest messages, so that a second run of the same day owes none.
DIGEST_NAMESPACE = uuid.UUID("0b6f4a52-55f5-4b8e-9a53-3c1f6f0d2b71")
DIGEST_ROWS = 30  # rows per group in a digest; the rest are one click away


# Lateness ------------------------------------------------------------------------------


def late_reason(case: Case, policy: CasePolicy, now: datetime) -> str | None:
    """Why an open matter is late ("due", "first_response"), or None while it is not."""
    if not case.is_open:
        return None
    if case.due_at is not None and case.due_at < now:
        return DUE
    first_response_by = case.received_at + timedelta(days=policy.first_response_days)
    if case.first_response_at is None and first_response_by < now:
        return FIRST_RESPONSE
    return None


def _late(policy: CasePolicy, now: datetime) -> Q:
    """`late_reason` as a query condition, for open matters."""
    answer_by = now - timedelta(days=policy.first_response_days)
    return Q(due_at__lt=now) | Q(first_response_at__isnull=True, received_at__lt=answer_by)


def next_level(case: Case, policy: CasePolicy, now: datetime) -> int | None:
    """The level a late matter is owed now, if it is owed a step."""
    if case.kind == Case.Kind.BUDGET or late_reason(case, policy, now) is None:
        return None
    if case.escalation == Level.NONE:
        return Level.DIVISION_HEAD
    executives_from = (case.escalated_at or now) + timedelta(days=policy.executive_after_days)
    if case.escalation == Level.DIVISION_HEAD and executives_from <= now:
        return Level.EXECUTIVES
    return None


def _candidates(org: Organization, policy: CasePolicy, now: datetime) -> QuerySet[Case]:
    """Open matters that may be owed a step: the (org, status, received_at) index
    reads the org's open matters only, never its closed history."""
    executives_before = now - timedelta(days=policy.executive_after_days)
    return (
        Case.objects.for_org(org)
        .filter(status__in=Case.OPEN_STATUSES)
        .exclude(kind=Case.Kind.BUDGET)
        .filter(_late(policy, now))
        .filter(
            Q(escalation=Level.NONE)
            | Q(escalation=Level.DIVISION_HEAD, escalated_at__lte=executives_before)
        )
    )


# Who hears of it ---------------------------------------------------------------------------


def _active_members(org: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.for_org(org)
        .filter(is_active=True, user__is_active=True)
        .select_related("user", "position")
        .order_by("user__username")
    )


def division_heads(org: Organization, division: Division | None) -> list[Membership]:
    """Who heads `division`; the org's admins when nobody does or there is no division."""
    if division is not None:
        heads = list(
            _active_members(org).filter(position__heads_division=True, position__division=division)
        )
        if heads:
            return heads
    return list(_active_members(org).filter(role=Role.ADMIN))


def executives(org: Organization) -> list[Membership]:
    """The org's executives; its admins when it has none in the system."""
    members = list(
        _active_members(org).filter(Q(role=Role.EXECUTIVE) | Q(position__is_executive=True))
    )
    return members or list(_active_members(org).filter(role=Role.ADMIN))


def recipients(case: Case, level: int) -> list[Membership]:
    if level == Level.EXECUTIVES:
        return executives(case.org)
    return division_heads(case.org, case.division)


# Escalating ---------------------------------------------------------------------------


def escalate_overdue(*, now: datetime | None = None) -> int:
    """Escalate the late matters of every active org; how many steps were taken."""
    now = now or timezone.now()
    return sum(escalate_org(org, now=now) for org in Organization.objects.filter(is_active=True))


def escalate_org(org: Organization, *, now: datetime | None = None) -> int:
    """Take every escalation step one org's late matters are owed; safe to run twice."""
    now = now or timezone.now()
    policy = policy_for(org)
    pks = list(_candidates(org, policy, now).order_by().values_list("pk", flat=True))
    return sum(_escalate(org, pk, policy, now) for pk in pks)


@transaction.atomic
def _escalate(org: Organization, pk: int, policy: CasePolicy, now: datetime) -> bool:
    # Locked and checked again: staff may have answered or closed it since the
    # candidates were read, and a second run at once must wait, then find it done.
    case = Case.objects.select_for_update().filter(pk=pk).first()
    if case is None:
        return False
    case.org = org
    level = next_level(case, policy, now)
    if level is None:
        return False
    reason = late_reason(case, policy, now)
    members = recipients(case, level)
    with translation.override("th"):
        text = gettext("%(reason)s: แจ้ง%(level)s %(names)s") % {
            "reason": REASONS[reason],
            "level": _audience(level),
            "names": ", ".join(m.user.get_full_name() or m.user.username for m in members)
            or gettext("(ไม่มีผู้รับในระบบ)"),
        }
    event = record_event(
        case,
        CaseEvent.Kind.ESCALATED,
        actor=None,
        text=text,
        created_at=now,
        data={
            "level": level,
            "reason": reason,
            "recipients": [m.user.username for m in members],
        },
    )
    case.escalation = level
    case.escalated_at = now
    case.priority = max(case.priority, Case.Priority.HIGH)
    case.save(update_fields=["escalation", "escalated_at", "priority", "updated_at"])

    from prongsai.inbox.tasks import send_escalation

    for member in members:
        if member.user.email:
            outbox.owe(send_escalation, event.pk, member.user_id)
    return True


def _audience(level: int) -> str:
    if level == Level.EXECUTIVES:
        return gettext("ผู้บริหาร")
    return gettext("หัวหน้าส่วนราชการ")


# The daily digest ----------------------------------------------------------------------


@dataclass
class DigestRow:
    case: Case
    visible: bool  # a corruption complaint shows its subject to those who may read it only
    reason: str | None
    days_late: int


@dataclass
class DigestSection:
    division: Division | None
    late: list[DigestRow] = field(default_factory=list)
    reopened: list[DigestRow] = field(default_factory=list)
    new: list[DigestRow] = field(default_factory=list)
    other: list[DigestRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.late) + len(self.reopened) + len(self.new) + len(self.other)

    @property
    def groups(self) -> list[tuple[str, int, list[DigestRow], int]]:
        """(label, count, rows shown, rows left out) of each group that has any.

        Each matter is in one group: late first, then reopened, new (received
        the day before) and the rest; the longest waiting first within each.
        """
        return [
            (label, len(rows), rows[:DIGEST_ROWS], max(len(rows) - DIGEST_ROWS, 0))
            for label, rows in (
                (_("เกินกำหนด"), self.late),
                (_("ผู้แจ้งขอเปิดเรื่องใหม่"), self.reopened),
                (_("เรื่องใหม่เมื่อวาน"), self.new),
                (_("เรื่องอื่นที่ยังไม่ปิด"), self.other),
            )
            if rows
        ]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _open_cases(org: Organization) -> QuerySet[Case]:
    return Case.objects.for_org(org).filter(status__in=Case.OPEN_STATUSES)


def _open_divisions(org: Organization) -> set[int | None]:
    """The divisions (None: no division) that have open matters."""
    # One row per open matter rather than DISTINCT, which would read the org's
    # whole (org, division) index, closed history included.
    return set(_open_cases(org).order_by().values_list("division_id", flat=True))


def _headed_divisions(org: Organization) -> set[int]:
    return set(
        _active_members(org)
        .filter(position__heads_division=True, position__division__isnull=False)
        .values_list("position__division_id", flat=True)
    )


def digest_divisions(
    membership: Membership, headed: Collection[int], divisions: Iterable[int | None]
) -> set[int | None]:
    """The divisions (None: no division) whose matters `membership` hears of: a head
    their own; an admin the matters of no division and of divisions nobody heads."""
    mine: set[int | None] = set()
    position = membership.position
    if position is not None and position.heads_division and position.division_id:
        mine.add(position.division_id)
    if membership.role == Role.ADMIN:
        mine |= {pk for pk in divisions if pk is None or pk not in headed}
    return mine


def digest_sections(
    *, org: Organization, membership: Membership, day: date, now: datetime | None = None
) -> list[DigestSection]:
    """What the digest of `day` tells one member; empty when nothing of theirs is open."""
    now = now or timezone.now()
    policy = policy_for(org)
    mine = digest_divisions(membership, _headed_divisions(org), _open_divisions(org))
    if not mine:
        return []
    scope = Q(division_id__in=[pk for pk in mine if pk is not None])
    if None in mine:
        scope |= Q(division__isnull=True)
    since, until = _day_start(day - timedelta(days=1)), _day_start(day)
    sections: dict[int | None, DigestSection] = {}
    cases = _open_cases(org).filter(scope).select_related("division").order_by("received_at", "pk")
    for case in cases:
        section = sections.setdefault(case.division_id, DigestSection(case.division))
        reason = late_reason(case, policy, now)
        row = DigestRow(
            case=case,
            visible=can_see_confidential(membership=membership, case=case),
            reason=reason,
            days_late=(now - case.due_at).days if reason == DUE else 0,
        )
        if reason is not None:
            section.late.append(row)
        elif case.reopen_count:
            section.reopened.append(row)
        elif since <= case.received_at < until:
            section.new.append(row)
        else:
            section.other.append(row)
    for section in sections.values():
        section.late.sort(key=lambda row: -row.days_late)
    return sorted(
        sections.values(),
        key=lambda s: (s.division is None, s.division.order if s.division else 0, str(s.division)),
    )


def digest_key(org: Organization, user_id: int, day: date) -> uuid.UUID:
    return uuid.uuid5(DIGEST_NAMESPACE, f"{day.isoformat()}:{org.pk}:{user_id}")


def send_division_digests(*, today: date | None = None) -> int:
    """Owe each division head (and admin) of every active org the digest of `today`.

    One e-mail per person per day, however often it runs; none to whoever has
    nothing open. Returns how many were owed now.
    """
    today = today or timezone.localdate()
    return sum(_owe_digests(org, today) for org in Organization.objects.filter(is_active=True))


def _owe_digests(org: Organization, day: date) -> int:
    from prongsai.inbox.tasks import send_digest

    present = _open_divisions(org)
    if not present:
        return 0
    headed = _headed_divisions(org)
    members = (
        _active_members(org)
        .filter(Q(role=Role.ADMIN) | Q(position__heads_division=True))
        .exclude(user__email="")
    )
    owed = 0
    for membership in members:
        if not digest_divisions(membership, headed, present):
            continue
        key = digest_key(org, membership.user_id, day)
        if Message.objects.filter(uuid=key).exists():
            continue
        try:
            with transaction.atomic():
                outbox.owe(send_digest, org.pk, membership.user_id, day.isoformat(), key=key)
        except IntegrityError:
            continue  # another run owed it a moment ago
        owed += 1
    return owed


# The dashboard -------------------------------------------------------------------------


@dataclass(frozen=True)
class DivisionLoad:
    division: Division | None
    open: int
    late: int
    at_head: int
    at_executives: int


def late_by_division(
    org: Organization, *, now: datetime | None = None, divisions: Collection[int] | None = None
) -> list[DivisionLoad]:
    """Open matters per division: how many, how many past their time limit, and
    how many are escalated to the head or to the executives. Numbers only, so
    corruption complaints are counted like any other.

    Every division is listed (limited to `divisions` if given), in its order,
    then matters of no division when there are any. "Late" is past the time
    limit, as the inbox's overdue filter has it, so that each number is the
    length of the list it links to.
    """
    now = now or timezone.now()
    # Counted here rather than by GROUP BY, which SQLite answers by walking the
    # org's whole (org, division) index, closed history included; the open
    # matters alone come from the (org, status) index.
    open_cases = _open_cases(org).order_by()
    listed = Division.objects.for_org(org)
    if divisions is not None:
        open_cases = open_cases.filter(division_id__in=divisions)
        listed = listed.filter(pk__in=divisions)
    zero = dict.fromkeys(("open", "late", "at_head", "at_executives"), 0)
    counts: dict[int | None, dict[str, int]] = {}
    for division_id, due_at, level in open_cases.values_list("division_id", "due_at", "escalation"):
        row = counts.setdefault(division_id, dict(zero))
        row["open"] += 1
        row["late"] += due_at is not None and due_at < now
        row["at_head"] += level == Level.DIVISION_HEAD
        row["at_executives"] += level == Level.EXECUTIVES
    loads = [DivisionLoad(division, **counts.get(division.pk, zero)) for division in listed]
    if divisions is None and None in counts:
        loads.append(DivisionLoad(None, **counts[None]))
    return loads


def total_load(loads: Iterable[DivisionLoad]) -> DivisionLoad:
    """The sum of the rows of `late_by_division`."""
    loads = list(loads)
    return DivisionLoad(
        None,
        open=sum(load.open for load in loads),
        late=sum(load.late for load in loads),
        at_head=sum(load.at_head for load in loads),
        at_executives=sum(load.at_executives for load in loads),
    )
