"""The same report as DOCX, HTML or tab-separated text imports to the same structure."""

import html
import io

import docx
from docx.enum.text import WD_BREAK

from prongsai.ita.importing import parse_report
from prongsai.ita.importing.tsv import read_tsv
from prongsai.ita.tests.test_import_reference import REFERENCE, reference_report

COLUMN_NAMES = [
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "ผลการดำเนินการ",
    "ข้อเสนอแนะ",
]


def pages(rows: list[list[list[str]]], width: int = 6) -> list[list[list[list[str]]]]:
    """Rows cut into tables ("pages"), each starting with the header row."""
    tables: list = []
    for cells in rows:
        if [" ".join(cell) for cell in cells[:2]] == COLUMN_NAMES[:2]:
            tables.append([])
        else:
            if not tables:
                tables.append([])
            tables[-1].append(cells)
    return tables


def render_tsv(title: str, intro: str, tables, width: int = 6) -> bytes:
    lines = [f"**{title}**", "", intro, ""]
    for table in tables:
        lines.append("\t".join(COLUMN_NAMES[:width]))
        for cells in table:
            lines.append(
                "\t".join(
                    " ".join(f"<p>{text}</p>" for text in cell) if len(cell) != 1 else cell[0]
                    for cell in cells
                )
            )
        lines.append("")
    return "\n".join(lines).encode()


def render_html(title: str, intro: str, tables, width: int = 6) -> bytes:
    parts = [f"<!doctype html><html><body><h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p>"]
    for table in tables:
        parts.append("<table><tr>")
        parts += [f"<th>{name}</th>" for name in COLUMN_NAMES[:width]]
        parts.append("</tr>")
        for cells in table:
            parts.append("<tr>")
            for cell in cells:
                inner = "".join(f"<p>{html.escape(text)}</p>" for text in cell)
                parts.append(f"<td>{inner}</td>")
            parts.append("</tr>")
        parts.append("</table><p>&nbsp;</p>")
    parts.append("</body></html>")
    return "".join(parts).encode()


def render_docx(title: str, intro: str, tables, width: int = 6, merge: bool = False) -> bytes:
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(intro)
    for table_rows in tables:
        table = document.add_table(rows=1 + len(table_rows), cols=width)
        for index, name in enumerate(COLUMN_NAMES[:width]):
            table.cell(0, index).text = name
        for row_index, cells in enumerate(table_rows, 1):
            for column, cell in enumerate(cells):
                target = table.cell(row_index, column)
                for number, text in enumerate(cell):
                    paragraph = target.paragraphs[0] if number == 0 else target.add_paragraph()
                    paragraph.add_run(text)
        if merge:
            # A measure's later rows merge into its title cell, as Word users do.
            for row_index in range(2, 1 + len(table_rows)):
                if not table_rows[row_index - 1][0]:
                    top = row_index - 1
                    while top > 1 and not table_rows[top - 1][0]:
                        top -= 1
                    table.cell(top, 0).merge(table.cell(row_index, 0))
        document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def reference_tables():
    document = read_tsv(REFERENCE.read_text(encoding="utf-8"))
    return pages([row.cells for row in document.rows])


def parse(data: bytes, filename: str, year: int = 2566):
    return parse_report(data, fiscal_year=year, filename=filename)


def test_the_reference_as_docx_imports_to_the_same_structure():
    expected = reference_report()
    data = render_docx(expected.title, expected.intro, reference_tables())
    report = parse(data, "o43.docx")
    assert report.measures == expected.measures
    assert report.intro == expected.intro


def test_the_reference_as_html_imports_to_the_same_structure():
    expected = reference_report()
    data = render_html(expected.title, expected.intro, reference_tables())
    report = parse(data, "o43.html")
    assert report.measures == expected.measures
    assert report.intro == expected.intro


def test_the_reference_rendered_back_to_tsv_imports_to_the_same_structure():
    expected = reference_report()
    report = parse(render_tsv("ชื่อ", expected.intro, reference_tables()), "o43.tsv")
    assert report.measures == expected.measures


