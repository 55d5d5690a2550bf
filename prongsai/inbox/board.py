"""The public board of an org's matters: which it shows, filtered, summed up and mapped.

The board shows only the kinds the org opened to it (of those that may ever be
public) and never a matter staff hid. It says what happened to a matter, never
who reported it or in what words.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Service
from prongsai.inbox.follow_through import policy_for
from prongsai.inbox.models import Attachment, Case, CaseEvent, CasePolicy
from prongsai.inbox.performance import FollowThrough, follow_through
from prongsai.orgs.models import Organization, Village

OPEN, RESOLVED, ALL = "open", "resolved", "all"
STATUS_FILTERS = (OPEN, RESOLVED, ALL)
SUMMARY_DAYS = 365

Event = CaseEvent.Kind
# What the board's timeline tells: the steps, never the reporter's or staff's
# messages to each other. Only the closing says what was done.
TIMELINE_KINDS = (
    Event.CREATED,
    Event.STATUS_CHANGED,
    Event.CLOSED,
    Event.REOPENED,
    Event.CONFIRMED,
)


def board_kinds(policy: CasePolicy) -> list[str]:
    """The kinds the org opened to the board, of those that may ever be public."""
    return [kind for kind in policy.board_kinds if kind in CasePolicy.BOARD_KINDS]


def on_board(policy: CasePolicy) -> Q:
    """`follow_through.is_on_board` as a query."""
    return Q(kind__in=board_kinds(policy), board_hidden=False)


def board_cases(
    *,
    org: Organization,
    policy: CasePolicy,
    status: str = ALL,
    village: int | None = None,
    category: str = "",
) -> QuerySet[Case]:
    """The org's matters on its board, newest first: open, resolved or all of them,
    of one village (its number) and of one category (a service code) if given."""
    cases = Case.objects.for_org(org).filter(on_board(policy)).select_related("service")
    if status == OPEN:
        cases = cases.filter(status__in=Case.OPEN_STATUSES)
    elif status == RESOLVED:
        cases = cases.filter(status=Case.Status.RESOLVED)
    if village is not None:
        cases = cases.filter(village_no=village)
    if category:
        cases = cases.filter(service__code=category)
    return cases.order_by("-received_at", "-id")


def proof_query() -> QuerySet[Attachment]:
    """Photos the public may see: the before and after photos staff attached on closing."""
    return Attachment.objects.filter(
        role__in=(Attachment.Role.BEFORE, Attachment.Role.AFTER),
        is_public=True,
        content_type__startswith="image/",
    )


def with_after_photos(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases, each with `after_photos`: its proof of the fix, for a thumbnail."""
    after = proof_query().filter(role=Attachment.Role.AFTER)
    return cases.prefetch_related(Prefetch("attachments", after, to_attr="after_photos"))


def board_case(*, org: Organization, pk: int, policy: CasePolicy | None = None) -> Case | None:
    """One matter of the org's board, or None when the board does not show it."""
    policy = policy or policy_for(org)
    return (
        Case.objects.for_org(org)
        .filter(on_board(policy), pk=pk)
        .select_related("service", "org")
        .first()
    )


def board_photo(*, case: Case, pk: int) -> Attachment | None:
    return proof_query().filter(case=case, pk=pk).first()


def village_names(*, org: Organization, policy: CasePolicy) -> dict[int, str]:
    """Number → name of the villages to filter by: the org's own list of villages, and
    the numbers its board's matters name (by number only where the list lacks them)."""
    names = {village.number: str(village) for village in Village.objects.for_org(org)}
    in_use = (
        board_cases(org=org, policy=policy)
        .exclude(village_no=None)
        .order_by()
        .values_list("village_no", flat=True)
        .distinct()
    )
    for number in in_use:
        names.setdefault(number, village_label(number))
    return dict(sorted(names.items()))


def village_name(*, org: Organization, number: int | None) -> str:
    """The village a matter names, by its name where the org keeps one."""
    village = Village.objects.for_org(org).filter(number=number).first() if number else None
    return str(village) if village else village_label(number)


