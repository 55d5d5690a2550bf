"""The quarterly executive report of Q2 2566: its data, its PDF and HTML, and keeping it."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from prongsai.inbox.models import Case, CaseEvent
from prongsai.inbox.tracking import new_code
from prongsai.integrity import quarterly, tasks
from prongsai.integrity.models import (
    Acknowledgement,
    BudgetProposal,
    Circular,
    Meeting,
    QuarterlyReport,
    Training,
)
from prongsai.ita.reports import registry
from prongsai.ita.reports.samples import reference_plan
from prongsai.ita.tests.test_reports_files import pdf_text, squash
from prongsai.orgs.models import Division, Membership
from prongsai.surveys.models import Response, Survey

BANGKOK = ZoneInfo("Asia/Bangkok")
Role = Membership.Role


def at(*args) -> datetime:
    return datetime(*args, tzinfo=BANGKOK)


def case(org, channel, kind, when, **kwargs) -> Case:
    return Case.objects.create(
        org=org,
        tracking_code=new_code(),
        channel=channel,
        kind=kind,
        subject="เรื่องทดสอบ",
        received_at=when,
        **kwargs,
    )


@pytest.fixture(autouse=True)
def quarterly_kind():
    # Another suite's test registers a stand-in "quarterly" and pops it when done.
    if registry.get("quarterly") is None or registry.get("quarterly").build is not quarterly.build:
        quarterly.register_kind()


@pytest.fixture
def q2(org, other_org, make_member, settings, tmp_path):
    """Q2 2566 (Jan-Mar 2023) of alice-town, as the reference report tells it."""
    settings.MEDIA_ROOT = tmp_path
    office = Division.objects.create(org=org, name="สำนักปลัด")
    staff = [make_member(org, Role.STAFF, division=office).user for _ in range(4)]
    reference_plan(org, 2566)

    circular = Circular.objects.create(
        org=org,
        number="ปท 0001/ว 12",
        title="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        text="แจ้งเวียนให้ทราบและถือปฏิบัติ",
        sent_at=at(2023, 1, 5, 9),
    )
    circular.divisions.set([office])
    for user in staff[:3]:
        Acknowledgement.objects.create(circular=circular, user=user, at=at(2023, 1, 6, 10))
    meeting = Meeting.objects.create(
        org=org, title="ประชุมพนักงานส่วนตำบลประจำเดือนมกราคม", held_on=date(2023, 1, 5)
    )
    meeting.attendees.set(staff)
    meeting.circulars.set([circular])

    training = Training.objects.create(
        org=org,
        title="อบรมคุณธรรมจริยธรรมและการป้องกันการทุจริต",
        starts_on=date(2023, 3, 20),
        ends_on=date(2023, 3, 22),
        topics=["ethics", "anti_corruption"],
        hours=Decimal("18.0"),
    )
    training.attendees.set(staff[:3])

    case(org, "line", "complaint", at(2023, 1, 10, 8))
    case(org, "line", "complaint", at(2023, 2, 14, 8))
    case(org, "line", "request", at(2023, 3, 31, 23, 30))
    case(org, "livechat", "complaint", at(2023, 3, 1, 12))
    case(org, "line", "complaint", at(2023, 4, 1, 0, 5))  # Q3
    case(other_org, "line", "complaint", at(2023, 2, 1, 8))  # another org
    answered = case(org, "staff", "budget", at(2023, 2, 20, 9), status="in_progress")
    CaseEvent.objects.create(
        case=answered, kind=CaseEvent.Kind.PUBLIC_REPLY, text="เป็นไปตามระเบียบ", is_public=True
    )
    case(org, "staff", "budget", at(2023, 3, 2, 9))
    BudgetProposal.objects.create(
        org=org,
        fiscal_year=2567,
        division=office,
        item="ครุภัณฑ์คอมพิวเตอร์",
        reason="เครื่องเดิมชำรุด",
        amount=Decimal("25000"),
    )

    survey = Survey.objects.create(org=org, title="แบบประเมินความพึงพอใจการอบรม")
    for n, score in enumerate(("5", "4", "3")):
        Response.objects.create(
            survey=survey, token=f"t{n}", score=Decimal(score), submitted_at=at(2023, 3, 22, 15)
        )
    return {"circular": circular, "meeting": meeting, "training": training, "survey": survey}


def data(org, quarter=2, **kwargs):
    return quarterly.quarterly_data(org=org, fiscal_year=2566, quarter=quarter, **kwargs)


def test_q2_holds_the_quarters_work(org, q2):
    report = data(org)
    assert report["period"] == "๑ มกราคม - ๓๑ มีนาคม ๒๕๖๖"
    assert report["title_lines"][-1] == "ไตรมาสที่ ๒ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"

    [training] = report["trainings"]
    assert (training["starts_on"], training["ends_on"]) == ("2023-03-20", "2023-03-22")
    assert training["attendees"] == 3 and training["hours"] == "18.0"

    [meeting] = report["meetings"]
    assert meeting["held_on"] == "2023-01-05" and meeting["attendees"] == 4
    [circular] = report["circulars"]
    assert (circular["acknowledged"], circular["recipients"], circular["percent"]) == (
        3,
        4,
        "75.00",
    )

    counts = {row["channel"]: (row["all"], row["complaints"]) for row in report["cases"]["rows"]}
    assert counts["line"] == (3, 2) and counts["livechat"] == (1, 1)
    assert counts["staff"] == (2, 0) and counts["webboard"] == (0, 0)
    assert (report["cases"]["all"], report["cases"]["complaints"]) == (6, 3)

    assert report["budget"]["questions"] == {"asked": 2, "answered": 1, "open": 1}
    assert report["budget"]["proposals"]["count"] == 1
    assert report["satisfaction"] == [
        {"id": q2["survey"].pk, "title": q2["survey"].title, "responses": 3, "percent": "80.00"}
    ]

    measures = report["measures"]
    assert measures["has_plan"] and measures["total"] == 13
    assert {row["status"]: row["count"] for row in measures["by_status"]}["done"] == 13
    assert len(measures["steps"]) == 13  # every step runs Jan-Sep 2566


def test_q2_pdf_says_it(org, q2):
    content = quarterly.render(data(org), "pdf").content
    assert content.startswith(b"%PDF")
    text = squash(pdf_text(content))
    for expected in (
        "ไตรมาสที่๒ประจำปีงบประมาณพ.ศ.๒๕๖๖",
        "๒๐-๒๒มีนาคม๒๕๖๖",
        "อบรมคุณธรรมจริยธรรมและการป้องกันการทุจริต",
        "๕มกราคม๒๕๖๖",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "๗๕",  # acknowledged %
        "LINE๓๒",  # all, complaints
        "แชทสด(Livechat)๑๑",
        "ได้รับในไตรมาส๒",
        "ตอบแล้ว๑",
        "ยังไม่ได้ตอบ๑",
        "แบบประเมินความพึงพอใจการอบรม๓๘๐",
    ):
        assert expected in text, expected


def test_arabic_digits_and_html(org, q2):
    page = quarterly.render(data(org, thai_digits=False), "html").content.decode()
    assert "20-22 มีนาคม 2566" in page and "5 มกราคม 2566" in page
    assert "<script" not in page


def test_q3_leaves_q2_out(org, q2):
    report = data(org, quarter=3)
    assert report["trainings"] == [] and report["meetings"] == [] and report["circulars"] == []
    assert report["satisfaction"] == []
    assert report["budget"]["questions"] == {"asked": 0, "answered": 0, "open": 0}
    counts = {row["channel"]: row["all"] for row in report["cases"]["rows"]}
    assert counts["line"] == 1 and report["cases"]["all"] == 1
    text = squash(pdf_text(quarterly.render(report, "pdf").content))
    assert "ไม่มีการฝึกอบรมในไตรมาสนี้" in text and "๒๐-๒๒มีนาคม" not in text


def test_an_org_without_a_plan_still_gets_its_report(other_org, settings, tmp_path):
    report = quarterly.quarterly_data(org=other_org, fiscal_year=2566, quarter=2)
    assert report["measures"]["has_plan"] is False
    assert "ยังไม่มีแผนมาตรการ" in squash(pdf_text(quarterly.render(report, "pdf").content))


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF"), ("html", b"<!doctype html>")])
def test_the_report_command_writes_it(org, q2, tmp_path, fmt, magic):
    out = tmp_path / f"q2.{fmt}"
    call_command("report", "quarterly", org=org.slug, year=2566, quarter=2, fmt=fmt, out=str(out))
    assert out.read_bytes().startswith(magic)


def test_the_report_command_needs_a_quarter(org, tmp_path):
    with pytest.raises(CommandError, match="--quarter"):
        call_command("report", "quarterly", org=org.slug, year=2566, out=str(tmp_path / "x"))
    with pytest.raises(CommandError, match="docx"):
        call_command("report", "quarterly", org=org.slug, year=2566, quarter=2, fmt="docx", out="-")


def test_the_last_ended_quarter():
    assert quarterly.last_ended_quarter(date(2023, 4, 1)) == (2566, 2)
    assert quarterly.last_ended_quarter(date(2023, 1, 1)) == (2566, 1)
    assert quarterly.last_ended_quarter(date(2022, 10, 1)) == (2565, 4)


def test_the_command_keeps_one_report_per_quarter(
    org, other_org, q2, django_capture_on_commit_callbacks
):
    call_command("make_quarterly_reports", year=2566, quarter=2, verbosity=0)
    first = QuarterlyReport.objects.get(org=org, fiscal_year=2566, quarter=2)
    old = first.pdf.name
    # The old file goes once the new one is committed.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_quarterly_reports", year=2566, quarter=2, org=org.slug, verbosity=0)
    again = QuarterlyReport.objects.get(org=org, fiscal_year=2566, quarter=2)
    assert again.pk == first.pk and again.generated_at > first.generated_at
    assert not again.pdf.storage.exists(old) and again.pdf.storage.exists(again.pdf.name)
    assert QuarterlyReport.objects.filter(fiscal_year=2566, quarter=2).count() == 2  # one per org
    assert "๒๐-๒๒มีนาคม๒๕๖๖" in squash(pdf_text(again.pdf.read()))


def test_the_command_refuses_half_a_quarter_and_unknown_orgs(org):
    with pytest.raises(CommandError, match="--year และ --quarter"):
        call_command("make_quarterly_reports", year=2566, verbosity=0)
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        call_command("make_quarterly_reports", org="nowhere", verbosity=0)


def test_the_task_reports_the_quarter_just_ended_for_active_orgs(org, other_org, q2, monkeypatch):
    monkeypatch.setattr(quarterly, "last_ended_quarter", lambda today=None: (2566, 2))
    other_org.is_active = False
    other_org.save()
    assert tasks.make_quarterly_reports.delay().get() == 1
    assert tasks.make_quarterly_reports.delay().get() == 1
    assert list(QuarterlyReport.objects.values_list("org__slug", "fiscal_year", "quarter")) == [
        (org.slug, 2566, 2)
    ]


def test_the_schedule_runs_on_the_first_day_of_each_quarter(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["quarterly-executive-reports"]
    assert entry["task"] == tasks.make_quarterly_reports.name
    schedule = entry["schedule"]
    assert schedule.month_of_year == {1, 4, 7, 10} and schedule.day_of_month == {1}
