"""The quarterly executive report (รายงานผู้บริหารรายไตรมาส): what the org did for integrity
in one fiscal quarter, from its own records.

`quarterly_data` is the one source of every format: plain JSON-serialisable
data with each number both as a value and as printed, and `sections` laid out
for the PDF (Typst, `typst/quarterly.typ`) and the HTML templates alike.
`store_report` keeps the PDF of a quarter as the org's QuarterlyReport; the
Celery task and `manage.py make_quarterly_reports` call `store_due_reports`.
"""

import logging
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Prefetch, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.inbox import performance
from prongsai.inbox.models import Case
from prongsai.inbox.performance import FollowThrough
from prongsai.inbox.selectors import case_counts, day_range
from prongsai.integrity.figures import (
    acknowledged_percent,
    budget_question_counts,
    with_acknowledgements,
)
from prongsai.integrity.models import BudgetProposal, Circular, Meeting, QuarterlyReport, Training
from prongsai.ita.models import Step
from prongsai.ita.reports.data import get_plan, measure_heading, paragraphs, period_text
from prongsai.ita.reports.registry import Option, Output, ReportError, ReportKind, register
from prongsai.orgs.models import Organization
from prongsai.surveys.models import Survey
from prongsai.surveys.selectors import satisfaction_of, with_satisfaction
from prongsai.thai import (
    MONTHS,
    count_or_dash,
    fiscal_quarter,
    format_date,
    format_date_range,
    quarter_range,
    to_thai_digits,
)

log = logging.getLogger(__name__)

TEMPLATE = Path(__file__).parent / "typst" / "quarterly.typ"
FORMATS = ("pdf", "html")
QUARTERS = (1, 2, 3, 4)

TITLE_LINES = ("รายงานผลการดำเนินงานด้านคุณธรรมและความโปร่งใส", "เสนอผู้บริหาร")
TITLE = "".join(TITLE_LINES)
# Complaints in the statistics: every kind a citizen complains with.
COMPLAINT_KINDS = (Case.Kind.COMPLAINT, Case.Kind.CORRUPTION)


class _Printer:
    """Numbers and dates as this report prints them: Thai or Arabic digits, "–" for none."""

    def __init__(self, thai_digits: bool) -> None:
        self.thai_digits = thai_digits

    def digits(self, value: int | str) -> str:
        return to_thai_digits(value) if self.thai_digits else str(value)

    def count(self, n: int) -> str:
        return count_or_dash(n, thai_digits=self.thai_digits)

    def number(self, value: Decimal) -> str:
        """1.5 → "๑.๕", 3.0 → "๓": no trailing zeros."""
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return self.digits(text)

    def percent(self, value: Decimal | None) -> str:
        return "–" if value is None else self.number(value.quantize(Decimal("0.01")))

    def decimal(self, value: str | None) -> str:
        """A rate or a number of days kept as a decimal string; "–" when there was none."""
        return "–" if value is None else self.number(Decimal(value))

    def money(self, value: Decimal) -> str:
        return self.digits(f"{value:,.2f}")

    def date(self, d: date) -> str:
        return format_date(d, thai_digits=self.thai_digits)

    def short_date(self, d: date) -> str:
        return format_date(d, short=True, thai_digits=self.thai_digits)

    def days(self, start: date, end: date) -> str:
        return format_date_range(start, end, thai_digits=self.thai_digits)


def quarter_label(fiscal_year: int, quarter: int, *, thai_digits: bool = True) -> str:
    """ "ไตรมาสที่ ๒ (มกราคม - มีนาคม ๒๕๖๖)" """
    start, end = quarter_range(fiscal_year, quarter)
    months = f"{MONTHS[start.month - 1]} - {MONTHS[end.month - 1]} {end.year + 543}"
    text = f"ไตรมาสที่ {quarter} ({months})"
    return to_thai_digits(text) if thai_digits else text


# The parts of the report, each a few queries.


