"""The shared logic: table rows of report cells → measures and their steps.

The rules follow how LAOs export their O42/O43 reports:

- a row whose first cell is empty continues the previous measure;
- the i-th paragraph of the method cell is a step of its own; in the other
  columns, a cell with as many paragraphs as the row has methods gives
  paragraph i to step i, otherwise all its paragraphs go to the row's first
  step, one per line;
- a row without a method adds its paragraphs to the previous step;
- the measure's number and its tool tags "(IIT)", "(EIT)", "(OIT)" are read
  out of the title; periods are read as month ranges inside the fiscal year,
  and the printed text is kept as the period's label.
"""

import re
from contextlib import suppress
from datetime import date

from django.utils.translation import gettext as _

from prongsai.ita.importing.model import (
    Document,
    ParsedMeasure,
    ParsedReport,
    ParsedStep,
    ReportError,
    Row,
)
from prongsai.ita.models import TOOL_CODES, Step
from prongsai.thai.calendar import fiscal_year as fiscal_year_of
from prongsai.thai.calendar import fiscal_year_range
from prongsai.thai.digits import to_arabic_digits
from prongsai.thai.formatting import format_month_range
from prongsai.thai.parsing import ThaiParseError, parse_month_range

COLUMNS = ("title", "method", "responsible", "period", "result", "suggestion")
# How each column's header starts once spaces are removed ("ระยะเวลา ดำเนินการ").
HEADER_WORDS = ("มาตรการ", "วิธีการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ", "ข้อเสนอแนะ")
COLUMN_NAMES = (
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "ผลการดำเนินการ",
    "ข้อเสนอแนะ",
)
# An O42 plan stops after the period; an O43 report has all six columns.
MIN_COLUMNS = 4
MAX_ERRORS = 20
# Periods printed as "the whole fiscal year" rather than as months.
WHOLE_YEAR = re.compile(r"ตลอดปีงบประมาณ(?:\s*(?:พ\.?\s*ศ\.?)?\s*([0-9๐-๙]{2,4}))?")

_NUMBER = re.compile(r"^\s*([0-9๐-๙]{1,3})\s*[.)](?![0-9๐-๙])\s*")
_TOOL = r"(?:IIT|EIT|OIT)"
_TAG = re.compile(rf"\(\s*({_TOOL}(?:\s*(?:,|/|และ|&)\s*{_TOOL})*)\s*\)", re.IGNORECASE)
_BARE_TAGS = re.compile(rf"^\s*{_TOOL}(?:\s*(?:,|/|และ|&)?\s*{_TOOL})*\s*$", re.IGNORECASE)
_HEADER_MAX = 24
_PERIOD_LABEL_MAX = Step._meta.get_field("period_label").max_length


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space; Thai text itself is left as it is."""
    return " ".join(text.split())


def paragraphs(texts) -> list[str]:
    """Clean paragraphs: whitespace collapsed, empty ones dropped."""
    return [clean for clean in (normalise(text) for text in texts) if clean]


def header_width(row: Row) -> int | None:
    """The number of columns if `row` is the report's header row, else None."""
    words = ["".join("".join(cell).split()) for cell in row.cells]
    # Short cells only: a measure titled "มาตรการ…" with a method "วิธีการ…" is data.
    for index in (0, 1):
        if len(words) <= index or not words[index].startswith(HEADER_WORDS[index]):
            return None
        if len(words[index]) > _HEADER_MAX:
            return None
    while words and not words[-1]:
        words.pop()
    return len(words)


def table_rows(
    laid_out: list[tuple[list[list[str]], bool]],
    table_number: int,
    width: int | None,
    warnings: list[str],
) -> tuple[int | None, list[Row]]:
    """The rows of one table of a document, and the report's column count so far.

    A table before the report's first header row, or one without a header whose
    rows have another width, is no measures table: it is skipped with a warning.
    """
    widths = [header_width(Row(cells, "")) for cells, _full in laid_out]
    if width is None and not any(widths):
        if laid_out:
            warnings.append(
                _("ตารางที่ %(table)s ไม่มีแถวหัวตารางของรายงาน จึงข้ามไป") % {"table": table_number}
            )
        return width, []
    if not any(widths) and not any(len(cells) == width for cells, _full in laid_out):
        warnings.append(_("ตารางที่ %(table)s ไม่ใช่ตารางมาตรการ จึงข้ามไป") % {"table": table_number})
        return width, []
    rows = [
        Row(
            cells,
            _("ตารางที่ %(table)s แถวที่ %(row)s") % {"table": table_number, "row": number},
            full_width,
        )
        for number, (cells, full_width) in enumerate(laid_out, 1)
    ]
    return next((w for w in widths if w), width), rows


