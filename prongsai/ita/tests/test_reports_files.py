"""The O43/O42 report as PDF (Typst), DOCX (python-docx) and HTML, and the `report` command."""

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from prongsai.ita.models import Measure, Plan, Step
from prongsai.ita.reports import docx as report_docx
from prongsai.ita.reports import html as report_html
from prongsai.ita.reports import pdf as report_pdf
from prongsai.ita.reports import samples
from prongsai.ita.reports.data import report_data

HOSTILE = ('#panic("x")', "]", "$x$", "<script>alert(1)</script>", "*bold* _em_ @ref \\")
PDFTOTEXT = shutil.which("pdftotext")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(content: bytes, *, layout: bool = False) -> str:
    if not PDFTOTEXT:
        pytest.skip("pdftotext (poppler-utils) is missing")
    mode = "-layout" if layout else "-raw"
    out = subprocess.run(
        [PDFTOTEXT, mode, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    # Poppler repeats a cluster whose tone mark Sarabun raises above ิ ึ ั (Typst marks
    # it with ActualText): "ถิ่ถิ่น" for "ถิ่น". Viewers show the page right; undo it here.
    return re.sub(r"([ก-ฮ][ัิึ][่-๋์])\1", r"\1", out)


def cell_texts(data) -> list[str]:
    texts = []
    for measure in data["measures"]:
        texts += measure["heading"]
        for step in measure["steps"]:
            for cell in step["cells"]:
                texts += cell
    return [t for t in texts if t]


def contains_in_pieces(haystack: str, needle: str, *, pieces: int = 4, least: int = 6) -> bool:
    """`needle` in order in `haystack`, in at most `pieces` runs (a page break splits a cell)."""
    at, rest = 0, needle
    for _ in range(pieces):
        if not rest:
            return True
        size = len(rest)
        while size and haystack.find(rest[:size], at) < 0:
            size -= 1
        if size < min(least, len(rest)):
            return False
        at = haystack.find(rest[:size], at) + size
        rest = rest[size:]
    return not rest


@pytest.fixture
def plan(org):
    return samples.reference_plan(org, 2566)


@pytest.fixture
def hostile_plan(org):
    plan = Plan.objects.create(org=org, fiscal_year=2567, intro=HOSTILE[0])
    measure = Measure.objects.create(plan=plan, number=1, title=" ".join(HOSTILE), tools=["OIT"])
    Step.objects.create(
        measure=measure,
        method="\n".join(HOSTILE),
        responsible=HOSTILE[1],
        period_label=HOSTILE[2],
        result=HOSTILE[3],
        suggestion=HOSTILE[4],
    )
    return plan


def test_the_pdf_holds_every_cell_with_thai_words_whole(plan):
    data = report_data(plan)
    content = report_pdf.render(data)
    assert content.startswith(b"%PDF")
    text = squash(pdf_text(content))
    for cell in [*data["title_lines"], *data["intro"], *cell_texts(data)]:
        assert contains_in_pieces(text, squash(cell)), cell
    # A word the line breaker split would be counted fewer times than it was written.
    source = "\n".join([*data["title_lines"], *data["intro"], *cell_texts(data)])
    layout = pdf_text(content, layout=True)
    for word in ("ความพึงพอใจ", "ประชาสัมพันธ์", "งบประมาณ", "ผู้ดูแล", "ไตรมาส", "ดำเนินการ"):
        assert layout.count(word) == source.count(word) + (word == "ดำเนินการ") * pages(content) * 3
    assert not re.search(r"[ก-๛]-\n", layout)  # no hyphenated Thai


def pdf_info(content: bytes) -> str:
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is missing")
    return subprocess.run(["pdfinfo", "-"], input=content, capture_output=True).stdout.decode()


def pages(content: bytes) -> int:
    return int(re.search(r"Pages:\s+(\d+)", pdf_info(content))[1])


def test_the_pdf_is_a4_landscape_with_the_header_and_thai_page_numbers_on_every_page(plan):
    content = report_pdf.render(report_data(samples.long_plan(plan.org, 2567, measures=8)))
    info = pdf_info(content)
    assert "841.89 x 595.276" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert pages >= 3
    for page in range(1, pages + 1):
        one = subprocess.run(
            [PDFTOTEXT, "-f", str(page), "-l", str(page), "-raw", "-", "-"],
            input=content,
            capture_output=True,
        ).stdout.decode()
        assert "วิธีการดำเนินการ" in one and "ข้อเสนอแนะ" in one
        assert f"หน้า {'๐๑๒๓๔๕๖๗๘๙'[page]}" in one if page < 10 else True


def test_the_pdf_digits_follow_the_option(plan):
    thai = pdf_text(report_pdf.render(report_data(plan)))
    arabic = pdf_text(report_pdf.render(report_data(plan, thai_digits=False)))
    assert "พ.ศ.๒๕๖๖" in thai and "หน้า ๑ /" in thai and "๑.การใช้ทรัพย์สิน" in squash(thai)
    assert "พ.ศ.2566" in arabic and "หน้า 1 /" in arabic and "1.การใช้ทรัพย์สิน" in squash(arabic)


def test_hostile_text_stays_literal_everywhere(hostile_plan):
    data = report_data(hostile_plan)
    text = squash(pdf_text(report_pdf.render(data)))
    for piece in HOSTILE:
        assert squash(piece) in text
    document = Document(io.BytesIO(report_docx.render(data)))
    cells = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    for piece in HOSTILE:
        assert piece in cells
    page = report_html.render_document(data)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "#panic(&quot;x&quot;)" in page


def test_the_docx_has_a_real_table_with_merged_measures_and_a_repeating_header(plan):
    data = report_data(plan)
    content = report_docx.render(data)
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert section.page_width > section.page_height
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells] == data["columns"]
    assert len(table.rows) == 1 + 13
    # A merged cell answers for every row it spans.
    assert table.cell(1, 0).text == table.cell(2, 0).text == "๑. การใช้ทรัพย์สินของทางราชการ (IIT)"
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert xml.count("<w:tblHeader") == 1
    # Five measures have several steps (2, 2, 2, 2 and 4); the fifth has one.
    assert xml.count('<w:vMerge w:val="restart"/>') == 5
    assert xml.count("<w:vMerge/>") == 1 + 1 + 1 + 1 + 3
    assert 'w:cs="TH Sarabun New"' in xml and '<w:szCs w:val="32"/>' in document.styles.element.xml
    everything = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for row in table.rows for cell in row.cells
    )
    for cell in [*data["title_lines"], *cell_texts(data)]:
        assert cell in everything


