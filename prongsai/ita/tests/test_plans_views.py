"""The staff's plan pages: who may see and edit, isolation, the plan and its figures, the picker."""

import itertools
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prongsai.inbox.models import Case
from prongsai.ita import plans
from prongsai.ita.models import Evidence, Indicator, Measure, Plan, Step
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import DivisionFactory, PositionFactory

Role = Membership.Role
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LINE_Q2 = "{{cases channel=line start=2023-01-01 end=2023-03-31}}"
CHAT_Q2 = "{{cases channel=livechat start=2023-01-01 end=2023-03-31}}"
_codes = itertools.count()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plan(org):
    return plans.create_plan(org=org, fiscal_year=2566)


@pytest.fixture
def measure(org, plan):
    return plans.save_measure(org=org, plan=plan, number=1, title="ช่องทางร้องเรียน", tools=["EIT"])


@pytest.fixture
def step(org, measure):
    return plans.save_step(
        org=org, measure=measure, fields={"method": "เปิดช่องทาง LINE", "result": "ยังไม่มี"}
    )


@pytest.fixture
def theirs(other_org):
    """Bob's plan, measure, step and evidence, to try from alice's pages."""
    plan = plans.create_plan(org=other_org, fiscal_year=2566)
    measure = plans.save_measure(org=other_org, plan=plan, number=1, title="ของบ็อบ")
    step = plans.save_step(org=other_org, measure=measure, fields={"method": "ของบ็อบ"})
    evidence = plans.add_evidence(
        org=other_org, step=step, title="ไฟล์บ็อบ", upload=SimpleUploadedFile("b.pdf", PDF)
    )
    return {"plan": plan, "measure": measure, "step": step, "evidence": evidence}


def url(name, *args, org_slug="alice-town"):
    return reverse(f"org:{name}", args=[org_slug, *args])


def member(client, org, make_member, role):
    client.force_login(make_member(org, role).user)
    return client


def line_case(org, day: date, channel="line"):
    received = timezone.make_aware(datetime(day.year, day.month, day.day, 10))
    return Case.objects.create(
        org=org,
        tracking_code=f"T{next(_codes):06d}",
        kind=Case.Kind.COMPLAINT,
        channel=channel,
        subject="ถนนชำรุด",
        received_at=received,
    )


# Who may do what ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OFFICER])
def test_admins_and_officers_edit(client, org, make_member, role, plan, step):
    member(client, org, make_member, role)
    for page in (
        url("ita_plans"),
        url("ita_plan", 2566),
        url("ita_measure", 2566, step.measure.pk),
        url("ita_measure_new", 2566),
        url("ita_step", 2566, step.pk),
        url("ita_step_new", 2566, step.measure.pk),
    ):
        assert client.get(page).status_code == 200, page
    assert "แก้ไข / บันทึกผล" in client.get(url("ita_plan", 2566)).content.decode()


def test_executives_read_only(client, org, make_member, plan, step):
    member(client, org, make_member, Role.EXECUTIVE)
    page = client.get(url("ita_plan", 2566)).content.decode()
    assert "เปิดช่องทาง LINE" in page
    assert "แก้ไข / บันทึกผล" not in page and "เพิ่มมาตรการ" not in page
    assert "สร้างแผน" not in client.get(url("ita_plans")).content.decode()
    assert client.get(url("ita_step", 2566, step.pk)).status_code == 403
    assert client.post(url("ita_plan_copy", 2566)).status_code == 403
    assert client.post(url("ita_plan_create"), {"fiscal_year": 2567}).status_code == 403
    assert not Plan.objects.filter(fiscal_year=2567).exists()


def test_plain_staff_are_refused(client, org, make_member, plan):
    member(client, org, make_member, Role.STAFF)
    assert client.get(url("ita_plans")).status_code == 403
    assert client.get(url("ita_plan", 2566)).status_code == 403


def test_only_admins_publish(client, org, make_member, plan):
    member(client, org, make_member, Role.OFFICER)
    assert client.post(url("ita_plan_publish", 2566), {"o42": "on"}).status_code == 403
    member(client, org, make_member, Role.ADMIN)
    client.post(url("ita_plan_publish", 2566), {"o42": "on"})
    plan.refresh_from_db()
    assert (plan.o42_published, plan.o43_published) == (True, False)
    assert AuditEvent.objects.filter(action="ita_plan_published").exists()