def _measures(org: Organization, fiscal_year: int, start: date, end: date, p: _Printer) -> dict:
    plan = get_plan(org=org, fiscal_year=fiscal_year)
    statuses = {value: 0 for value in Step.Status.values}
    if plan is None:
        return {"has_plan": False, "total": 0, "by_status": [], "steps": []}
    steps = list(
        Step.objects.filter(measure__plan=plan)
        .select_related("measure")
        .order_by("measure__number", "measure__pk", "order", "pk")
    )
    rows = []
    for step in steps:
        statuses[step.status] += 1
        if not (step.start_month and step.end_month):
            continue
        if step.start_month > end or step.end_month < start.replace(day=1):
            continue
        rows.append(
            {
                "measure": step.measure.number,
                "heading": measure_heading(step.measure, thai_digits=p.thai_digits),
                "method": paragraphs(step.method),
                "period": period_text(step, thai_digits=p.thai_digits),
                "status": step.status,
                "status_label": str(Step.Status(step.status).label),
            }
        )
    return {
        "has_plan": True,
        "total": len(steps),
        "by_status": [
            {
                "status": status,
                "label": str(Step.Status(status).label),
                "count": n,
                "text": p.count(n),
            }
            for status, n in statuses.items()
        ],
        "steps": rows,
    }


def _cases(org: Organization, start: date, end: date) -> dict:
    every = case_counts(org=org, start=start, end=end, by="channel")
    complaints = case_counts(org=org, start=start, end=end, by="channel", kinds=COMPLAINT_KINDS)
    rows = [
        {
            "channel": channel,
            "label": str(label),
            "all": every.get(channel, 0),
            "complaints": complaints.get(channel, 0),
        }
        for channel, label in Case.Channel.choices
    ]
    return {
        "rows": rows,
        "all": sum(every.values()),
        "complaints": sum(complaints.values()),
    }


def _plain(figures: FollowThrough) -> dict:
    return {
        name: str(value) if isinstance(value, Decimal) else value
        for name, value in figures.as_dict().items()
    }


def _follow_through(org: Organization, start: date, end: date) -> dict:
    """How the quarter's complaints were followed through, as of the day of the report."""
    total, groups = performance.follow_through_with_groups(
        org=org, start=start, end=end, by="channel", kinds=COMPLAINT_KINDS
    )
    rows = [
        {"channel": channel, "label": str(label), **_plain(groups[channel])}
        for channel, label in Case.Channel.choices
        if channel in groups
    ]
    return {"rows": rows, "total": _plain(total)}


def _satisfaction(org: Organization, start: date, end: date) -> list[dict]:
    surveys = with_satisfaction(Survey.objects.for_org(org), start=start, end=end).order_by(
        "title", "pk"
    )
    rows = []
    for survey in surveys:
        result = satisfaction_of(survey)
        if result.responses:
            rows.append(
                {
                    "id": survey.pk,
                    "title": survey.title,
                    "responses": result.responses,
                    "percent": str(result.percent) if result.percent is not None else None,
                }
            )
    return rows


def _trainings(org: Organization, start: date, end: date) -> list[dict]:
    trainings = (
        Training.objects.for_org(org)
        .filter(starts_on__lte=end, ends_on__gte=start)
        .annotate(n_attendees=Count("attendees"))
        .order_by("starts_on", "pk")
    )
    topics = dict(Training.Topic.choices)
    return [
        {
            "id": t.pk,
            "title": t.title,
            "starts_on": t.starts_on.isoformat(),
            "ends_on": t.ends_on.isoformat(),
            "topics": [str(topics[code]) for code in t.topics or () if code in topics],
            "organiser": t.organiser,
            "attendees": t.n_attendees,
            "hours": str(t.hours),
        }
        for t in trainings
    ]


def _circulars(org: Organization, start: date, end: date) -> list[dict]:
    low, high = day_range(start, end)
    circulars = with_acknowledgements(
        Circular.objects.for_org(org).filter(sent_at__gte=low, sent_at__lt=high), org=org
    ).order_by("sent_at", "pk")
    rows = []
    for c in circulars:
        percent = acknowledged_percent(c.n_acknowledged, c.n_recipients)
        rows.append(
            {
                "id": c.pk,
                "number": c.number,
                "title": c.title,
                "sent_on": timezone.localtime(c.sent_at).date().isoformat(),
                "recipients": c.n_recipients,
                "acknowledged": c.n_acknowledged,
                "percent": str(percent) if percent is not None else None,
            }
        )
    return rows


