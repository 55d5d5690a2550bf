"""The plan services: plans, measures, steps, evidence, and the copy into next year."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from prongsai.ita import plans
from prongsai.ita.models import Evidence, FrameworkYear, Indicator, Measure, Plan, Step, Tool
from prongsai.orgs.models import AuditEvent
from prongsai.orgs.tests.factories import DivisionFactory, PositionFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def plan(org):
    return plans.create_plan(org=org, fiscal_year=2566)


@pytest.fixture
def measure(org, plan):
    return plans.save_measure(org=org, plan=plan, number=1, title="เผยแพร่ข้อมูล", tools=["OIT"])


def framework(year: int) -> FrameworkYear:
    """The year's framework with indicators 9 and 10, whether or not the data loaded it."""
    fy, _ = FrameworkYear.objects.get_or_create(
        fiscal_year=year, defaults={"levels": [{"label": "ผ่าน", "min": 50}]}
    )
    tool, _ = Tool.objects.get_or_create(
        year=fy, code="OIT", defaults={"name": "OIT", "weight": 40}
    )
    for number in (9, 10):
        Indicator.objects.get_or_create(
            year=fy, number=number, defaults={"tool": tool, "name": f"ตัวชี้วัด {number}"}
        )
    return fy


def add_step(org, measure, **fields):
    fields.setdefault("method", "ประชาสัมพันธ์ช่องทางร้องเรียน")
    return plans.save_step(org=org, measure=measure, fields=fields)


def test_a_year_has_one_plan(org, other_org, plan):
    with pytest.raises(ValidationError) as error:
        plans.create_plan(org=org, fiscal_year=2566)
    assert "มีแผนอยู่แล้ว" in str(error.value)
    # Another org's plan of the same year is its own business.
    assert plans.create_plan(org=other_org, fiscal_year=2566).org == other_org
    assert AuditEvent.objects.filter(action="ita_plan_created", org=org).count() == 1


def test_measure_numbers_are_unique_in_a_plan(org, plan, measure):
    with pytest.raises(ValidationError) as error:
        plans.save_measure(org=org, plan=plan, number=1, title="ซ้ำ")
    assert error.value.message_dict["number"] == ["แผนนี้มีมาตรการที่ 1 อยู่แล้ว กรุณาใช้ลำดับอื่น"]
    # The measure keeps its own number when it is saved again.
    plans.save_measure(org=org, plan=plan, measure=measure, number=1, title="ชื่อใหม่")
    assert Measure.objects.get(pk=measure.pk).title == "ชื่อใหม่"


def test_a_measure_refuses_unknown_tools_and_other_years_indicators(org, plan):
    with pytest.raises(ValidationError):
        plans.save_measure(org=org, plan=plan, number=2, title="x", tools=["XYZ"])
    other_year = framework(2567).indicators.get(number=9)
    with pytest.raises(ValidationError) as error:
        plans.save_measure(org=org, plan=plan, number=2, title="x", indicators=[other_year])
    assert "indicators" in error.value.message_dict
    own = framework(2566).indicators.get(number=9)
    saved = plans.save_measure(org=org, plan=plan, number=2, title="x", indicators=[own])
    assert list(saved.indicators.all()) == [own]


def test_moving_measures_swaps_their_numbers(org, plan, measure):
    second = plans.save_measure(org=org, plan=plan, number=5, title="ที่สอง")
    plans.move_measure(org=org, measure=second, direction="up")
    assert list(plan.measures.values_list("title", "number")) == [
        ("ที่สอง", 1),
        ("เผยแพร่ข้อมูล", 5),
    ]
    plans.move_measure(org=org, measure=second, direction="up")  # already first: nothing moves
    assert Measure.objects.get(pk=second.pk).number == 1