# Another org's objects ---------------------------------------------------------------------------


def test_another_orgs_objects_answer_404(client, alice, plan, theirs):
    client.force_login(alice)
    assert client.get(url("ita_plan", 2567)).status_code == 404
    assert client.get(url("ita_measure", 2566, theirs["measure"].pk)).status_code == 404
    assert client.get(url("ita_step", 2566, theirs["step"].pk)).status_code == 404
    assert client.get(url("ita_step_new", 2566, theirs["measure"].pk)).status_code == 404
    assert client.get(url("ita_evidence", 2566, theirs["evidence"].pk)).status_code == 404
    response = client.post(url("ita_step", 2566, theirs["step"].pk), {"action": "delete"})
    assert response.status_code == 404
    response = client.post(url("ita_evidence_delete", 2566, theirs["evidence"].pk))
    assert response.status_code == 404
    assert Step.objects.filter(pk=theirs["step"].pk).exists()
    assert Evidence.objects.filter(pk=theirs["evidence"].pk).exists()
    # Bob's org's own URL is not alice's to visit at all.
    page = url("ita_plan", 2566, org_slug="bob-town")
    assert client.get(page).status_code == 403


def test_forged_division_position_and_indicator_ids_are_refused(
    client, alice, other_org, measure, step
):
    client.force_login(alice)
    division, position = DivisionFactory(org=other_org), PositionFactory(org=other_org)
    for field, value in (("divisions", division.pk), ("positions", position.pk)):
        response = client.post(
            url("ita_step", 2566, step.pk), {"method": "แก้แล้ว", "status": "planned", field: value}
        )
        assert response.status_code == 200
        assert "ตัวเลือกนี้ไม่มีในหน่วยงาน" in response.content.decode()
    step.refresh_from_db()
    assert step.method == "เปิดช่องทาง LINE" and not step.divisions.exists()

    wrong_year = Indicator.objects.exclude(year__fiscal_year=2566).first()
    assert wrong_year is not None
    response = client.post(
        url("ita_measure", 2566, measure.pk),
        {"number": 1, "title": "แก้แล้ว", "indicators": [wrong_year.pk]},
    )
    assert "ตัวเลือกนี้ไม่มีในหน่วยงาน" in response.content.decode()
    assert Measure.objects.get(pk=measure.pk).title == "ช่องทางร้องเรียน"


# Editing through the pages ---------------------------------------------------------------------


def test_create_a_plan_then_a_measure_then_a_step(client, alice, org):
    client.force_login(alice)
    response = client.post(url("ita_plan_create"), {"fiscal_year": "2566"})
    assert response.status_code == 302
    response = client.post(url("ita_plan_create"), {"fiscal_year": "2566"})
    assert "ปีงบประมาณ 2566 มีแผนอยู่แล้ว" in response.content.decode()

    response = client.post(
        url("ita_measure_new", 2566), {"number": "1", "title": "มาตรการแรก", "tools": ["OIT"]}
    )
    measure = Measure.objects.get(plan__org=org)
    assert response["Location"] == url("ita_step_new", 2566, measure.pk)
    response = client.post(url("ita_measure_new", 2566), {"number": "1", "title": "ซ้ำ"})
    assert "แผนนี้มีมาตรการที่ 1 อยู่แล้ว" in response.content.decode()

    office = DivisionFactory(org=org, name="สำนักปลัด")
    response = client.post(
        url("ita_step_new", 2566, measure.pk),
        {
            "method": "ประชุม",
            "divisions": [office.pk],
            "start_month": "2023-01-01",
            "end_month": "2023-03-01",
            "status": "done",
            "result": "ประชุมแล้ว",
        },
    )
    step = Step.objects.get(measure=measure)
    assert response["Location"] == url("ita_step", 2566, step.pk)
    page = client.get(url("ita_plan", 2566)).content.decode()
    assert "ม.ค.-มี.ค. ๖๖" in page and "สำนักปลัด" in page and "ประชุมแล้ว" in page


