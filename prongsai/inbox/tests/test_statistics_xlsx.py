"""The complaint statistics as an Excel file: the page's numbers, laid out for printing."""

from dataclasses import replace
from datetime import datetime
from io import BytesIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from prongsai.inbox import services, statistics
from prongsai.inbox.models import Case
from prongsai.orgs.models import Organization

BANGKOK = timezone.get_fixed_timezone(7 * 60)
URL = "/prasat-thong/stats/cases.xlsx"


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)
    return Organization.objects.get(slug="prasat-thong")


def workbook(response):
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def values(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_it_is_an_xlsx_download_named_for_the_org_year_and_period(client, demo):
    response = client.get(URL, {"year": "2566", "period": "month"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="prasat-thong-cases-2566-month.xlsx"'
    )
    assert workbook(response).sheetnames == ["ตามช่องทาง", "ตามประเภท", "การติดตามผล"]


def test_the_channel_sheet_holds_the_demo_quarter(client, demo):
    sheet = workbook(client.get(URL, {"year": "2566", "period": "quarter"}))["ตามช่องทาง"]
    rows = values(sheet)
    title, generated, header = rows[0][0], rows[1][0], rows[2]
    assert "สถิติเรื่องร้องเรียนแยกตามช่องทาง" in title
    assert "องค์การบริหารส่วนตำบลปราสาททอง" in title and "ปีงบประมาณ 2566" in title
    assert generated.startswith("ข้อมูล ณ วันที่")
    assert header == ("ช่องทาง", "ไตรมาส 1\nต.ค.-ธ.ค. 65", "ไตรมาส 2\nม.ค.-มี.ค. 66",
                      "ไตรมาส 3\nเม.ย.-มิ.ย. 66", "ไตรมาส 4\nก.ค.-ก.ย. 66", "รวม")  # fmt: skip
    body = {r[0]: r[1:] for r in rows[3:]}
    assert body["LINE"] == (0, 17, 0, 0, 17)
    assert body["แชทสด (Live chat)"] == (0, 2, 0, 0, 2)
    assert body["เว็บบอร์ด"] == body["กระดานถาม-ตอบ (Q&A)"] == (0, 0, 0, 0, 0)
    assert rows[-1] == ("รวม", 0, 19, 0, 0, 19)
    assert len(rows) == 3 + len(statistics.PUBLIC_CHANNELS) + 1
    assert "ช่องทางบุคลากร" not in body


def test_every_sheet_matches_the_selector(client, demo):
    book = workbook(client.get(URL, {"year": "2566", "period": "month"}))
    expected = {
        "ตามช่องทาง": statistics.case_table(
            org=demo, fiscal_year=2566, rows="channel", period="month",
            kinds=statistics.COMPLAINT_KINDS,
        ),
        "ตามประเภท": statistics.case_table(
            org=demo, fiscal_year=2566, rows="kind", period="month",
            kinds=statistics.PUBLIC_KINDS,
        ),
    }  # fmt: skip
    # The staff's budget questions are neither a channel nor a kind of the public tables.
    public = {"ตามช่องทาง": statistics.PUBLIC_CHANNELS, "ตามประเภท": statistics.PUBLIC_KINDS}
    for name, table in expected.items():
        table = replace(table, rows=tuple(r for r in table.rows if r.key in public[name]))
        rows = values(book[name])[3:]
        assert [r[0] for r in rows] == [*(r.label for r in table.rows), "รวม"]
        assert [r[1:] for r in rows] == [
            *((*r.counts, r.total) for r in table.rows),
            (*table.totals, table.total),
        ]


def test_it_is_laid_out_for_reading(client, demo):
    sheet = workbook(client.get(URL, {"year": "2566", "period": "quarter"}))["ตามประเภท"]
    assert sheet.freeze_panes == "B4"
    assert "A1" in sheet.merged_cells and "A2" in sheet.merged_cells
    widest_kind = len("ร้องเรียนการทุจริตและประพฤติมิชอบ")
    assert widest_kind * 0.7 < sheet.column_dimensions["A"].width < widest_kind + 6
    assert all(sheet.column_dimensions[c].width >= 10 for c in "BCDEF")
    assert sheet["A3"].font.b and sheet["A4"].font.name == "TH Sarabun New"
    # Zero is a number that prints as the dash of published tables.
    assert sheet["B4"].value == 0 and '"–"' in sheet["B4"].number_format


def test_the_whole_year_is_one_column_without_a_repeated_total(client, demo):
    sheet = workbook(client.get(URL, {"year": "2566", "period": "year"}))["ตามช่องทาง"]
    rows = values(sheet)
    assert rows[2] == ("ช่องทาง", "ปีงบประมาณ 2566\nต.ค. 65-ก.ย. 66")
    assert {r[0]: r[1] for r in rows[3:]}["LINE"] == 17


@pytest.mark.parametrize("query", [{"year": "x"}, {"period": "week"}, {"year": "2400"}])
def test_bad_parameters_fall_back_to_the_defaults(client, demo, query):
    book = workbook(client.get(URL, query))
    this_year = statistics.current_fiscal_year()
    assert f"ปีงบประมาณ {this_year}" in book["ตามช่องทาง"]["A1"].value
    assert "รายไตรมาส" in book["ตามช่องทาง"]["A1"].value


def test_no_personal_data_or_case_text_in_the_file(client, org):
    services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        kind=Case.Kind.CORRUPTION,
        subject="ปลัดรับเงินใต้โต๊ะ",
        text="เห็นกับตาเมื่อวันจันทร์",
        reporter_name="นายผู้แจ้ง ลับมาก",
        reporter_phone="081-111-2222",
        consent=True,
        received_at=datetime(2023, 2, 1, 10, tzinfo=BANGKOK),
    )
    response = client.get(f"/{org.slug}/stats/cases.xlsx", {"year": "2566", "period": "year"})
    book = workbook(response)
    cells = " ".join(str(v) for sheet in book for r in values(sheet) for v in r if v is not None)
    for secret in ["ปลัดรับเงิน", "เห็นกับตา", "ผู้แจ้ง ลับมาก", "081-111-2222"]:
        assert secret not in cells
    kinds = {r[0]: r[1] for r in values(book["ตามประเภท"])[3:]}
    assert kinds["ร้องเรียนการทุจริตและประพฤติมิชอบ"] == 1
