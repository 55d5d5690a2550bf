"""The public complaint statistics of an org, as a page and as an Excel file.

Counts only: no case text, no reporter, and corruption complaints are one number
among the kinds. Bad query parameters fall back to the defaults with a notice.
"""

import unicodedata
from dataclasses import dataclass, field, replace
from io import BytesIO
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from prongsai import thai
from prongsai.inbox import statistics
from prongsai.inbox.statistics import CaseTable, FollowThroughTable
from prongsai.orgs.models import Organization

PERIOD_LABELS = {
    "month": _("รายเดือน"),
    "quarter": _("รายไตรมาส"),
    "half": _("รายครึ่งปี"),
    "year": _("ทั้งปีงบประมาณ"),
}
DEFAULT_PERIOD = "quarter"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Choice:
    """The fiscal year and period asked for, or the defaults where the request was unusable."""

    year: int
    period: str
    years: list[int]
    notices: list[Promise | str] = field(default_factory=list)


def _choice(request: HttpRequest, org: Organization) -> Choice:
    years = statistics.fiscal_years(org=org)
    choice = Choice(year=years[0], period=DEFAULT_PERIOD, years=years)
    raw_year = request.GET.get("year", "").strip()
    if raw_year:
        # People type the year in Thai digits as often as in Arabic ones.
        year = thai.to_arabic_digits(raw_year)
        if year.isascii() and year.isdigit() and int(year) in years:
            choice.year = int(year)
        else:
            choice.notices.append(
                _("ไม่มีสถิติของปีงบประมาณ “%(asked)s” จึงแสดงปีงบประมาณ %(year)s แทน")
                % {"asked": raw_year[:10], "year": choice.year}
            )
    raw_period = request.GET.get("period", "").strip()
    if raw_period in PERIOD_LABELS:
        choice.period = raw_period
    elif raw_period:
        choice.notices.append(
            _("ไม่รู้จักช่วงเวลาที่เลือก จึงแสดง%(period)s แทน") % {"period": PERIOD_LABELS[DEFAULT_PERIOD]}
        )
    return choice


def _tables(org: Organization, choice: Choice) -> tuple[CaseTable, CaseTable]:
    """Complaints per channel (what the ITA asks to publish), and every public case per kind.

    The staff's budget questions are neither a kind nor a channel of these tables.
    """
    by_channel = statistics.case_table(
        org=org,
        fiscal_year=choice.year,
        rows="channel",
        period=choice.period,
        kinds=statistics.COMPLAINT_KINDS,
    )
    by_kind = statistics.case_table(
        org=org,
        fiscal_year=choice.year,
        rows="kind",
        period=choice.period,
        kinds=statistics.PUBLIC_KINDS,
    )
    return _public_rows(by_channel, statistics.PUBLIC_CHANNELS), _public_rows(
        by_kind, statistics.PUBLIC_KINDS
    )


def _public_rows(table: CaseTable, keys: tuple[str, ...]) -> CaseTable:
    return replace(table, rows=tuple(row for row in table.rows if row.key in keys))


def _year_range(year: int) -> str:
    start, end = thai.fiscal_year_range(year)
    return thai.format_date_range(start, end, thai_digits=False)


def statistics_page(request: HttpRequest) -> HttpResponse:
    org = request.org
    choice = _choice(request, org)
    by_channel, by_kind = _tables(org, choice)
    follow_through = statistics.follow_through_table(org=org, fiscal_year=choice.year)
    query = urlencode({"year": choice.year, "period": choice.period})
    context = {
        "choice": choice,
        "periods": PERIOD_LABELS,
        "year_range": _year_range(choice.year),
        "by_channel": by_channel,
        "by_kind": by_kind,
        "follow_through": follow_through,
        "xlsx_url": f"{reverse('org:stats_xlsx', args=[org.slug])}?{query}",
    }
    return render(request, "inbox/statistics.html", context)


