"""A survey's responses as a spreadsheet: one row per response, one column per question.

Cells typed by respondents are untrusted: a text starting with "=", "+", "-" or
"@" would run as a formula when the file is opened in a spreadsheet program
(formula or "CSV injection"). In CSV such a cell gets a leading apostrophe; in
XLSX it is stored as a string marked with Excel's own quote prefix, so it shows
exactly as typed and never runs.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from prongsai import thai
from prongsai.surveys import selectors
from prongsai.surveys.models import Answer, Question, Survey

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")
# Characters that make a spreadsheet read a cell as a formula (tab and CR too, per OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MULTIPLE_JOIN = ", "
_FONT = "TH Sarabun New"

Cell = str | int | Decimal | datetime | None


@dataclass
class ResponseTable:
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    # Facts about the export (org, period, counts), for the XLSX's second sheet.
    about: list[tuple[str, Cell]] = field(default_factory=list)


def looks_like_formula(value: str) -> bool:
    return value.startswith(_FORMULA_START)


def neutralise(value: Cell) -> Cell:
    """A text cell that a spreadsheet would run as a formula, made plain text for CSV."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def response_table(
    *,
    survey: Survey,
    start: date | None = None,
    end: date | None = None,
    with_contact: bool = False,
) -> ResponseTable:
    """The survey's responses in the period, oldest first, in three queries.

    Contact columns appear only when `with_contact` is asked and the survey asks
    for contact data; the caller decides who may see them.
    """
    questions = list(survey.questions.all())
    responses = list(
        selectors.responses_in(survey=survey, start=start, end=end).order_by("submitted_at", "pk")
    )
    answers = (
        Answer.objects.filter(
            response__in=selectors.responses_in(survey=survey, start=start, end=end).values("pk")
        )
        .order_by("choice__order", "choice__pk", "pk")
        .values_list("response_id", "question_id", "score", "choice__label", "text")
    )
    cells: dict[tuple[int, int], list] = {}
    for response_id, question_id, score, label, text in answers:
        value = score if score is not None else label if label is not None else text
        cells.setdefault((response_id, question_id), []).append(value)

    contact = with_contact and survey.asks_contact
    headers = [_("ที่"), _("วันเวลาที่ตอบ"), _("คะแนนเฉลี่ย (1–5)")]
    headers += [question.text for question in questions]
    if contact:
        headers += [_("ชื่อผู้ตอบ"), _("โทรศัพท์"), _("อีเมล"), _("ยินยอมให้ใช้ข้อมูลเมื่อ")]
    table = ResponseTable(title=survey.title, headers=headers)
    for n, response in enumerate(responses, start=1):
        row: list[Cell] = [n, _local(response.submitted_at), response.score]
        for question in questions:
            row.append(_cell(question, cells.get((response.pk, question.pk), [])))
        if contact:
            row += [
                response.contact_name,
                response.contact_phone,
                response.contact_email,
                _local(response.consent_at),
            ]
        table.rows.append(row)

    result = selectors.satisfaction(survey=survey, start=start, end=end)
    table.about = [
        (_("หน่วยงาน"), survey.org.name_th),
        (_("แบบสำรวจ"), survey.title),
        (_("ช่วงเวลา"), period_text(start, end)),
        (_("จำนวนผู้ตอบ"), result.responses),
        (_("คะแนนเฉลี่ย (1–5)"), result.mean),
        (_("ร้อยละความพึงพอใจ"), result.percent),
        (_("วิธีคิดร้อยละ"), str(survey.get_formula_display())),
        (_("ส่งออกเมื่อ"), _local(timezone.now())),
    ]
    return table


def _local(moment: datetime | None) -> datetime | None:
    # Spreadsheets know no time zones: write the local time people saw.
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


def _cell(question: Question, values: list) -> Cell:
    if not values:
        return None
    if question.kind == Question.Kind.MULTIPLE:
        return _MULTIPLE_JOIN.join(str(v) for v in values)
    return values[0]


def period_text(start: date | None, end: date | None) -> str:
    if start and end:
        return thai.format_date_range(start, end, thai_digits=False)
    if start:
        return _("ตั้งแต่ %(date)s") % {"date": thai.format_date(start, thai_digits=False)}
    if end:
        return _("จนถึง %(date)s") % {"date": thai.format_date(end, thai_digits=False)}
    return _("ทั้งหมด")


def _csv_value(value: Cell) -> Cell:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return neutralise(value)


def to_csv(table: ResponseTable) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Thai text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([_csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _put(sheet, row: int, column: int, value: Cell):
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Decimal):
        value = float(value)
    cell.value = value
    if isinstance(value, str):
        # openpyxl reads a text starting with "=" as a formula; keep it text.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    return cell


def to_xlsx(table: ResponseTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("คำตอบ")
    for column, header in enumerate(table.headers, start=1):
        cell = _put(sheet, 1, column, header)
        cell.font = Font(name=_FONT, size=14, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, row_number, column, value).font = Font(name=_FONT, size=14)
    sheet.freeze_panes = "B2"
    for column, header in enumerate(table.headers, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(_width(header) + 2, 10), 40
        )
    sheet.column_dimensions["B"].width = 18

    about = workbook.create_sheet(_("ข้อมูลแบบสำรวจ"))
    for row_number, (label, value) in enumerate(table.about, start=1):
        _put(about, row_number, 1, label).font = Font(name=_FONT, size=14, bold=True)
        _put(about, row_number, 2, value).font = Font(name=_FONT, size=14)
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 60

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _width(text: str) -> int:
    """Columns a text takes: Thai vowels and tone marks above or below a letter take none."""
    return sum(1 for char in text if unicodedata.category(char) != "Mn")
