"""Case counts for the reports' live figures: `{{cases channel=line start=… end=…}}`."""

from collections import Counter
from datetime import date

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.models import Case
from prongsai.inbox.selectors import day_range
from prongsai.ita.figures import Figure, FigureError, Param, param_date
from prongsai.orgs.models import Division, Organization


def _divisions(org: Organization) -> list[tuple[str, str]]:
    return [(str(d.pk), d.name) for d in Division.objects.for_org(org)]


def count_cases(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    """One query per distinct period, whatever the number of uses and their filters."""
    by_period: dict[tuple[date, date], Counter] = {}
    values: list[object] = []
    for use in uses:
        start, end = param_date(use, "start"), param_date(use, "end")
        if end < start:
            values.append(FigureError(_("วันสิ้นสุดอยู่ก่อนวันเริ่ม")))
            continue
        if (start, end) not in by_period:
            low, high = day_range(start, end)
            rows = (
                Case.objects.for_org(org)
                .filter(received_at__gte=low, received_at__lt=high)
                .values_list("channel", "kind", "division_id")
                .annotate(n=Count("id"))
                .order_by()
            )
            by_period[(start, end)] = Counter(
                {(channel, kind, str(division or "")): n for channel, kind, division, n in rows}
            )
        counts = by_period[(start, end)]
        values.append(
            sum(
                n
                for (channel, kind, division), n in counts.items()
                if use.get("channel", channel) == channel
                and use.get("kind", kind) == kind
                and use.get("division", division) == division
            )
        )
    return values


CASES = Figure(
    name="cases",
    label=_("จำนวนเรื่องที่รับ (ตามช่องทาง ประเภท สำนัก/กอง และช่วงเวลา)"),
    params=(
        Param(
            "channel",
            _("ช่องทาง"),
            "choice",
            required=False,
            choices=lambda org: Case.Channel.choices,
        ),
        Param(
            "kind", _("ประเภทเรื่อง"), "choice", required=False, choices=lambda org: Case.Kind.choices
        ),
        Param("division", _("สำนัก/กอง"), "choice", required=False, choices=_divisions),
        Param("start", _("ตั้งแต่วันที่"), "date"),
        Param("end", _("ถึงวันที่"), "date"),
    ),
    compute=count_cases,
    app="inbox",
)
