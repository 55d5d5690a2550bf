"""Reading a report saved as DOCX: its tables (merged cells) and the paragraphs before them."""

import io
import zipfile

import docx
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from prongsai.ita.importing.model import Document, ReportError, Row
from prongsai.ita.importing.rows import paragraphs, table_rows

# A DOCX is a zip: refuse one that inflates past this (a "zip bomb"), or whose
# thousands of parts would take as long to list.
MAX_UNZIPPED_SIZE = 100 * 1024 * 1024
MAX_PARTS = 5000


def _cell_paragraphs(tc, parent) -> list[str]:
    # A soft line break (Shift+Enter) separates paragraphs as much as Enter does.
    texts = []
    for p in tc.iter(qn("w:p")):
        texts.extend(Paragraph(p, parent).text.split("\n"))
    return paragraphs(texts)


def _rows(tbl, parent) -> list[tuple[list[list[str]], bool]]:
    rows = []
    for tr in tbl.tr_lst:
        cells: list[list[str]] = [[] for _ in range(tr.grid_before)]
        spans = []
        for tc in tr.tc_lst:
            # The lower parts of a vertically merged cell continue the cell above.
            if tc.vMerge == "continue":
                cells.append([])
            else:
                cells.append(_cell_paragraphs(tc, parent))
            cells.extend([] for _ in range(tc.grid_span - 1))
            spans.append(tc.grid_span)
        full_width = len(spans) == 1 and spans[0] > 1
        rows.append((cells, full_width))
    return rows


def _is_heading(paragraph: Paragraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith(("Title", "Heading")):
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReportError(_("ไฟล์นี้ไม่ใช่ไฟล์ Word (.docx) ที่อ่านได้")) from None
    if "word/document.xml" not in names:
        raise ReportError(_("ไฟล์นี้ไม่ใช่ไฟล์ Word (.docx) ที่อ่านได้"))
    if size > MAX_UNZIPPED_SIZE or len(names) > MAX_PARTS:
        raise ReportError(_("ไฟล์ Word นี้ใหญ่เกินกว่าจะอ่านได้เมื่อคลายการบีบอัด"))


def read_docx(data: bytes) -> Document:
    """Read the report tables of a Word file; paragraphs before them are title and intro."""
    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds of errors for a broken package
        raise ReportError(_("ไฟล์นี้ไม่ใช่ไฟล์ Word (.docx) ที่อ่านได้")) from None
    body = document.element.body
    title: list[str] = []
    intro: list[str] = []
    rows: list[Row] = []
    warnings: list[str] = []
    width = None
    table_number = 0
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            if width is None:
                paragraph = Paragraph(child, document)
                texts = paragraphs(paragraph.text.split("\n"))
                if texts:
                    (title if _is_heading(paragraph) and not intro else intro).extend(texts)
            continue
        if child.tag != qn("w:tbl"):
            continue
        table_number += 1
        laid_out = _rows(child, document)
        width, found = table_rows(laid_out, table_number, width, warnings)
        rows += found
    if not table_number:
        raise ReportError(_("ไม่พบตารางในไฟล์ Word นี้"))
    if width is None:
        raise ReportError(_("ไม่พบตารางที่มีหัวตาราง “มาตรการ/แนวทาง | วิธีการดำเนินการ | …” ในไฟล์ Word นี้"))
    if not title and intro:
        title, intro = intro[:1], intro[1:]
    return Document("\n".join(title), "\n".join(intro), rows, warnings)
