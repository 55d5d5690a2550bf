"""A file that cannot be read gets a clear message naming the row, and nothing is written."""

import io
from pathlib import Path

import docx
import pytest

from prongsai.ita.importing import ReportError, import_report
from prongsai.ita.models import Measure, Plan, Step
from prongsai.ita.tests.test_import_formats import COLUMN_NAMES, render_html
from prongsai.orgs.models import AuditEvent

FILES = Path(__file__).parent / "files"
HEADER = "\t".join(COLUMN_NAMES)


def counts():
    return (
        Plan.objects.count(),
        Measure.objects.count(),
        Step.objects.count(),
        AuditEvent.objects.count(),
    )


def refused(org, data: bytes, filename: str, year: int = 2566) -> list[str]:
    before = counts()
    with pytest.raises(ReportError) as raised:
        import_report(org=org, fiscal_year=year, data=data, filename=filename)
    assert counts() == before
    return raised.value.messages


def test_it_names_the_row_with_the_wrong_number_of_cells(org):
    [message] = refused(org, (FILES / "o43-wrong-columns.tsv").read_bytes(), "o43.tsv")
    assert message.startswith("บรรทัดที่ 3:")
    assert "4 ช่อง" in message and "6 ช่อง" in message


def test_it_names_the_row_and_text_of_an_unreadable_period(org):
    [message] = refused(org, (FILES / "o43-bad-period.txt").read_bytes(), "o43.txt")
    assert message.startswith("บรรทัดที่ 3:")
    assert "“เร็ว ๆ นี้”" in message


def test_it_refuses_a_period_outside_the_fiscal_year(org):
    data = f"{HEADER}\n๑. มาตรการ (IIT)\tวิธีการ\t-\tต.ค.-ธ.ค. ๖๖\t\t\n".encode()
    message, hint = refused(org, data, "plan.txt", year=2566)
    assert message.startswith("บรรทัดที่ 2:")
    assert "“ต.ค.-ธ.ค. ๖๖” อยู่นอกปีงบประมาณ 2566" in message
    assert "ระยะเวลาในไฟล์อยู่ในปีงบประมาณ 2567" in hint


def test_it_lists_every_bad_row_at_once(org):
    data = (f"{HEADER}\n๑. ก (IIT)\tวิธี\t-\tไม่ทราบ\t\t\n๒. ข (IIT)\tวิธี\t-\tม.ค.-มี.ค. ๖๖\n").encode()
    messages = refused(org, data, "plan.txt")
    assert [m.split(":")[0] for m in messages] == ["บรรทัดที่ 2", "บรรทัดที่ 3"]


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "empty.txt", "ไฟล์ว่าง"),
        (b"  \n\n", "blank.tsv", "ไฟล์ว่าง"),
        (bytes(range(256)) * 8, "garbage.txt", "อ่านไฟล์นี้เป็นข้อความไม่ได้"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image.tsv", "อ่านไฟล์นี้เป็นข้อความไม่ได้"),
        (b"not a zip at all", "report.docx", "ไม่ใช่ไฟล์ Word"),
        (b"PK\x03\x04broken", "report.docx", "ไม่ใช่ไฟล์ Word"),
        (b"<html><body><p>hello</p></body></html>", "page.html", "ไม่พบตาราง"),
        (
            b"<html><body><table><tr><td>a</td><td>b</td></tr></table></body></html>",
            "page.htm",
            "ไม่พบตารางที่มีหัวตาราง",
        ),
        (b"just some text\nwith no table\n", "notes.txt", "ไม่พบแถวหัวตาราง"),
        (b"a,b,c\n1,2,3\n", "data.csv", "รับเฉพาะไฟล์"),
    ],
)
def test_it_refuses_broken_files(org, data, filename, expected):
    messages = refused(org, data, filename)
    assert any(expected in message for message in messages), messages


def test_it_refuses_a_header_only_file(org):
    [message] = refused(org, (FILES / "o42-header-only.tsv").read_bytes(), "o42.tsv")
    assert "ไม่มีมาตรการ" in message


def test_it_refuses_data_before_the_header(org):
    data = f"๑. มาตรการ\tวิธี\t-\t\t\t\n{HEADER}\n".encode()
    [message] = refused(org, data, "plan.txt")
    assert message.startswith("บรรทัดที่ 1:")


def test_it_refuses_a_continuation_row_with_no_measure_before_it(org):
    data = f"{HEADER}\n\tวิธี\t-\t\t\t\n".encode()
    [message] = refused(org, data, "plan.txt")
    assert message.startswith("บรรทัดที่ 2:") and "ยังไม่มีมาตรการก่อนหน้า" in message


def test_it_refuses_duplicate_measure_numbers(org):
    data = f"{HEADER}\n๑. ก\tวิธี\t\t\t\t\n1. ข\tวิธี\t\t\t\t\n".encode()
    [message] = refused(org, data, "plan.txt")
    assert message.startswith("บรรทัดที่ 3:") and "ซ้ำ" in message


def test_it_refuses_a_zip_that_is_not_named_docx(org):
    out = io.BytesIO()
    docx.Document().save(out)
    [message] = refused(org, out.getvalue(), "report.txt")
    assert "ไฟล์ Word" in message


def test_it_refuses_a_docx_without_a_report_table(org):
    document = docx.Document()
    document.add_paragraph("ไม่มีตาราง")
    out = io.BytesIO()
    document.save(out)
    [message] = refused(org, out.getvalue(), "report.docx")
    assert "ไม่พบตาราง" in message


def test_an_html_error_names_the_table_and_row(org):
    tables = [[[["๑. ก (EIT)"], ["วิธี"], [], ["ภายหลัง"], [], []]]]
    [message] = refused(org, render_html("t", "i", tables), "plan.html")
    assert message.startswith("ตารางที่ 1 แถวที่ 2:")
    assert "“ภายหลัง”" in message


def test_a_broken_row_after_good_ones_writes_nothing(org):
    data = (
        f"{HEADER}\n๑. ก (IIT)\tวิธี\t-\tม.ค.-มี.ค. ๖๖\t\t\n"
        f"๒. ข (IIT)\tวิธี\t-\tม.ค.-มี.ค. ๖๖\t\t\t\tเกิน\n"
    ).encode()
    [message] = refused(org, data, "plan.txt")
    assert message.startswith("บรรทัดที่ 3:")