def test_a_month_outside_the_fiscal_year_is_refused(client, alice, step):
    client.force_login(alice)
    response = client.post(
        url("ita_step", 2566, step.pk),
        {
            "method": "x",
            "start_month": "2023-10-01",
            "end_month": "2023-11-01",
            "status": "planned",
        },
    )
    assert "เลือกเดือนในปีงบประมาณของแผน" in response.content.decode()
    response = client.post(
        url("ita_step", 2566, step.pk),
        {
            "method": "x",
            "start_month": "2023-05-01",
            "end_month": "2023-02-01",
            "status": "planned",
        },
    )
    assert "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่ม" in response.content.decode()
    step.refresh_from_db()
    assert step.method == "เปิดช่องทาง LINE"


def test_copy_from_the_list_and_refusal(client, alice, org, step):
    client.force_login(alice)
    response = client.post(url("ita_plan_copy", 2566))
    assert response["Location"] == url("ita_plan", 2567)
    response = client.post(url("ita_plan_copy", 2566), follow=True)
    assert "ปีงบประมาณ 2567 มีมาตรการอยู่แล้ว จึงคัดลอกทับไม่ได้" in response.content.decode()
    assert Measure.objects.filter(plan__fiscal_year=2567).count() == 1


def test_steps_and_measures_move_and_delete(client, alice, org, measure, step):
    client.force_login(alice)
    second = plans.save_step(org=org, measure=measure, fields={"method": "ขั้นที่สอง"})
    client.post(url("ita_step", 2566, second.pk), {"action": "up"})
    assert list(measure.steps.values_list("method", flat=True)) == ["ขั้นที่สอง", "เปิดช่องทาง LINE"]
    client.post(url("ita_step", 2566, second.pk), {"action": "delete"})
    assert measure.steps.count() == 1
    client.post(url("ita_measure", 2566, measure.pk), {"action": "delete"})
    assert not Measure.objects.filter(pk=measure.pk).exists()
    assert not Step.objects.filter(pk=step.pk).exists()