def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    org = request.org
    choice = _choice(request, org)
    by_channel, by_kind = _tables(org, choice)
    heading = _("%(org)s ปีงบประมาณ %(year)s (%(range)s) %(period)s") % {
        "org": org.name_th,
        "year": choice.year,
        "range": _year_range(choice.year),
        "period": PERIOD_LABELS[choice.period],
    }
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = [
        (_("ตามช่องทาง"), _("สถิติเรื่องร้องเรียนแยกตามช่องทาง"), _("ช่องทาง"), by_channel),
        (_("ตามประเภท"), _("สถิติเรื่องที่รับทั้งหมดแยกตามประเภท"), _("ประเภทเรื่อง"), by_kind),
    ]
    for name, title, row_heading, table in sheets:
        _write_sheet(workbook.create_sheet(str(name)), f"{title} {heading}", row_heading, table)
    year_heading = _("%(org)s ปีงบประมาณ %(year)s (%(range)s)") % {
        "org": org.name_th,
        "year": choice.year,
        "range": _year_range(choice.year),
    }
    _write_follow_through_sheet(
        workbook.create_sheet(str(_("การติดตามผล"))),
        f"{_('การติดตามผลการดำเนินการ')} {year_heading}",
        statistics.follow_through_table(org=org, fiscal_year=choice.year),
    )
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    filename = f"{org.slug}-cases-{choice.year}-{choice.period}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Official documents are set in TH Sarabun New; Excel falls back where it is missing.
_FONT = "TH Sarabun New"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Numbers stay numbers (sums and charts work), and zero shows as the dash reports print.
_COUNT_FORMAT = '#,##0;-#,##0;"–"'


def _write_sheet(sheet: Worksheet, title: str, row_heading: str, table: CaseTable) -> None:
    many = len(table.periods) > 1
    headers = [str(row_heading)]
    for period in table.periods:
        same = period.name == period.months
        headers.append(period.name if same else f"{period.name}\n{period.months}")
    if many:
        headers.append(str(_("รวม")))
    rows = [[row.label, *row.counts, *([row.total] if many else [])] for row in table.rows]
    rows.append([str(_("รวม")), *table.totals, *([table.total] if many else [])])
    _lay_out(sheet, title, headers, rows, [_COUNT_FORMAT] * (len(headers) - 1))


# The follow-through columns: (field, heading, number format). Counts print 0 as 0:
# a dash there would read as "no figure", which is what rates and medians of no case
# print instead, as text.
FOLLOW_THROUGH_COLUMNS = (
    ("received", _("เรื่องที่รับ"), "#,##0"),
    ("resolved", _("แก้ไขแล้วเสร็จ"), "#,##0"),
    ("resolution_rate", _("ร้อยละที่แก้ไขแล้วเสร็จ"), "0.0"),
    ("median_first_response_days", _("ตอบสนองครั้งแรก\n(มัธยฐาน วัน)"), "0.0"),
    ("median_resolve_days", _("แก้ไขแล้วเสร็จ\n(มัธยฐาน วัน)"), "0.0"),
    ("reopened", _("ผู้แจ้งขอเปิดใหม่"), "#,##0"),
    ("reopen_rate", _("ร้อยละที่ขอเปิดใหม่"), "0.0"),
)


def _write_follow_through_sheet(sheet: Worksheet, title: str, table: FollowThroughTable) -> None:
    headers = [str(_("ช่องทาง")), *(str(heading) for _f, heading, _n in FOLLOW_THROUGH_COLUMNS)]
    rows = []
    for label, figures in [*((r.label, r.figures) for r in table.rows), (_("รวม"), table.total)]:
        values = [getattr(figures, field) for field, _h, _n in FOLLOW_THROUGH_COLUMNS]
        rows.append([str(label), *("–" if value is None else value for value in values)])
    _lay_out(sheet, title, headers, rows, [fmt for _f, _h, fmt in FOLLOW_THROUGH_COLUMNS])


def _lay_out(
    sheet: Worksheet, title: str, headers: list[str], rows: list[list], formats: list[str]
) -> None:
    """A titled, dated, bordered table whose last row is its total, set for printing."""
    last_column = len(headers)
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_column)
    generated = thai.format_date(timezone.localdate(), thai_digits=False)
    sheet.append([str(_("ข้อมูล ณ วันที่ %(date)s") % {"date": generated})])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_column)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)

    header_row, total_row = 3, sheet.max_row
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.font = Font(name=_FONT, size=16, bold=cell.row in (1, header_row, total_row))
    for cells in sheet.iter_rows(min_row=header_row, max_row=total_row):
        for cell in cells:
            cell.border = _BORDER
            if cell.column > 1:
                cell.number_format = formats[cell.column - 2]
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet["A3"].alignment = Alignment(vertical="center")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)

    sheet.column_dimensions["A"].width = 4 + max(
        _width(text) for text in [headers[0], *(row[0] for row in rows)]
    )
    for n, header in enumerate(headers[1:], start=2):
        widest = max(_width(line) for line in header.split("\n"))
        sheet.column_dimensions[get_column_letter(n)].width = max(widest + 4, 10)
    lines = max(header.count("\n") + 1 for header in headers)
    sheet.row_dimensions[header_row].height = 24 * lines


def _width(text: str) -> int:
    """Columns a text takes: Thai vowels and tone marks above or below a letter take none."""
    return sum(1 for char in text if unicodedata.category(char) != "Mn")
