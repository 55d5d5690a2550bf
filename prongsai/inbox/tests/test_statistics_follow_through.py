"""The follow-through section of the public statistics page and its sheet of the Excel file."""

import re
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from prongsai.inbox import statistics
from prongsai.inbox.tests.timelines import at, days, make_case


@pytest.fixture
def year_2566(org, other_org):
    """Cases of fiscal year 2566 (Oct 2022 - Sep 2023), and some that must not count."""
    make_case(org, at(2022, 10, 1, 0, 5), answered=timedelta(hours=6), resolved=days(2))
    make_case(org, at(2023, 1, 3, 9), answered=days(1.5), resolved=days(5), reopens=1)
    make_case(org, at(2023, 9, 30, 23, 30), channel="web", kind="question")
    # The staff's budget questions, the year before and another org's are not counted.
    make_case(org, at(2023, 2, 1, 9), channel="staff", kind="budget", resolved=days(9), reopens=1)
    make_case(org, at(2022, 9, 30, 23, 30), resolved=days(1), reopens=1)
    make_case(other_org, at(2023, 1, 3, 9), resolved=days(1), reopens=1)


def totals(body: str) -> dict[str, str]:
    return dict(re.findall(r'<td data-total="(\w+)">([^<]*)</td>', body))


def section(body: str) -> str:
    start = body.index('id="follow-through-heading"')
    return body[start : body.index("</section>", start)]


def test_the_page_shows_the_years_follow_through_per_channel_and_in_total(client, org, year_2566):
    body = client.get(f"/{org.slug}/stats/", {"year": "2566"}).content.decode()
    part = section(body)
    assert '<table id="follow-through">' in part
    assert re.findall(r'<tr data-row="(\w+)">', part) == ["web", "line"]  # the channels' order
    assert totals(body) == {
        "received": "3",
        "resolved": "2",
        "resolution_rate": "66.7",
        "median_first_response_days": "0.9",  # of 0.25 and 1.5
        "median_resolve_days": "3.5",
        "reopened": "1",
        "reopen_rate": "50.0",
    }


def test_the_choice_of_period_keeps_the_whole_year(client, org, year_2566):
    for period in ("month", "quarter", "half", "year"):
        body = client.get(f"/{org.slug}/stats/", {"year": "2566", "period": period}).content
        assert totals(body.decode())["received"] == "3"


def test_counts_print_zero_and_rates_of_no_case_a_dash(client, org):
    make_case(org, at(2023, 1, 3, 9))
    body = client.get(f"/{org.slug}/stats/", {"year": "2566"}).content.decode()
    cells = totals(body)
    assert (cells["received"], cells["resolved"], cells["reopened"]) == ("1", "0", "0")
    assert cells["resolution_rate"] == "0.0"
    assert cells["median_resolve_days"] == cells["reopen_rate"] == "–"


def test_a_year_without_cases_says_so(client, org, other_org):
    make_case(other_org, at(2023, 1, 3, 9), resolved=days(1))
    body = client.get(f"/{org.slug}/stats/").content.decode()
    assert "ยังไม่มีเรื่องที่รับในปีงบประมาณ" in section(body)
    assert 'id="follow-through"' not in body


def test_the_table_holds_what_public_pages_may_count(org, year_2566):
    table = statistics.follow_through_table(org=org, fiscal_year=2566)
    assert [row.key for row in table.rows] == ["web", "line"]
    assert table.total.received == 3
    everything = statistics.follow_through_table(
        org=org, fiscal_year=2566, kinds=None, channels=None
    )
    assert everything.total.received == 4 and everything.rows[-1].key == "staff"
    by_kind = statistics.follow_through_table(org=org, fiscal_year=2566, rows="kind")
    assert [(row.key, row.label) for row in by_kind.rows] == [
        ("complaint", "เรื่องร้องเรียน/ร้องทุกข์"),
        ("question", "คำถาม"),
    ]


def test_the_excel_file_has_the_sheet(client, org, year_2566):
    response = client.get(f"/{org.slug}/stats/cases.xlsx", {"year": "2566", "period": "month"})
    book = load_workbook(BytesIO(response.content))
    sheet = book["การติดตามผล"]
    rows = list(sheet.iter_rows(values_only=True))
    assert "การติดตามผลการดำเนินการ" in rows[0][0] and "ปีงบประมาณ 2566" in rows[0][0]
    assert rows[2][:3] == ("ช่องทาง", "เรื่องที่รับ", "แก้ไขแล้วเสร็จ")
    assert rows[3] == ("เว็บไซต์", 1, 0, 0, "–", "–", 0, "–")
    assert rows[4][:3] == ("LINE", 2, 2)
    assert rows[-1][0] == "รวม" and rows[-1][1:3] == (3, 2)
    # Rates and medians stay numbers, shown with one decimal place.
    assert Decimal(str(rows[-1][3])) == Decimal("66.7")
    assert sheet.cell(row=len(rows), column=4).number_format == "0.0"