def test_evidence_upload_list_serve_and_delete(client, org, make_member, alice, step):
    client.force_login(alice)
    response = client.post(
        url("ita_evidence_add", 2566, step.pk),
        {"title": "ภาพ", "file": SimpleUploadedFile("x.png", b"not an image")},
    )
    assert "ไม่ใช่รูปภาพ" in response.content.decode()
    response = client.post(url("ita_evidence_add", 2566, step.pk), {"title": "ไม่มีอะไร"})
    assert "แนบไฟล์หรือใส่ลิงก์อย่างน้อยหนึ่งอย่าง" in response.content.decode()
    client.post(
        url("ita_evidence_add", 2566, step.pk),
        {"title": "รายงานการประชุม", "file": SimpleUploadedFile("r.pdf", PDF)},
    )
    evidence = Evidence.objects.get(step=step)
    assert "รายงานการประชุม" in client.get(url("ita_step", 2566, step.pk)).content.decode()

    member(client, org, make_member, Role.EXECUTIVE)
    response = client.get(url("ita_evidence", 2566, evidence.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    member(client, org, make_member, Role.STAFF)
    assert client.get(url("ita_evidence", 2566, evidence.pk)).status_code == 403

    client.force_login(alice)
    client.post(url("ita_evidence_delete", 2566, evidence.pk))
    assert not Evidence.objects.exists()


# The plan page and its figures -----------------------------------------------------------------


def plan_with_steps(org, year: int, n: int) -> Plan:
    """A plan whose every step quotes two figures, one of them broken."""
    plan = plans.create_plan(org=org, fiscal_year=year)
    office = DivisionFactory(org=org)
    for m in range(1, 4):
        measure = plans.save_measure(org=org, plan=plan, number=m, title=f"มาตรการ {m}")
        for s in range(n // 3):
            step = plans.save_step(
                org=org,
                measure=measure,
                fields={
                    "method": f"วิธี {s}",
                    "result": f"Line {LINE_Q2} ราย แชท {CHAT_Q2} ราย",
                },
                divisions=[office],
            )
            plans.add_evidence(org=org, step=step, title="ลิงก์", url="https://example.org/")
    return plan


def test_the_plan_page_costs_the_same_queries_for_3_or_12_steps(client, alice, org):
    line_case(org, date(2023, 2, 10))
    plan_with_steps(org, 2566, 3)
    plan_with_steps(org, 2567, 12)
    client.force_login(alice)
    counts = []
    for year in (2566, 2567):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("ita_plan", year))
        assert response.status_code == 200
        assert response.content.decode().count('<mark class="figure">๑</mark>') == (
            3 if year == 2566 else 12
        )
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_plan_page_shows_figure_values_and_lists_problems(client, alice, org, measure, step):
    line_case(org, date(2023, 2, 10))
    line_case(org, date(2023, 3, 31))
    line_case(org, date(2023, 4, 1))  # after the period
    line_case(org, date(2023, 2, 1), channel="livechat")
    plans.save_step(
        org=org,
        measure=measure,
        step=step,
        fields={
            "result": f"Line จำนวน {LINE_Q2} ราย\nผิด {{{{cases channel=line}}}} และ {{{{nothing}}}}"
        },
    )
    client.force_login(alice)
    page = client.get(url("ita_plan", 2566)).content.decode()
    assert 'Line จำนวน <mark class="figure">๒</mark> ราย<br>' in page
    assert page.count('<mark class="figure figure--missing">⟦?⟧</mark>') == 2
    assert "ตัวเลขจากระบบที่คำนวณไม่ได้ 2 จุด" in page
    assert "มาตรการที่ 1 วิธีการที่ 1" in page
    assert "ไม่รู้จักตัวเลข “nothing”" in page
    assert "ตัวเลข “cases” ต้องระบุ ตั้งแต่วันที่" in page


def test_result_text_is_escaped(client, alice, org, measure, step):
    plans.save_step(
        org=org, measure=measure, step=step, fields={"result": "<script>x</script> {{nothing}}"}
    )
    client.force_login(alice)
    page = client.get(url("ita_plan", 2566)).content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


# The figure picker ------------------------------------------------------------------------------


def test_the_picker_offers_a_form_for_each_figure(client, alice, org):
    DivisionFactory(org=org, name="กองช่าง")
    client.force_login(alice)
    html = client.get(
        url("ita_figure_form"),
        {"figure": "cases", "start_month": "2023-01-01", "end_month": "2023-03-01"},
    ).content.decode()
    assert 'name="fig-channel"' in html and '<option value="line">LINE</option>' in html
    assert "กองช่าง" in html and 'type="date"' in html
    # The step's months are the period proposed.
    assert 'value="2023-01-01"' in html and 'value="2023-03-31"' in html
    assert client.get(url("ita_figure_form"), {"figure": "nope"}).status_code == 200


def test_the_picker_checks_params_and_previews_the_value(client, alice, org):
    line_case(org, date(2023, 2, 10))
    client.force_login(alice)
    html = client.post(
        url("ita_figure_preview"),
        {
            "figure": "cases",
            "fig-channel": "line",
            "fig-start": "2023-03-01",
            "fig-end": "2023-01-01",
        },
    ).content.decode()
    assert "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม" in html and "data-figure-insert" not in html
    html = client.post(
        url("ita_figure_preview"), {"figure": "cases", "fig-channel": "fax", "fig-start": ""}
    ).content.decode()
    assert "ตัวเลือกของช่องทาง ไม่มีในหน่วยงาน" in html and "กรุณาระบุตั้งแต่วันที่" in html
    html = client.post(
        url("ita_figure_preview"),
        {
            "figure": "cases",
            "fig-channel": "line",
            "fig-start": "2023-01-01",
            "fig-end": "2023-03-31",
            "mode": "insert",
        },
    ).content.decode()
    assert f'data-figure-insert="{LINE_Q2}"' in html
    assert '<mark class="figure">๑</mark>' in html


def test_result_preview_renders_the_text_and_its_problems(client, alice, org):
    client.force_login(alice)
    html = client.post(
        url("ita_result_preview"), {"result": f"Line {LINE_Q2} ราย {{{{cases}}}}"}
    ).content.decode()
    assert '<mark class="figure">–</mark>' in html
    assert "ต้องระบุ" in html


def test_the_picker_is_for_editors(client, org, make_member):
    member(client, org, make_member, Role.EXECUTIVE)
    assert client.get(url("ita_figure_form"), {"figure": "cases"}).status_code == 403
    assert client.post(url("ita_result_preview"), {"result": "x"}).status_code == 403
