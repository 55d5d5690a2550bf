"""The measures report as an editable Word document, written by python-docx from `report_data`.

A real table with the report's columns: the header row repeats on every page
(`w:tblHeader`) and each measure's cell is merged down its steps' rows
(`w:vMerge`), so Word continues it across pages with an empty first cell.
"""

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

# What Thai official documents are typed in; Word falls back to it for Thai script too.
FONT = "TH Sarabun New"
SIZE = Pt(16)
PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
MARGIN = Mm(12)
HEADER_FILL = "D9D9D9"


def _font(style_or_run: Any, *, size=SIZE, bold: bool | None = None) -> None:
    """Set Latin and complex-script (Thai) font and size alike: Word uses the latter for Thai."""
    font = style_or_run.font
    font.name = FONT
    font.size = size
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()  # a style's or a run's <w:rPr>
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        rpr.append(size_cs)
    size_cs.set(qn("w:val"), str(int(size.pt * 2)))
    if bold:
        rpr.append(OxmlElement("w:bCs"))
    # Thai proofing and line breaking.
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")


def _paragraphs(cell, lines: list[str], *, bold: bool = False, align=None) -> None:
    """Write one paragraph per line into a cell (whose first paragraph exists already)."""
    for n, line in enumerate(lines or [""]):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(line)
        if bold:
            run.bold = True
            run._r.get_or_add_rPr().append(OxmlElement("w:bCs"))


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _fixed_layout(table) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def render(data: dict[str, Any]) -> bytes:
    """A4 landscape, TH Sarabun New 16 pt, one editable table."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    normal = document.styles["Normal"]
    _font(normal)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    document.core_properties.title = data["title"]
    document.core_properties.author = data["org"]["name"]

    for line in data["title_lines"]:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        _font(run, size=Pt(18), bold=True)
    for line in data["intro"]:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.first_line_indent = Mm(12)
        paragraph.paragraph_format.space_after = Pt(6)

    widths = data["widths"]
    room = PAGE_WIDTH - 2 * MARGIN
    column_widths = [int(room * w / sum(widths)) for w in widths]
    rows = 1 + sum(max(1, len(m["steps"])) for m in data["measures"])
    table = document.add_table(rows=rows, cols=len(data["columns"]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table)
    for column, width in zip(table.columns, column_widths, strict=True):
        column.width = width  # the grid Word lays a fixed table out by
    # python-docx finds a cell by laying out the whole grid: take each row's cells once.
    grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for row in grid:
        for cell, width in zip(row, column_widths, strict=True):
            cell.width = width

    _repeat_header(table.rows[0])
    for cell, label in zip(grid[0], data["columns"], strict=True):
        _paragraphs(cell, [label], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _shade(cell, HEADER_FILL)

    at = 1
    for measure in data["measures"]:
        span = max(1, len(measure["steps"]))
        if span > 1:
            # The measure's cell runs down its steps' rows; Word continues it across pages.
            grid[at][0]._tc.vMerge = "restart"
            for row in grid[at + 1 : at + span]:
                row[0]._tc.vMerge = "continue"
        _paragraphs(grid[at][0], measure["heading"])
        for offset, step in enumerate(measure["steps"]):
            cells = grid[at + offset]
            for column, lines in enumerate(step["cells"], start=1):
                align = WD_ALIGN_PARAGRAPH.CENTER if column == 3 else None
                _paragraphs(cells[column], lines, align=align)
        at += span

    # Plain black text on white, whatever the template's theme.
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = RGBColor(0, 0, 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