def village_label(number: int | None, names: dict[int, str] | None = None) -> str:
    if number is None:
        return str(_("ไม่ระบุหมู่"))
    return (names or {}).get(number) or str(_("ม.%(number)s") % {"number": number})


def categories(*, org: Organization, policy: CasePolicy) -> QuerySet[Service]:
    """The services (categories) that matters on the board came under."""
    used = board_cases(org=org, policy=policy).exclude(service=None).values("service")
    return Service.objects.for_org(org).filter(pk__in=used).order_by("name")


@dataclass(frozen=True)
class VillageCount:
    number: int | None
    name: str
    count: int


def counts_by_village(cases: QuerySet[Case], names: dict[int, str]) -> list[VillageCount]:
    """How many of the cases each village has, by number; those naming none last."""
    rows = cases.order_by().values_list("village_no").annotate(count=Count("id"))
    counts = [VillageCount(number, village_label(number, names), n) for number, n in rows]
    return sorted(counts, key=lambda row: (row.number is None, row.number or 0))


@dataclass(frozen=True)
class Summary:
    shown: int
    start: date
    end: date
    figures: FollowThrough


def summary(
    *, org: Organization, policy: CasePolicy, shown: int, today: date | None = None
) -> Summary:
    """The number of matters shown, and how the board's kinds of matter received in
    the last 12 months were followed through (resolution rate, median days)."""
    end = today or timezone.localdate()
    start = end - timedelta(days=SUMMARY_DAYS - 1)
    figures = follow_through(org=org, start=start, end=end, kinds=board_kinds(policy))
    return Summary(shown=shown, start=start, end=end, figures=figures)


def days_taken(case: Case, *, now: datetime | None = None) -> int:
    """Whole days a matter has been open, or took to be closed."""
    until = case.closed_at or now or timezone.now()
    return max(0, (until - case.received_at).days)


@dataclass(frozen=True)
class Step:
    kind: str
    label: str
    at: datetime
    text: str = ""


def timeline(case: Case) -> list[Step]:
    """The public steps of a matter: received, status changes, closings with what was
    done, and the reporter reopening or confirming, without the reporter's words."""
    steps = []
    for event in case.events.filter(kind__in=TIMELINE_KINDS, is_public=True):
        label = event.get_kind_display()
        if event.kind in (Event.STATUS_CHANGED, Event.CLOSED) and event.to_status:
            label = f"{label}: {event.to_status_label}"
        text = event.text if event.kind == Event.CLOSED else ""
        steps.append(Step(event.kind, str(label), event.created_at, text))
    return steps


@dataclass(frozen=True)
class Point:
    case: Case
    x: float
    y: float


@dataclass(frozen=True)
class Plot:
    width: int
    height: int
    points: list[Point]


# Around 500 m: a single matter, or a few at one place, still get a frame.
MIN_SPAN_DEGREES = 0.005


def plot(cases: Iterable[Case], *, width: int = 600, height: int = 400, margin: int = 20) -> Plot:
    """The cases that have coordinates, placed in a width × height frame that their
    bounding box fills: a plain equirectangular map, north up, no tiles."""
    located = [c for c in cases if c.latitude is not None and c.longitude is not None]
    if not located:
        return Plot(width, height, [])
    lats = [float(c.latitude) for c in located]
    lons = [float(c.longitude) for c in located]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    # A degree of longitude shrinks away from the equator; without this the map stretches.
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * squeeze, MIN_SPAN_DEGREES)
    span_y = max(north - south, MIN_SPAN_DEGREES)
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    scale = min(inner_w / span_x, inner_h / span_y)
    # Centred: the box's unused side is shared equally.
    left = margin + (inner_w - (east - west) * squeeze * scale) / 2
    top = margin + (inner_h - (north - south) * scale) / 2
    points = [
        Point(
            case,
            round(left + (lon - west) * squeeze * scale, 1),
            round(top + (north - lat) * scale, 1),
        )
        for case, lat, lon in zip(located, lats, lons, strict=True)
    ]
    return Plot(width, height, points)