def _check_header(row: Row, width: int) -> list[str]:
    if not MIN_COLUMNS <= width <= len(COLUMNS):
        return [
            _("%(where)s: หัวตารางมี %(count)s คอลัมน์ แต่รายงาน O42/O43 มี 4 หรือ 6 คอลัมน์")
            % {"where": row.where, "count": width}
        ]
    errors = []
    for index in range(width):
        found = "".join("".join(row.cells[index]).split())
        if not found.startswith(HEADER_WORDS[index]):
            errors.append(
                _("%(where)s: คอลัมน์ที่ %(column)s ของหัวตารางควรเป็น “%(expected)s” แต่พบ “%(found)s”")
                % {
                    "where": row.where,
                    "column": index + 1,
                    "expected": COLUMN_NAMES[index],
                    "found": " ".join(row.cells[index]),
                }
            )
    return errors


def split_title(texts: list[str]) -> tuple[int | None, str, list[str]]:
    """(number, title without number and tags, tools) of a measure cell's paragraphs."""
    tools: list[str] = []
    kept: list[str] = []
    number = None
    for index, text in enumerate(texts):
        if index == 0:
            match = _NUMBER.match(text)
            if match:
                number = int(to_arabic_digits(match.group(1)))
                text = text[match.end() :]
        for found in _TAG.findall(text):
            tools.extend(re.findall(_TOOL, found, re.IGNORECASE))
        text = _TAG.sub(" ", text)
        if _BARE_TAGS.match(text):
            tools.extend(re.findall(_TOOL, text, re.IGNORECASE))
            continue
        if normalise(text):
            kept.append(normalise(text))
    wanted = {tool.upper() for tool in tools}
    return number, "\n".join(kept), [code for code in TOOL_CODES if code in wanted]


class OutsideYear(ThaiParseError):
    """A readable period outside the plan's fiscal year; `year` is the period's own."""

    def __init__(self, year: int, message: str):
        self.year = year
        super().__init__(message)


def read_period(text: str, fiscal_year: int) -> tuple[date, date]:
    """(first month, last month) of a printed period, each as the 1st of its month.

    Raises ThaiParseError with a Thai message when it is unreadable or outside the year.
    """
    first, last = fiscal_year_range(fiscal_year)
    whole = WHOLE_YEAR.fullmatch(text)
    if whole:
        year = whole.group(1)
        if year and int(to_arabic_digits(year)) % 100 != fiscal_year % 100:
            raise ThaiParseError(
                _("“%(text)s” ไม่ใช่ปีงบประมาณ %(year)s") % {"text": text, "year": fiscal_year}
            )
        return first, last.replace(day=1)
    start, end = parse_month_range(text)
    if start < first or end > last:
        raise OutsideYear(
            fiscal_year_of(start),
            _("“%(text)s” อยู่นอกปีงบประมาณ %(year)s (%(range)s)")
            % {
                "text": text,
                "year": fiscal_year,
                "range": format_month_range(first, last, thai_digits=False, full_year=True),
            },
        )
    return start, end.replace(day=1)