def _meetings(org: Organization, start: date, end: date) -> list[dict]:
    meetings = (
        Meeting.objects.for_org(org)
        .filter(held_on__gte=start, held_on__lte=end)
        .annotate(n_attendees=Count("attendees", distinct=True))
        .prefetch_related(Prefetch("circulars", queryset=Circular.objects.order_by("sent_at")))
        .order_by("held_on", "pk")
    )
    return [
        {
            "id": m.pk,
            "title": m.title,
            "held_on": m.held_on.isoformat(),
            "place": m.place,
            "attendees": m.n_attendees,
            "circulars": [c.title for c in m.circulars.all()],
        }
        for m in meetings
    ]


def _budget(org: Organization, fiscal_year: int, start: date, end: date) -> dict:
    questions = budget_question_counts(org=org, periods=[(start, end)])[(start, end)]
    low, high = day_range(start, end)
    proposals = BudgetProposal.objects.for_org(org).filter(fiscal_year=fiscal_year + 1)
    totals = proposals.aggregate(
        count=Count("pk"),
        in_quarter=Count("pk", filter=Q(created_at__gte=low, created_at__lt=high)),
        amount=Sum("amount"),
    )
    return {
        "questions": questions,
        "proposals": {
            "fiscal_year": fiscal_year + 1,
            "count": totals["count"],
            "in_quarter": totals["in_quarter"],
            "amount": str(totals["amount"] or Decimal("0.00")),
        },
    }


# The layout both the PDF and the HTML read.


def _table(columns, rows, *, widths, numeric=(), empty="", total=False) -> dict:
    """A table block; with `total` its last row is the total, printed bold."""
    return {
        "kind": "table",
        "total": total,
        "columns": list(columns),
        "widths": list(widths),
        "numeric": list(numeric),
        "rows": [[cell if isinstance(cell, list) else [cell] for cell in row] for row in rows],
        "empty": empty,
    }


def _para(text: str) -> dict:
    return {"kind": "para", "text": text}


def _subheading(text: str) -> dict:
    return {"kind": "subheading", "text": text}


