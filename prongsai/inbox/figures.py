"""Case figures for the reports' live figures: `{{cases channel=line start=… end=…}}`,
and how matters were followed through: `{{resolution_rate kind=complaint start=… end=…}}`."""

from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from prongsai.inbox import performance
from prongsai.inbox.models import Case
from prongsai.inbox.performance import FollowThrough, Timeline
from prongsai.inbox.selectors import day_range
from prongsai.ita.figures import Days, Figure, FigureError, Param, param_date
from prongsai.orgs.models import Division, Organization


def _divisions(org: Organization) -> list[tuple[str, str]]:
    return [(str(d.pk), d.name) for d in Division.objects.for_org(org)]


def _period(use: dict[str, str]) -> tuple[date, date] | FigureError:
    start, end = param_date(use, "start"), param_date(use, "end")
    if end < start:
        return FigureError(_("วันสิ้นสุดอยู่ก่อนวันเริ่ม"))
    return start, end


def _matches(use: dict[str, str], channel: str, kind: str, division: str) -> bool:
    """Whether a case of this channel, kind and division (pk as text, "" for none) counts."""
    return (
        use.get("channel", channel) == channel
        and use.get("kind", kind) == kind
        and use.get("division", division) == division
    )


def _per_period(
    uses: list[dict[str, str]],
    fetch: Callable[[date, date], object],
    value: Callable[[dict[str, str], object], object],
) -> list[object]:
    """One `fetch` per distinct period, whatever the number of uses and their filters;
    each use's value is `value(use, what was fetched for its period)`."""
    fetched: dict[tuple[date, date], object] = {}
    values: list[object] = []
    for use in uses:
        period = _period(use)
        if isinstance(period, FigureError):
            values.append(period)
            continue
        if period not in fetched:
            fetched[period] = fetch(*period)
        values.append(value(use, fetched[period]))
    return values


def _counts(org: Organization, start: date, end: date) -> Counter:
    low, high = day_range(start, end)
    rows = (
        Case.objects.for_org(org)
        .filter(received_at__gte=low, received_at__lt=high)
        .values_list("channel", "kind", "division_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Counter({(channel, kind, str(division or "")): n for channel, kind, division, n in rows})


def count_cases(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    return _per_period(
        uses,
        lambda start, end: _counts(org, start, end),
        lambda use, counts: sum(n for key, n in counts.items() if _matches(use, *key)),
    )


def _follow_through(
    pick: Callable[[FollowThrough], object],
) -> Callable[[Organization, list[dict[str, str]]], list[object]]:
    """A figure's compute: one query per distinct period, `pick` choosing its number."""

    def compute(org: Organization, uses: list[dict[str, str]]) -> list[object]:
        def fetch(start: date, end: date) -> list[tuple[tuple, Timeline]]:
            keys = ("channel", "kind", "division_id")
            return performance.timelines(org=org, start=start, end=end, keys=keys)

        def value(use: dict[str, str], rows: list[tuple[tuple, Timeline]]) -> object:
            matching = [
                row
                for (channel, kind, division), row in rows
                if _matches(use, channel, kind, str(division or ""))
            ]
            return pick(performance.summarize(matching))

        return _per_period(uses, fetch, value)

    return compute


def _days(value: Decimal | None) -> Days | None:
    return None if value is None else Days(value)


PARAMS = (
    Param(
        "channel", _("ช่องทาง"), "choice", required=False, choices=lambda org: Case.Channel.choices
    ),
    Param("kind", _("ประเภทเรื่อง"), "choice", required=False, choices=lambda org: Case.Kind.choices),
    Param("division", _("สำนัก/กอง"), "choice", required=False, choices=_divisions),
    Param("start", _("ตั้งแต่วันที่"), "date"),
    Param("end", _("ถึงวันที่"), "date"),
)

CASES = Figure(
    name="cases",
    label=_("จำนวนเรื่องที่รับ (ตามช่องทาง ประเภท สำนัก/กอง และช่วงเวลา)"),
    params=PARAMS,
    compute=count_cases,
    app="inbox",
)

# Over the cases received in the period, as `performance` counts them; a rate or a
# median of no case prints "–".
FOLLOW_THROUGH = tuple(
    Figure(name, label, PARAMS, _follow_through(value), app="inbox")
    for name, label, value in (
        (
            "resolution_rate",
            _("ร้อยละของเรื่องที่รับซึ่งแก้ไขแล้วเสร็จ"),
            lambda f: f.resolution_rate,
        ),
        (
            "reopen_rate",
            _("ร้อยละของเรื่องที่แก้ไขแล้วซึ่งผู้แจ้งขอเปิดใหม่"),
            lambda f: f.reopen_rate,
        ),
        (
            "median_first_response_days",
            _("ระยะเวลาตอบสนองครั้งแรก (มัธยฐาน วัน)"),
            lambda f: _days(f.median_first_response_days),
        ),
        (
            "median_resolve_days",
            _("ระยะเวลาแก้ไขแล้วเสร็จ (มัธยฐาน วัน)"),
            lambda f: _days(f.median_resolve_days),
        ),
        ("reopened", _("จำนวนเรื่องที่ผู้แจ้งขอเปิดใหม่"), lambda f: f.reopened),
    )
)
FIGURES = (CASES, *FOLLOW_THROUGH)