class _Builder:
    def __init__(self, fiscal_year: int):
        self.fiscal_year = fiscal_year
        self.measures: list[ParsedMeasure] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        # Fiscal years of the periods outside the plan's year, to suggest the right one.
        self.other_years: set[int] = set()

    def error(self, row: Row, message: str) -> None:
        self.errors.append(f"{row.where}: {message}")

    def row(self, row: Row, width: int) -> None:
        cells = row.cells
        extra = cells[width:]
        if any(extra):
            self.error(
                row,
                _("มี %(found)s ช่อง แต่หัวตารางมี %(width)s ช่อง")
                % {"found": len(cells), "width": width},
            )
            return
        if len(cells) < width:
            self.error(
                row,
                _("มี %(found)s ช่อง แต่หัวตารางมี %(width)s ช่อง")
                % {"found": len(cells), "width": width},
            )
            return
        columns = dict(zip(COLUMNS[:width], cells[:width], strict=True))
        if columns["title"]:
            self.start_measure(row, columns["title"])
        elif not self.measures:
            self.error(row, _("ช่องมาตรการ/แนวทางว่าง แต่ยังไม่มีมาตรการก่อนหน้าให้ต่อ"))
            return
        measure = self.measures[-1]
        methods = columns["method"]
        if methods:
            new_steps = [ParsedStep(method=method) for method in methods]
            self.fill(row, new_steps, columns, split=True)
            measure.steps.extend(new_steps)
        elif any(columns[name] for name in COLUMNS[2:width]):
            if not measure.steps:
                self.error(row, _("มีข้อความแต่ไม่มีวิธีการดำเนินการที่จะเพิ่มข้อความนี้ให้"))
                return
            self.fill(row, [measure.steps[-1]], columns, split=False)

    def start_measure(self, row: Row, texts: list[str]) -> None:
        number, title, tools = split_title(texts)
        if not title:
            self.error(row, _("ไม่พบชื่อมาตรการใน “%(text)s”") % {"text": " ".join(texts)})
        if number is None:
            number = (self.measures[-1].number if self.measures else 0) + 1
            self.warnings.append(
                _("%(where)s: มาตรการ “%(title)s” ไม่มีเลขลำดับ จึงให้เป็นข้อ %(number)s")
                % {"where": row.where, "title": title[:60], "number": number}
            )
        elif any(measure.number == number for measure in self.measures):
            self.error(row, _("เลขมาตรการ %(number)s ซ้ำกับมาตรการก่อนหน้า") % {"number": number})
        self.measures.append(ParsedMeasure(number=number, title=title, tools=tools, row=row.where))

    def fill(self, row: Row, steps: list[ParsedStep], columns: dict, *, split: bool) -> None:
        """Give each column's paragraphs to `steps`: one each, or all to the first."""
        for name in ("responsible", "period", "result", "suggestion"):
            texts = columns.get(name) or []
            if not texts:
                continue
            if name == "period":
                self.check_periods(row, texts)
            if split and len(texts) == len(steps):
                shares = [(step, [text]) for step, text in zip(steps, texts, strict=True)]
            else:
                shares = [(steps[0], texts)]
            for step, share in shares:
                self.append(row, step, name, share)

    def check_periods(self, row: Row, texts: list[str]) -> None:
        for text in texts:
            try:
                read_period(text, self.fiscal_year)
            except ThaiParseError as error:
                self.error(row, _("ระยะเวลาดำเนินการ: %(error)s") % {"error": error})
                if isinstance(error, OutsideYear):
                    self.other_years.add(error.year)

    def append(self, row: Row, step: ParsedStep, name: str, texts: list[str]) -> None:
        field = "period_label" if name == "period" else name
        joined = "\n".join(filter(None, [getattr(step, field), *texts]))
        if name == "period":
            if len(joined) > _PERIOD_LABEL_MAX:
                self.error(
                    row,
                    _("ระยะเวลาดำเนินการยาวเกิน %(max)s ตัวอักษร: “%(text)s”")
                    % {"max": _PERIOD_LABEL_MAX, "text": joined},
                )
                return
            if step.start_month is None:
                # An unreadable period was already reported by check_periods.
                with suppress(ThaiParseError):
                    step.start_month, step.end_month = read_period(texts[0], self.fiscal_year)
        setattr(step, field, joined)


def build_report(document: Document, *, fiscal_year: int) -> ParsedReport:
    """Turn a reader's rows into measures; raise ReportError listing every bad row."""
    builder = _Builder(fiscal_year)
    warnings = list(document.warnings)
    width = None
    for row in document.rows:
        if not any(row.cells):
            continue
        found = header_width(row)
        if found is not None:
            header_errors = _check_header(row, found)
            if header_errors:
                builder.errors.extend(header_errors)
                break
            width = found
            continue
        if width is None:
            builder.error(row, _("พบข้อมูลก่อนแถวหัวตาราง (มาตรการ/แนวทาง, วิธีการดำเนินการ, …)"))
            break
        if row.full_width or len(row.cells) == 1:
            warnings.append(
                _("%(where)s: ข้อความ “%(text)s” ไม่ได้อยู่ในช่องของตาราง จึงไม่ได้นำเข้า")
                % {
                    "where": row.where,
                    "text": " ".join(text for cell in row.cells for text in cell)[:80],
                }
            )
            continue
        builder.row(row, width)
        if len(builder.errors) >= MAX_ERRORS:
            break
    if builder.errors:
        if len(builder.other_years) == 1:
            builder.errors.append(
                _("ระยะเวลาในไฟล์อยู่ในปีงบประมาณ %(year)s: ตรวจสอบว่าเลือกปีงบประมาณตรงกับไฟล์")
                % {"year": builder.other_years.pop()}
            )
        raise ReportError(builder.errors)
    if width is None:
        raise ReportError(
            _("ไม่พบแถวหัวตาราง “มาตรการ/แนวทาง | วิธีการดำเนินการ | ผู้รับผิดชอบ | ระยะเวลาดำเนินการ …”")
        )
    if not builder.measures:
        raise ReportError(_("พบหัวตาราง แต่ไม่มีมาตรการในตาราง"))
    for measure in builder.measures:
        if not measure.steps:
            warnings.append(
                _("%(where)s: มาตรการข้อ %(number)s ไม่มีวิธีการดำเนินการ")
                % {"where": measure.row, "number": measure.number}
            )
    return ParsedReport(
        title=document.title,
        intro=document.intro,
        measures=builder.measures,
        warnings=warnings + builder.warnings,
    )