def _sections(data: dict, p: _Printer) -> list[dict]:
    measures, cases, budget = data["measures"], data["cases"], data["budget"]
    year = p.digits(data["fiscal_year"])

    if measures["has_plan"]:
        # Done first; a no-break space keeps each count on the line of its label.
        counts = " · ".join(
            f"{row['label']}\u00a0{row['text']}" for row in reversed(measures["by_status"])
        )
        progress = [
            _para(
                _("ทั้งแผน %(total)s วิธีการ: %(counts)s")
                % {"total": p.count(measures["total"]), "counts": counts}
            ),
            _table(
                [_("มาตรการ"), _("วิธีการดำเนินการ"), _("ระยะเวลา"), _("สถานะ")],
                [
                    [
                        # A measure's heading heads its first step; the next rows leave it blank.
                        row["heading"]
                        if n == 0 or measures["steps"][n - 1]["measure"] != row["measure"]
                        else "",
                        row["method"],
                        row["period"],
                        row["status_label"],
                    ]
                    for n, row in enumerate(measures["steps"])
                ],
                widths=[28, 40, 17, 15],
                empty=_("ไม่มีวิธีการดำเนินการที่มีกำหนดในไตรมาสนี้"),
            ),
        ]
    else:
        progress = [_para(_("ยังไม่มีแผนมาตรการของปีงบประมาณ %(year)s") % {"year": year})]

    case_rows = [
        [row["label"], p.count(row["all"]), p.count(row["complaints"])]
        for row in cases["rows"]
        if row["all"] or row["channel"] != Case.Channel.STAFF
    ]
    case_rows.append([_("รวม"), p.count(cases["all"]), p.count(cases["complaints"])])
    case_blocks = [
        _table(
            [_("ช่องทาง"), _("เรื่องที่รับทั้งหมด"), _("เรื่องร้องเรียน")],
            case_rows,
            widths=[50, 25, 25],
            numeric=[1, 2],
            total=True,
        ),
        _para(
            _("เรื่องร้องเรียนนับรวมเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ")
            if cases["complaints"]
            else _("ไม่มีเรื่องร้องเรียนในไตรมาสนี้")
        ),
    ]

    follow = data["follow_through"]
    # The total row only under channels that had complaints: alone it would say nothing.
    labelled = [*follow["rows"], {**follow["total"], "label": _("รวม")}] if follow["rows"] else []
    follow_blocks = [
        _table(
            [
                _("ช่องทาง"),
                _("รับเรื่อง"),
                _("แก้ไขแล้วเสร็จ"),
                _("ร้อยละที่แก้ไขแล้วเสร็จ"),
                _("ตอบสนองครั้งแรก (มัธยฐาน วัน)"),
                _("แก้ไขแล้วเสร็จ (มัธยฐาน วัน)"),
                _("ขอเปิดใหม่"),
            ],
            [
                [
                    row["label"],
                    p.count(row["received"]),
                    p.count(row["resolved"]),
                    p.decimal(row["resolution_rate"]),
                    p.decimal(row["median_first_response_days"]),
                    p.decimal(row["median_resolve_days"]),
                    p.count(row["reopened"]),
                ]
                for row in labelled
            ],
            widths=[20, 10, 13, 15, 16, 16, 10],
            numeric=[1, 2, 3, 4, 5, 6],
            empty=_("ไม่มีเรื่องร้องเรียนในไตรมาสนี้"),
            total=True,
        ),
    ]
    if follow["rows"]:
        follow_blocks.append(
            _para(
                _(
                    "ผู้แจ้งขอเปิดเรื่องใหม่ %(reopened)s เรื่อง คิดเป็นร้อยละ %(rate)s "
                    "ของเรื่องที่เคยแก้ไขแล้วเสร็จ นับจากเรื่องที่รับในไตรมาสนี้ ตามสถานะ ณ วันที่จัดทำรายงาน"
                )
                % {
                    "reopened": p.count(follow["total"]["reopened"]),
                    "rate": p.decimal(follow["total"]["reopen_rate"]),
                }
            )
        )

    satisfaction = _table(
        [_("แบบสำรวจ"), _("ผู้ตอบ (คน)"), _("ร้อยละความพึงพอใจ")],
        [
            [
                row["title"],
                p.count(row["responses"]),
                p.percent(Decimal(row["percent"]) if row["percent"] else None),
            ]
            for row in data["satisfaction"]
        ],
        widths=[60, 18, 22],
        numeric=[1, 2],
        empty=_("ไม่มีผู้ตอบแบบสำรวจในไตรมาสนี้"),
    )

    trainings = _table(
        [_("วันที่"), _("หลักสูตร/หัวข้อ"), _("ผู้เข้าอบรม (คน)"), _("ชั่วโมง")],
        [
            [
                p.days(date.fromisoformat(row["starts_on"]), date.fromisoformat(row["ends_on"])),
                [row["title"]] + ([", ".join(row["topics"])] if row["topics"] else []),
                p.count(row["attendees"]),
                p.number(Decimal(row["hours"])),
            ]
            for row in data["trainings"]
        ],
        widths=[24, 48, 16, 12],
        numeric=[2, 3],
        empty=_("ไม่มีการฝึกอบรมในไตรมาสนี้"),
    )

    circulars = _table(
        [_("ส่งเมื่อ"), _("เรื่อง"), _("ผู้รับ"), _("รับทราบ"), _("ร้อยละ")],
        [
            [
                p.short_date(date.fromisoformat(row["sent_on"])),
                [row["title"]] + ([_("ที่ %(n)s") % {"n": row["number"]}] if row["number"] else []),
                p.count(row["recipients"]),
                p.count(row["acknowledged"]),
                p.percent(Decimal(row["percent"]) if row["percent"] else None),
            ]
            for row in data["circulars"]
        ],
        widths=[16, 48, 12, 12, 12],
        numeric=[2, 3, 4],
        empty=_("ไม่มีหนังสือเวียนในไตรมาสนี้"),
    )
    meetings = _table(
        [_("วันที่"), _("การประชุม"), _("ผู้เข้าร่วม (คน)"), _("หนังสือเวียนที่แจ้ง")],
        [
            [
                p.date(date.fromisoformat(row["held_on"])),
                row["title"],
                p.count(row["attendees"]),
                row["circulars"] or ["–"],
            ]
            for row in data["meetings"]
        ],
        widths=[20, 32, 16, 32],
        numeric=[2],
        empty=_("ไม่มีการประชุมบุคลากรในไตรมาสนี้"),
    )

    questions, proposals = budget["questions"], budget["proposals"]
    budget_blocks = [
        _table(
            [_("ข้อซักถาม/ทักท้วง"), _("จำนวน (เรื่อง)")],
            [
                [_("ได้รับในไตรมาส"), p.count(questions["asked"])],
                [_("ตอบแล้ว"), p.count(questions["answered"])],
                [_("ยังไม่ได้ตอบ"), p.count(questions["open"])],
            ],
            widths=[70, 30],
            numeric=[1],
        ),
        _para(
            _(
                "ข้อเสนอตั้งงบประมาณของบุคลากรสำหรับปีงบประมาณ %(year)s: %(count)s รายการ "
                "(เสนอในไตรมาสนี้ %(in_quarter)s รายการ) ประมาณการรวม %(amount)s บาท"
            )
            % {
                "year": p.digits(proposals["fiscal_year"]),
                "count": p.count(proposals["count"]),
                "in_quarter": p.count(proposals["in_quarter"]),
                "amount": p.money(Decimal(proposals["amount"])),
            }
            if proposals["count"]
            else _("ยังไม่มีข้อเสนอตั้งงบประมาณของบุคลากรสำหรับปีงบประมาณ %(year)s")
            % {"year": p.digits(proposals["fiscal_year"])}
        ),
    ]

    sections = [
        (
            _("ความก้าวหน้าการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ %(year)s")
            % {"year": year},
            progress,
        ),
        (_("สถิติเรื่องที่รับจากประชาชนและบุคลากร จำแนกตามช่องทาง"), case_blocks),
        (_("การติดตามผลการดำเนินการเรื่องร้องเรียน"), follow_blocks),
        (_("ความพึงพอใจของผู้รับบริการและผู้เข้าร่วมกิจกรรม"), [satisfaction]),
        (_("การฝึกอบรมด้านคุณธรรม จริยธรรม และการป้องกันการทุจริต"), [trainings]),
        (
            _("การสื่อสารกับบุคลากร: หนังสือเวียนและการประชุม"),
            [
                _subheading(_("หนังสือเวียน")),
                circulars,
                _subheading(_("การประชุมบุคลากร")),
                meetings,
            ],
        ),
        (_("การมีส่วนร่วมของบุคลากรในการใช้จ่ายและจัดทำงบประมาณ"), budget_blocks),
    ]
    return [
        {"number": p.digits(n), "title": title, "blocks": blocks}
        for n, (title, blocks) in enumerate(sections, start=1)
    ]


