"""Case statistics over the periods of a Thai fiscal year, for pages, files and reports.

Every count comes from `case_counts`: one GROUP BY per period over the org's
indexed range of `received_at`. Python only lays out the few numbers that come
back as a table of rows × periods; it never walks cases. Follow-through figures
(`follow_through_table`) hold medians, which no GROUP BY of SQLite gives: they
read a few time fields of the year's cases in one query (`performance`).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai import thai
from prongsai.eservices.models import Service
from prongsai.inbox import performance
from prongsai.inbox.models import Case
from prongsai.inbox.performance import FollowThrough
from prongsai.inbox.selectors import case_counts, day_range
from prongsai.orgs.models import Division, Organization

ROWS = ("channel", "kind", "division", "status")
PERIODS = ("month", "quarter", "half", "year")
# What complaint statistics count: complaints of every sort, corruption included.
COMPLAINT_KINDS = (Case.Kind.COMPLAINT, Case.Kind.CORRUPTION)
# What public pages and open data may count: the staff's own budget questions
# (kind "budget", channel "staff") are counted only in the staff area and reports.
PUBLIC_KINDS = tuple(kind for kind in Case.Kind.values if kind != Case.Kind.BUDGET)
PUBLIC_CHANNELS = tuple(code for code in Case.Channel.values if code != Case.Channel.STAFF)
# What service statistics (OIT "ข้อมูลเชิงสถิติการให้บริการ") count: requests for a service.
SERVICE_KINDS = (Case.Kind.ESERVICE, Case.Kind.REQUEST)

_CHOICES = {
    "channel": Case.Channel.choices,
    "kind": Case.Kind.choices,
    "status": Case.Status.choices,
}


@dataclass(frozen=True)
class Period:
    """A column of a table: a month, quarter, half or the whole fiscal year."""

    key: str
    name: str
    start: date
    end: date

    @property
    def months(self) -> str:
        """The months covered, as Thai reports write them on the web: "ม.ค.-มี.ค. 66"."""
        return thai.format_month_range(self.start, self.end, thai_digits=False)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class CaseTable:
    """Counts of one fiscal year: a row per channel/kind/division/status, a column per period."""

    fiscal_year: int
    rows_by: str
    period: str
    periods: tuple[Period, ...]
    rows: tuple[Row, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*(row.counts for row in self.rows), strict=True))

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def period_totals(self) -> list[tuple[Period, int]]:
        return list(zip(self.periods, self.totals, strict=True))


def current_fiscal_year() -> int:
    return thai.fiscal_year(timezone.localdate())


def fiscal_years(*, org: Organization) -> list[int]:
    """Fiscal years from the org's first case to the current one, newest first."""
    current = current_fiscal_year()
    first = Case.objects.for_org(org).aggregate(first=Min("received_at"))["first"]
    oldest = thai.fiscal_year(timezone.localtime(first).date()) if first else current
    return list(range(current, min(oldest, current) - 1, -1))


def period_ranges(fiscal_year: int, period: str) -> tuple[Period, ...]:
    """The periods of a fiscal year: 12 months from October, 4 quarters, 2 halves or 1 year.

    Halves follow the government's half-year reports: October–March and April–September.
    """
    quarters = [thai.quarter_range(fiscal_year, q) for q in (1, 2, 3, 4)]
    if period == "month":
        start, _end = thai.fiscal_year_range(fiscal_year)
        months = []
        for n in range(12):
            year, month = start.year + (start.month - 1 + n) // 12, (start.month - 1 + n) % 12 + 1
            first, last = date(year, month, 1), thai.month_end(year, month)
            name = thai.format_month_range(first, last, thai_digits=False)
            months.append(Period(f"{year:04d}-{month:02d}", name, first, last))
        return tuple(months)
    if period == "quarter":
        return tuple(
            Period(f"q{n}", _("ไตรมาส %(n)s") % {"n": n}, start, end)
            for n, (start, end) in enumerate(quarters, start=1)
        )
    if period == "half":
        return (
            Period("h1", str(_("ครึ่งปีแรก")), quarters[0][0], quarters[1][1]),
            Period("h2", str(_("ครึ่งปีหลัง")), quarters[2][0], quarters[3][1]),
        )
    if period == "year":
        start, end = thai.fiscal_year_range(fiscal_year)
        name = _("ปีงบประมาณ %(year)s") % {"year": fiscal_year}
        return (Period(str(fiscal_year), name, start, end),)
    raise ValueError(f"unknown period {period!r}")