def test_months_must_lie_inside_the_fiscal_year(org, measure):
    # FY 2566 runs from October 2022 to September 2023.
    step = add_step(org, measure, start_month=date(2022, 10, 1), end_month=date(2023, 9, 1))
    assert plans.period_text(step) == "ต.ค. ๖๕-ก.ย. ๖๖"
    for start, end in [
        (date(2022, 9, 1), date(2022, 12, 1)),
        (date(2023, 1, 1), date(2023, 10, 1)),
    ]:
        with pytest.raises(ValidationError) as error:
            add_step(org, measure, start_month=start, end_month=end)
        assert "ปีงบประมาณของแผน" in str(error.value)
    with pytest.raises(ValidationError):
        add_step(org, measure, start_month=date(2023, 3, 1), end_month=date(2023, 1, 1))
    with pytest.raises(ValidationError):
        add_step(org, measure, start_month=date(2023, 3, 1))
    assert measure.steps.count() == 1


def test_steps_take_only_the_orgs_divisions_and_positions(org, other_org, measure):
    theirs = DivisionFactory(org=other_org)
    with pytest.raises(ValidationError) as error:
        plans.save_step(org=org, measure=measure, fields={"method": "x"}, divisions=[theirs])
    assert "divisions" in error.value.message_dict
    with pytest.raises(ValidationError):
        plans.save_step(
            org=org,
            measure=measure,
            fields={"method": "x"},
            positions=[PositionFactory(org=other_org)],
        )
    assert not Step.objects.exists()


def test_responsible_is_the_typed_text_or_the_names(org, measure):
    office = DivisionFactory(org=org, name="สำนักปลัด")
    lawyer = PositionFactory(org=org, name="นิติกร")
    step = plans.save_step(
        org=org, measure=measure, fields={"method": "x"}, divisions=[office], positions=[lawyer]
    )
    assert plans.responsible_text(step) == "สำนักปลัด, นิติกร"
    step = plans.save_step(
        org=org, measure=measure, step=step, fields={"responsible": "ทุกสำนัก/กอง"}
    )
    assert plans.responsible_text(step) == "ทุกสำนัก/กอง"


def test_steps_are_added_at_the_end_moved_and_renumbered(org, measure):
    a, _b, c = (add_step(org, measure, method=m) for m in "abc")
    plans.move_step(org=org, step=c, direction="up")
    assert list(measure.steps.values_list("method", flat=True)) == ["a", "c", "b"]
    plans.delete_step(org=org, step=a)
    assert list(measure.steps.values_list("method", "order")) == [("c", 0), ("b", 1)]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"ita_step_added", "ita_step_moved", "ita_step_deleted"} <= actions


def test_another_orgs_objects_are_refused(org, other_org, measure):
    step = add_step(org, measure)
    with pytest.raises(ValidationError):
        plans.save_step(org=other_org, measure=measure, fields={"method": "x"})
    with pytest.raises(ValidationError):
        plans.delete_step(org=other_org, step=step)
    with pytest.raises(ValidationError):
        plans.copy_plan(org=other_org, plan=measure.plan)
    with pytest.raises(ValidationError):
        plans.add_evidence(org=other_org, step=step, title="x", url="https://example.org/")


def test_evidence_needs_a_file_or_a_link(org, measure):
    step = add_step(org, measure)
    with pytest.raises(ValidationError) as error:
        plans.add_evidence(org=org, step=step, title="ภาพกิจกรรม")
    assert "แนบไฟล์หรือใส่ลิงก์" in str(error.value)
    link = plans.add_evidence(org=org, step=step, title="ข่าว", url="https://example.org/news")
    assert link.url and not link.file