def quarterly_data(
    *, org: Organization, fiscal_year: int, quarter: int, thai_digits: bool = True
) -> dict[str, Any]:
    """Everything the quarterly report of `org` says about `quarter` of `fiscal_year`.

    Plain data: dates as ISO strings, percents as decimal strings, counts as
    ints; `sections` holds the same as printed (Thai digits unless
    `thai_digits` is false), for the PDF and HTML layouts.
    """
    if quarter not in QUARTERS:
        raise ReportError(_("ไตรมาสต้องเป็น 1 ถึง 4"))
    p = _Printer(thai_digits)
    start, end = quarter_range(fiscal_year, quarter)
    today = timezone.localdate()
    year = p.digits(fiscal_year)
    heading = _("ไตรมาสที่ %(quarter)s ประจำปีงบประมาณ พ.ศ. %(year)s") % {
        "quarter": p.digits(quarter),
        "year": year,
    }
    data: dict[str, Any] = {
        "kind": "quarterly",
        "org": {"slug": org.slug, "name": org.name_th, "short_name": org.short_name},
        "fiscal_year": fiscal_year,
        "quarter": quarter,
        "thai_digits": thai_digits,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "period": p.days(start, end),
        "quarter_label": quarter_label(fiscal_year, quarter, thai_digits=thai_digits),
        "as_of": p.date(today),
        "title": f"{TITLE} {org.name_th} {heading}",
        "title_lines": [*TITLE_LINES, org.name_th, heading],
        "measures": _measures(org, fiscal_year, start, end, p),
        "cases": _cases(org, start, end),
        "follow_through": _follow_through(org, start, end),
        "satisfaction": _satisfaction(org, start, end),
        "trainings": _trainings(org, start, end),
        "circulars": _circulars(org, start, end),
        "meetings": _meetings(org, start, end),
        "budget": _budget(org, fiscal_year, start, end),
        "filename": filename(org, fiscal_year, quarter),
    }
    if today <= end:
        data["note"] = _("ไตรมาสนี้ยังไม่สิ้นสุด ข้อมูล ณ วันที่ %(day)s") % {"day": data["as_of"]}
    else:
        data["note"] = _("ข้อมูล ณ วันที่ %(day)s") % {"day": data["as_of"]}
    data["sections"] = _sections(data, p)
    return data


