"""The quarterly executive report tells how the quarter's complaints were followed through."""

from datetime import timedelta

import pytest

from prongsai.inbox.tests.timelines import at, days, make_case
from prongsai.integrity import quarterly
from prongsai.ita.tests.test_reports_files import pdf_text, squash

HEADING = "การติดตามผลการดำเนินการเรื่องร้องเรียน"


@pytest.fixture
def q2(org, other_org, settings, tmp_path):
    """Complaints of Q2 2566 (Jan-Mar 2023), and cases the section must leave out."""
    settings.MEDIA_ROOT = tmp_path
    make_case(org, at(2023, 1, 2, 9), answered=timedelta(hours=6), resolved=days(2))
    make_case(org, at(2023, 2, 3, 9), answered=days(1.5), resolved=days(5), reopens=1)
    make_case(org, at(2023, 3, 31, 23, 30), channel="livechat", kind="corruption")
    make_case(org, at(2023, 2, 1, 9), kind="question", resolved=days(1))  # not a complaint
    make_case(org, at(2023, 4, 1, 0, 5), resolved=days(1), reopens=1)  # Q3
    make_case(other_org, at(2023, 2, 1, 9), resolved=days(1), reopens=1)


def data(org, quarter=2, **kwargs):
    return quarterly.quarterly_data(org=org, fiscal_year=2566, quarter=quarter, **kwargs)


def section(report):
    return next(s for s in report["sections"] if s["title"] == HEADING)


def test_the_data_holds_the_quarters_complaints(org, q2):
    follow = data(org)["follow_through"]
    assert [row["channel"] for row in follow["rows"]] == ["line", "livechat"]
    assert follow["total"] == {
        "received": 3,
        "resolved": 2,
        "answered": 2,
        "reopened": 1,
        "reopens": 1,
        "resolution_rate": "66.7",
        "median_first_response_days": "0.9",
        "median_resolve_days": "3.5",
        "reopen_rate": "50.0",
    }


def test_the_section_follows_the_case_statistics(org, q2):
    report = data(org)
    titles = [s["title"] for s in report["sections"]]
    assert titles.index(HEADING) == titles.index("สถิติเรื่องที่รับจากประชาชนและบุคลากร จำแนกตามช่องทาง") + 1
    assert section(report)["number"] == "๓"
    table, note = section(report)["blocks"]
    assert table["rows"][0] == [["LINE"], ["๒"], ["๒"], ["๑๐๐"], ["๐.๙"], ["๓.๕"], ["๑"]]
    assert table["rows"][1][:4] == [["แชทสด (Live chat)"], ["๑"], ["–"], ["๐"]]
    assert table["rows"][1][4:] == [["–"], ["–"], ["–"]]
    assert table["rows"][-1] == [["รวม"], ["๓"], ["๒"], ["๖๖.๗"], ["๐.๙"], ["๓.๕"], ["๑"]]
    assert table["total"]
    assert note["text"].startswith("ผู้แจ้งขอเปิดเรื่องใหม่ ๑ เรื่อง คิดเป็นร้อยละ ๕๐")


def test_a_quarter_without_complaints_says_so(org, q2):
    [table] = section(data(org, quarter=1))["blocks"]
    assert table["rows"] == [] and table["empty"] == "ไม่มีเรื่องร้องเรียนในไตรมาสนี้"


def test_the_pdf_and_html_print_it(org, q2):
    text = squash(pdf_text(quarterly.render(data(org), "pdf").content))
    assert squash(HEADING) in text
    assert "รวม๓๒๖๖.๗๐.๙๓.๕๑" in text
    page = quarterly.render(data(org, thai_digits=False), "html").content.decode()
    assert HEADING in page and "66.7" in page