def case_table(
    *,
    org: Organization,
    fiscal_year: int,
    rows: str = "channel",
    period: str = "month",
    kinds: Collection[str] | None = None,
) -> CaseTable:
    """Cases of a fiscal year counted by `rows` (one of ROWS) per `period` (one of PERIODS).

    Every channel, kind and status is a row even when it has no case, because a
    published table shows "–" for a channel nobody used; divisions are the org's
    own, plus "not assigned" when some case has no division. `kinds` limits the
    count to those kinds (the complaint statistics pass COMPLAINT_KINDS).
    """
    if rows not in ROWS:
        raise ValueError(f"unknown rows {rows!r}")
    periods = period_ranges(fiscal_year, period)
    columns = [
        case_counts(org=org, start=p.start, end=p.end, by=rows, kinds=kinds) for p in periods
    ]
    table_rows = tuple(
        Row(str(key), str(label), tuple(column.get(key, 0) for column in columns))
        for key, label in _row_labels(org, rows, columns)
    )
    return CaseTable(fiscal_year, rows, period, periods, table_rows)


def _row_labels(org: Organization, rows: str, columns: list[dict[str, int]]) -> list[tuple]:
    if rows in _CHOICES:
        return list(_CHOICES[rows])
    # Divisions are counted by name, which is unique within an org.
    labels = [(name, name) for name in Division.objects.for_org(org).values_list("name", flat=True)]
    if any(column.get("") for column in columns):
        labels.append(("", _("ไม่ระบุสำนัก/กอง")))
    return labels


def service_table(
    *, org: Organization, fiscal_year: int, kinds: Collection[str] = SERVICE_KINDS
) -> CaseTable:
    """Cases of a fiscal year counted per catalog service (rows) and quarter, in one query.

    Every active service of `kinds` is a row even without a case; a service that
    has since closed is a row only when it had cases that year. Rows are keyed by
    the service's code, in the catalog's order.
    """
    periods = period_ranges(fiscal_year, "quarter")
    low, high = day_range(periods[0].start, periods[-1].end)
    quarters = {
        period.key: Count("id", filter=Q(received_at__gte=start, received_at__lt=end))
        for period in periods
        for start, end in [day_range(period.start, period.end)]
    }
    counted = {
        row["service"]: row
        for row in Case.objects.for_org(org)
        .filter(received_at__gte=low, received_at__lt=high, kind__in=kinds, service__isnull=False)
        .values("service")
        .annotate(**quarters)
        .order_by()
    }
    services = Service.objects.for_org(org).filter(
        Q(is_active=True, kind__in=kinds) | Q(pk__in=counted)
    )
    rows = tuple(
        Row(
            service.code,
            service.name,
            tuple(counted.get(service.pk, {}).get(period.key, 0) for period in periods),
        )
        for service in services
    )
    return CaseTable(fiscal_year, "service", "quarter", periods, rows)


@dataclass(frozen=True)
class FollowThroughRow:
    key: str
    label: str
    figures: FollowThrough


@dataclass(frozen=True)
class FollowThroughTable:
    """How the cases of a fiscal year were followed through, per channel, kind or division."""

    fiscal_year: int
    rows_by: str
    rows: tuple[FollowThroughRow, ...]
    total: FollowThrough


def follow_through_table(
    *,
    org: Organization,
    fiscal_year: int,
    rows: str = "channel",
    kinds: Collection[str] | None = PUBLIC_KINDS,
    channels: Collection[str] | None = PUBLIC_CHANNELS,
) -> FollowThroughTable:
    """Follow-through figures of the cases received in a fiscal year, a row per channel,
    kind or division that has cases, in the order of the other tables, and their total.

    By default only what public pages may count: public kinds through public channels.
    """
    start, end = thai.fiscal_year_range(fiscal_year)
    total, groups = performance.follow_through_with_groups(
        org=org, start=start, end=end, by=rows, kinds=kinds, channels=channels
    )
    columns = [{key: figures.received for key, figures in groups.items()}]
    table_rows = tuple(
        FollowThroughRow(str(key), str(label), groups[str(key)])
        for key, label in _row_labels(org, rows, columns)
        if str(key) in groups
    )
    return FollowThroughTable(fiscal_year, rows, table_rows, total)
