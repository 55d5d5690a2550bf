"""Satisfaction per division, service and project, and the printable report (OIT evidence)."""

from datetime import date, datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from prongsai import thai
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import DivisionFactory
from prongsai.surveys import reports, services
from prongsai.surveys.models import Survey
from prongsai.surveys.tests.factories import ProjectFactory, mixed_survey, new_token

Role = Membership.Role


def respond(survey, at, speed, politeness, **more):
    questions = {q.text: q for q in survey.questions.all()}
    data = {
        questions["ความรวดเร็วในการให้บริการ"].field_name: [str(speed)],
        questions["ความสุภาพของเจ้าหน้าที่"].field_name: [str(politeness)],
    }
    for text, value in more.items():
        data[questions[text].field_name] = [value]
    services.submit_response(
        survey=survey, data=data, token=new_token(), at=timezone.make_aware(at)
    )


@pytest.fixture
def surveys(org):
    """Two surveys in fiscal 2567: the works division's service (75 %) and a project (100 %)."""
    works = DivisionFactory(org=org, name="กองช่าง")
    service = ServiceFactory(org=org, name="ขออนุญาตก่อสร้าง", division=works)
    project = ProjectFactory(org=org, title="โครงการคัดแยกขยะ", division=works)
    by_service = mixed_survey(org)
    by_service.service = service
    by_service.save()
    respond(by_service, datetime(2024, 1, 10, 10, 0), 4, 4, ข้อเสนอแนะ="ความลับของผู้ตอบ")
    respond(by_service, datetime(2024, 1, 11, 10, 0), 3, 4)
    by_project = mixed_survey(org)
    Survey.objects.filter(pk=by_project.pk).update(
        project=project, title="ความพึงพอใจต่อโครงการ", asks_contact=True
    )
    by_project.refresh_from_db()
    services.submit_response(
        survey=by_project,
        data={q.field_name: ["5"] for q in by_project.questions.filter(kind="likert")},
        token=new_token(),
        at=timezone.make_aware(datetime(2024, 1, 18, 9, 0)),
        contact={"name": "นายสมชาย ผู้ตอบ", "phone": "0812345678"},
        consent=True,
    )
    respond(by_service, datetime(2024, 10, 2, 10, 0), 1, 1)  # fiscal 2568
    return by_service, by_project


FY2567 = "?start=2023-10-01&end=2024-09-30"


def test_the_overview_groups_by_division_service_and_project(client, org, alice, surveys):
    client.force_login(alice)
    page = client.get(f"/{org.slug}/staff/surveys/satisfaction/{FY2567}").content.decode()
    assert "กองช่าง" in page and "ขออนุญาตก่อสร้าง" in page and "โครงการคัดแยกขยะ" in page
    assert "75%" in page and "100%" in page
    # The works division: 75 % over 2 scored responses and 100 % over 1 → 83.33 %.
    assert "83.33%" in page
    assert f"/{org.slug}/staff/surveys/satisfaction/report/{FY2567.replace('&', '&amp;')}" in page


def test_the_overview_defaults_to_the_current_fiscal_year(client, org, alice, surveys):
    client.force_login(alice)
    page = client.get(f"/{org.slug}/staff/surveys/satisfaction/").content.decode()
    first, last = thai.fiscal_year_range(thai.fiscal_year(timezone.localdate()))
    assert thai.format_date_range(first, last, thai_digits=False) in page


def test_the_report_is_printable_and_holds_no_personal_data(client, org, alice, surveys):
    client.force_login(alice)
    response = client.get(f"/{org.slug}/staff/surveys/satisfaction/report/{FY2567}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "รายงานผลการสำรวจความพึงพอใจ" in page and "อบต.อลิซ" in page
    assert "ระหว่างวันที่ 1 ตุลาคม 2566 - 30 กันยายน 2567" in page
    assert "ความพึงพอใจต่อโครงการ" in page and "ความพึงพอใจต่อการให้บริการ" in page
    assert page.count('class="bar-chart"') == 2 * 4
    assert "ความลับของผู้ตอบ" not in page and ". ข้อเสนอแนะ" not in page
    assert "นายสมชาย" not in page and "0812345678" not in page
    assert "3.50" in page  # the speed question's mean: (4 + 3) / 2
    assert "83.33" in page  # every survey: 75 % over 2 scored, 100 % over 1


def test_the_report_body_renders_without_a_request_for_public_pages(org, surveys):
    report = reports.satisfaction_report(org=org, start=date(2024, 1, 1), end=date(2024, 1, 31))
    html = render_to_string(
        "surveys/_satisfaction_report.html",
        {"org": org, "start": report.start, "end": report.end, "report": report},
    )
    assert "รายงานผลการสำรวจความพึงพอใจ" in html and "1-31 มกราคม 2567" in html
    assert "ความลับของผู้ตอบ" not in html and "นายสมชาย" not in html
    assert report.responses == 3 and str(report.percent) == "83.33"


def test_a_period_without_responses_says_so(client, org, alice, surveys):
    client.force_login(alice)
    page = client.get(
        f"/{org.slug}/staff/surveys/satisfaction/report/?start=2020-01-01&end=2020-12-31"
    ).content.decode()
    assert "ไม่มีผู้ตอบแบบสำรวจในช่วงเวลานี้" in page


def test_one_end_of_the_period_runs_to_its_fiscal_year(client, org, alice, surveys):
    client.force_login(alice)
    page = client.get(
        f"/{org.slug}/staff/surveys/satisfaction/report/?start=2024-01-11"
    ).content.decode()
    assert "ระหว่างวันที่ 11 มกราคม - 30 กันยายน 2567" in page


def test_the_overview_and_report_belong_to_the_org_and_its_readers(
    client, org, other_org, bob, make_member, surveys
):
    client.force_login(bob)
    page = client.get(f"/{other_org.slug}/staff/surveys/satisfaction/report/{FY2567}")
    assert "ความพึงพอใจต่อโครงการ" not in page.content.decode()
    assert client.get(f"/{org.slug}/staff/surveys/satisfaction/").status_code == 403
    client.force_login(make_member(org, Role.STAFF).user)
    assert client.get(f"/{org.slug}/staff/surveys/satisfaction/report/").status_code == 403
    client.force_login(make_member(org, Role.EXECUTIVE).user)
    assert client.get(f"/{org.slug}/staff/surveys/satisfaction/report/").status_code == 200