def test_a_vertically_merged_measure_cell_continues_the_measure():
    rows = [
        [["๑. มาตรการแรก (IIT)"], ["๑.วิธีแรก"], ["-กองคลัง"], ["มี.ค.-เม.ย. ๖๖"], ["ผลแรก"], []],
        [[], ["๒.วิธีที่สอง"], ["-กองช่าง"], ["ม.ค.-ก.ย. ๖๖"], ["ผลที่สอง"], ["ควรทำต่อ"]],
        [[], [], [], [], ["ผลเพิ่ม"], []],
        [["๒. มาตรการที่สอง (EIT)"], ["วิธีเดียว"], [], [], [], []],
    ]
    merged = parse(render_docx("แผน", "บทนำ", [rows], merge=True), "plan.docx")
    plain = parse(render_docx("แผน", "บทนำ", [rows]), "plan.docx")
    assert merged.measures == plain.measures
    assert [len(m.steps) for m in merged.measures] == [2, 1]
    assert merged.measures[0].steps[1].result == "ผลที่สอง\nผลเพิ่ม"


def test_docx_line_breaks_and_full_width_rows():
    document = docx.Document()
    document.add_paragraph("แผนปฏิบัติการ").runs[0].bold = True
    table = document.add_table(rows=3, cols=4)
    for index, name in enumerate(COLUMN_NAMES[:4]):
        table.cell(0, index).text = name
    note = table.cell(1, 0).merge(table.cell(1, 3))
    note.text = "ด้านที่ ๑ การป้องกันการทุจริต"
    table.cell(2, 0).text = "3) เผยแพร่ข้อมูล (OIT)"
    run = table.cell(2, 1).paragraphs[0].add_run("๑.วิธีแรก")
    run.add_break(WD_BREAK.LINE)
    run.add_text("๒.วิธีที่สอง")
    table.cell(2, 3).text = "ต.ค.-ธ.ค. ๖๕"
    out = io.BytesIO()
    document.save(out)
    report = parse(out.getvalue(), "plan.docx")
    assert report.title == "แผนปฏิบัติการ"
    [measure] = report.measures
    assert (measure.number, measure.title, measure.tools) == (3, "เผยแพร่ข้อมูล", ["OIT"])
    assert [step.method for step in measure.steps] == ["๑.วิธีแรก", "๒.วิธีที่สอง"]
    assert measure.steps[0].period_label == "ต.ค.-ธ.ค. ๖๕"
    assert any("ด้านที่ ๑" in warning for warning in report.warnings)


def test_html_with_rowspan_colspan_and_an_o42_header(settings):
    from pathlib import Path

    data = (Path(__file__).parent / "files" / "o42-plan.html").read_bytes()
    report = parse(data, "o42-plan.html", year=2567)
    assert report.title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    assert report.intro == "องค์การบริหารส่วนตำบลตัวอย่าง ได้กำหนดมาตรการดังนี้"
    first, second = report.measures
    assert (first.number, first.title, first.tools) == (1, "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", ["OIT"])
    assert [s.method for s in first.steps] == [
        "๑.เผยแพร่แผนจัดซื้อจัดจ้างทางเว็บไซต์",
        "๒.สรุปผลการจัดซื้อจัดจ้างรายเดือน",
    ]
    assert first.steps[1].responsible == "-กองคลัง\n-ผู้ดูแลเว็บไซต์"
    # "ตลอดปีงบประมาณ" is the whole fiscal year.
    assert first.steps[1].period_label == "ตลอดปีงบประมาณ"
    assert (first.steps[1].start_month.isoformat(), first.steps[1].end_month.isoformat()) == (
        "2023-10-01",
        "2024-09-01",
    )
    assert second.steps[0].method == "จัดเวทีประชาคม & รับฟังความคิดเห็น"
    assert second.steps[0].period_label == "ม.ค.-มี.ค. 2567"
    assert (second.steps[0].result, second.steps[0].suggestion) == ("", "")
    assert any("หมายเหตุ" in warning for warning in report.warnings)


def test_utf16_spreadsheet_export_with_quoted_multiline_cells():
    text = (
        "\t".join(COLUMN_NAMES)
        + '\r\n๑. มาตรการ (IIT)\t"๑.วิธีแรก\r\n๒.วิธีที่สอง"\t"-กองคลัง\r\n-กองช่าง"\tม.ค.-ก.ย. ๖๖\t\t\r\n'
    )
    report = parse(text.encode("utf-16"), "export.txt")
    steps = report.measures[0].steps
    assert [(s.method, s.responsible) for s in steps] == [
        ("๑.วิธีแรก", "-กองคลัง"),
        ("๒.วิธีที่สอง", "-กองช่าง"),
    ]
    assert steps[0].period_label == "ม.ค.-ก.ย. ๖๖"
    assert steps[1].period_label == ""