def test_uploads_are_checked_by_content(org, measure, media, django_capture_on_commit_callbacks):
    step = add_step(org, measure)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    with pytest.raises(ValidationError) as error:
        plans.add_evidence(org=org, step=step, title="รายงาน", upload=fake)
    assert "file" in error.value.message_dict
    assert not Evidence.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))

    pdf = plans.add_evidence(
        org=org, step=step, title="รายงาน", upload=SimpleUploadedFile("r.pdf", PDF)
    )
    assert pdf.file.name.endswith(".pdf") and "r.pdf" not in pdf.file.name
    assert plans.evidence_content_type(pdf) == "application/pdf"
    assert pdf.file.read() == PDF

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buffer, "JPEG", exif=b"Exif\x00\x00MM\x00*")
    photo = plans.add_evidence(
        org=org, step=step, title="ภาพ", upload=SimpleUploadedFile("p.jpg", buffer.getvalue())
    )
    assert plans.evidence_content_type(photo) == "image/jpeg"
    assert b"Exif" not in photo.file.read()

    with django_capture_on_commit_callbacks(execute=True):
        plans.remove_evidence(org=org, evidence=pdf)
    assert not (media / pdf.file.name).exists()


def test_copy_into_next_year_shifts_months_and_leaves_results_behind(org, plan, measure):
    framework(2566)
    framework(2567)
    plans.save_measure(
        org=org,
        plan=plan,
        measure=measure,
        number=1,
        title=measure.title,
        tools=["OIT", "EIT"],
        indicators=Indicator.objects.filter(year__fiscal_year=2566, number=9),
    )
    office = DivisionFactory(org=org)
    done = plans.save_step(
        org=org,
        measure=measure,
        fields={
            "method": "จัดอบรม",
            "responsible": "สำนักปลัด",
            "start_month": date(2022, 11, 1),
            "end_month": date(2023, 3, 1),
            "period_label": "พ.ย. ๖๕-มี.ค. ๖๖",
            "result": "อบรม {{cases channel=line start=2023-01-01 end=2023-03-31}} ราย",
            "suggestion": "ควรจัดซ้ำ",
            "status": Step.Status.DONE,
        },
        divisions=[office],
    )
    plans.add_evidence(org=org, step=done, title="ภาพ", url="https://example.org/")
    add_step(org, measure, method="ตลอดปี", period_label="ตลอดปีงบประมาณ")
    add_step(org, measure, method="ไตรมาส", period_label="ม.ค.-มี.ค. ๖๖")

    copy = plans.copy_plan(org=org, plan=plan)

    assert copy.fiscal_year == 2567 and copy.org == org
    [new_measure] = copy.measures.all()
    assert (new_measure.number, new_measure.title, new_measure.tools) == (
        1,
        measure.title,
        ["OIT", "EIT"],
    )
    assert [(i.year.fiscal_year, i.number) for i in new_measure.indicators.all()] == [(2567, 9)]
    first, whole_year, quarter = new_measure.steps.all()
    assert (first.method, first.responsible) == ("จัดอบรม", "สำนักปลัด")
    assert (first.start_month, first.end_month) == (date(2023, 11, 1), date(2024, 3, 1))
    assert first.period_label == ""  # the old label named last year
    assert list(first.divisions.all()) == [office]
    assert (first.result, first.suggestion, first.status) == ("", "", Step.Status.PLANNED)
    assert not first.evidence.exists()
    assert (whole_year.period_label, whole_year.start_month) == ("ตลอดปีงบประมาณ", None)
    assert (quarter.start_month, quarter.end_month) == (date(2024, 1, 1), date(2024, 3, 1))
    # The year copied from is untouched.
    assert Step.objects.get(pk=done.pk).result.startswith("อบรม")
    assert AuditEvent.objects.filter(action="ita_plan_copied", target_id=str(copy.pk)).exists()


def test_copy_is_refused_when_next_year_has_measures(org, plan, measure):
    next_year = plans.create_plan(org=org, fiscal_year=2567)
    # An empty plan of next year receives the copy.
    assert plans.copy_plan(org=org, plan=plan) == next_year
    assert next_year.measures.count() == 1
    with pytest.raises(ValidationError) as error:
        plans.copy_plan(org=org, plan=plan)
    assert "มีมาตรการอยู่แล้ว" in str(error.value)
    assert next_year.measures.count() == 1
    assert Plan.objects.for_org(org).count() == 2