def filename(org: Organization, fiscal_year: int, quarter: int) -> str:
    return f"quarterly-{org.slug}-{fiscal_year}-q{quarter}"


def render(data: dict[str, Any], fmt: str) -> Output:
    """The report as a PDF (A4 portrait, Sarabun) or a standalone HTML document."""
    if fmt == "pdf":
        from prongsai.typesetting import render_pdf

        content = render_pdf(TEMPLATE, data)
    elif fmt == "html":
        content = render_to_string("integrity/reports/document.html", {"report": data}).encode()
    else:
        raise ReportError(_("ไม่รู้จักรูปแบบไฟล์ “%(fmt)s”") % {"fmt": fmt})
    return Output(content=content, format=fmt, filename=f"{data['filename']}.{fmt}")


def build(
    org: Organization,
    year: int,
    fmt: str,
    *,
    thai_digits: bool = True,
    options: Mapping[str, Any] | None = None,
) -> Output:
    """The registry's builder: `report quarterly --org … --year … --quarter …`."""
    quarter = (options or {}).get("quarter")
    if quarter not in QUARTERS:
        raise ReportError(_("ไตรมาสต้องเป็น 1 ถึง 4"))
    if not 2500 <= year <= 2700:
        raise ReportError(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2566"))
    data = quarterly_data(org=org, fiscal_year=year, quarter=quarter, thai_digits=thai_digits)
    return render(data, fmt)


def register_kind() -> None:
    register(
        ReportKind(
            name="quarterly",
            label=_("รายงานผู้บริหารรายไตรมาส"),
            build=build,
            formats=FORMATS,
            options=(Option("quarter", "ไตรมาสที่ 1-4", type=int, choices=QUARTERS, required=True),),
        )
    )


# Keeping the reports.


def last_ended_quarter(today: date | None = None) -> tuple[int, int]:
    """(fiscal year, quarter) of the quarter that ended before the one `today` is in."""
    today = today or timezone.localdate()
    fiscal_year, quarter = fiscal_quarter(today)
    start, _end = quarter_range(fiscal_year, quarter)
    return fiscal_quarter(start - timedelta(days=1))


def store_report(*, org: Organization, fiscal_year: int, quarter: int) -> QuarterlyReport:
    """Write the quarter's PDF and keep it as the org's one report of that quarter.

    Running it again replaces the file and the time it was made; the old file
    is deleted only once the new one is committed.
    """
    data = quarterly_data(org=org, fiscal_year=fiscal_year, quarter=quarter)
    output = render(data, "pdf")
    with transaction.atomic():
        report, _created = QuarterlyReport.objects.select_for_update().get_or_create(
            org=org, fiscal_year=fiscal_year, quarter=quarter
        )
        old = report.pdf.name
        report.pdf.save(output.filename, ContentFile(output.content), save=False)
        report.generated_at = timezone.now()
        report.save()
        if old and old != report.pdf.name:
            storage = report.pdf.storage
            transaction.on_commit(lambda: storage.delete(old))
    return report


def store_due_reports(
    *,
    orgs: Iterable[Organization] | None = None,
    fiscal_year: int | None = None,
    quarter: int | None = None,
) -> tuple[list[QuarterlyReport], list[Organization]]:
    """Store the report of a quarter (by default the one just ended) for each active org.

    Returns the stored reports and the orgs that failed: one org's failure is
    logged and does not stop the others.
    """
    if fiscal_year is None or quarter is None:
        fiscal_year, quarter = last_ended_quarter()
    if orgs is None:
        orgs = Organization.objects.filter(is_active=True).order_by("slug")
    stored, failed = [], []
    for org in orgs:
        try:
            stored.append(store_report(org=org, fiscal_year=fiscal_year, quarter=quarter))
        except Exception:
            log.exception("quarterly report %s %s Q%s failed", org.slug, fiscal_year, quarter)
            failed.append(org)
    return stored, failed