def test_the_o42_files_have_four_columns(plan):
    data = report_data(plan, "o42")
    [table] = Document(io.BytesIO(report_docx.render(data))).tables
    assert len(table.columns) == 4
    page = report_html.render_document(data)
    assert page.count('<th scope="col">') == 4
    text = pdf_text(report_pdf.render(data))
    assert "ผลการดำเนินการ" not in text.replace("ระยะเวลาดำเนินการ", "").replace("วิธีการดำเนินการ", "")


def test_the_html_file_holds_every_cell(plan):
    data = report_data(plan)
    page = report_html.render_document(data)
    assert page.count('rowspan="2"') == 4 and 'rowspan="4"' in page
    for cell in cell_texts(data):
        assert cell.replace("&", "&amp;") in page


def test_the_command_writes_each_format(plan, tmp_path):
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!doctype html>")):
        out = tmp_path / f"o43.{fmt}"
        call_command(
            "report", "o43", org=plan.org.slug, year=2566, format=fmt, out=str(out), verbosity=0
        )
        assert out.read_bytes().startswith(magic)
    out = tmp_path / "o42.html"
    call_command(
        "report", "o42", "--org", plan.org.slug, "--year", "2566", "--format", "html",
        "--arabic-digits", "--out", str(out), verbosity=0,
    )  # fmt: skip
    assert "พ.ศ.2566" in out.read_text()


def test_the_command_says_what_is_wrong(plan, tmp_path):
    out = str(tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        call_command("report", "o43", org="nowhere", year=2566, out=out)
    with pytest.raises(CommandError, match="ยังไม่มีแผนมาตรการของปีงบประมาณ 2570"):
        call_command("report", "o43", org=plan.org.slug, year=2570, out=out)
    with pytest.raises(CommandError, match="ไม่รู้จักรายงาน"):
        call_command("report", "o99", org=plan.org.slug, year=2566, out=out)


def test_a_registered_kind_gets_its_own_options():
    from prongsai.ita.reports import registry

    def quarterly(org, year, fmt, *, thai_digits, options):
        return registry.Output(f"Q{options['quarter']}".encode(), fmt, "q.html")

    real = registry.get("quarterly")  # the staff side registers its own
    registry.register(
        registry.ReportKind(
            "quarterly",
            "รายไตรมาส",
            quarterly,
            formats=("pdf", "html"),
            options=(registry.Option("quarter", "ไตรมาส", type=int, required=True),),
        )
    )
    try:
        assert registry.build("quarterly", None, 2566, "html", options={"quarter": 2}).content == (
            b"Q2"
        )
        with pytest.raises(registry.ReportError, match="--quarter"):
            registry.build("quarterly", None, 2566, "html")
        with pytest.raises(registry.ReportError, match="docx"):
            registry.build("quarterly", None, 2566, "docx", options={"quarter": 2})
        with pytest.raises(registry.ReportError, match="--quarter"):
            registry.build("o43", None, 2566, "pdf", options={"quarter": 2})
    finally:
        registry._registry.pop("quarterly")
        if real is not None:
            registry.register(real)
