"""Importing the bundled reference O43 (tab-separated text) reproduces its 6 measures."""

import re
from datetime import date
from pathlib import Path

import pytest

from prongsai.ita.importing import import_report, parse_report
from prongsai.ita.importing.html import cell_paragraphs
from prongsai.ita.models import Measure, Step
from prongsai.orgs.models import Division, Position

REFERENCE = Path(__file__).resolve().parents[1] / "demo" / "o43-prasat-thong-2566.txt"
HEADER_START = "มาตรการ/แนวทาง\t"


def reference_report():
    return parse_report(REFERENCE.read_bytes(), fiscal_year=2566, filename=REFERENCE.name)


def squash(text: str) -> str:
    return " ".join(text.split())


def file_paragraphs(column: int) -> list[str]:
    """Every paragraph the reference prints in one column of its tables."""
    found = []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) != 6 or line.startswith(HEADER_START):
            continue
        cell = cells[column]
        texts = cell_paragraphs(cell) if "<p>" in cell else [cell]
        found += [squash(text) for text in texts if text.strip()]
    return found


def test_it_reads_six_measures_with_numbers_titles_and_tools():
    report = reference_report()
    assert [m.number for m in report.measures] == [1, 2, 3, 4, 5, 6]
    assert [m.tools for m in report.measures] == [["IIT"]] * 3 + [["EIT"]] * 3
    assert report.measures[0].title == "การใช้ทรัพย์สินของทางราชการ"
    assert report.measures[1].title == "การพัฒนาช่องทางการให้บริการในรูปแบบออนไลน์ หรือ E-Service"
    assert report.measures[2].title.startswith("ประชาสัมพันธ์ช่องทางในการติดต่อ – สอบถาม")
    assert report.measures[2].title.endswith("การใช้จ่ายงบประมาณ")
    assert report.measures[5].title.startswith("จัดทำและเผยแพร่ช่องทางการรับฟังความคิดเห็น")
    for measure in report.measures:
        assert not re.search(r"\((IIT|EIT|OIT)\)", measure.title)
        assert not re.match(r"[0-9๐-๙]", measure.title)
    assert report.warnings == []


def test_it_reads_the_steps_of_each_measure():
    measures = reference_report().measures
    assert [len(m.steps) for m in measures] == [2, 2, 2, 2, 1, 3]
    first, second = measures[0].steps
    assert first.method.startswith("๑.จัดอบรมให้ความรู้")
    assert first.responsible == "-สำนักปลัด อบต. - นักทรัพยากรบุคคล"
    assert (first.period_label, first.start_month, first.end_month) == (
        "มี.ค.-เม.ย. ๖๖",
        date(2023, 3, 1),
        date(2023, 4, 1),
    )
    assert second.responsible == "-สำนักปลัด อบต. -นิติกร"
    assert second.suggestion == "-ควรกำกับติดตามผลการปฏิบัติงานอย่างต่อเนื่อง"


def test_a_row_with_an_empty_measure_cell_continues_the_measure():
    measures = reference_report().measures
    survey = measures[3].steps[1]
    assert survey.method == "๒. สํารวจความพึงพอใจประชาชนใน การร่วมกิจกรรม"
    assert survey.period_label == "ม.ค.-ก.ย. 66"
    assert survey.result.endswith("ร้อยละ ๘๕")
    invite = measures[5].steps[2]
    assert invite.method.startswith("๓. ประชาสัมพันธ์เชิญชวน")
    assert invite.period_label == "ม.ค.-ก.ย. ๒๕๖๖\nก.พ.-มิ.ย. ๒๕๖๖"
    assert (invite.start_month, invite.end_month) == (date(2023, 1, 1), date(2023, 9, 1))


def test_a_row_with_only_a_result_appends_to_the_previous_step():
    invite = reference_report().measures[5].steps[2]
    paragraphs = invite.result.split("\n")
    assert len(paragraphs) == 4
    assert paragraphs[2] == (
        "โดยองค์การบริหารส่วนตำบล ได้ ประชาสัมพันธ์ QR CODE ให้ผู้มีส่วนได้เสีย เข้า ตอบแบบประเมิน EIT"
    )
    assert paragraphs[3] == "ใน หน้าแรกของเว็บไซต์ หน่วยงาน www.prtong.go.th"


def test_a_cell_with_fewer_paragraphs_than_methods_goes_to_the_first_step():
    first, second = reference_report().measures[2].steps
    assert first.responsible == "-สำนักปลัด อบต. -กองคลัง -กองช่าง -กองศึกษาฯ"
    assert first.period_label == "ม.ค.-มิ.ย.๒๕๖๖"
    assert second.method == "-ให้บุคลากรมีส่วนร่วมในการเสนอตั้งงบประมาณรายจ่ายแต่ละปีประจำปี"
    assert (second.responsible, second.period_label, second.result) == ("", "", "")


def test_it_reads_the_title_and_intro():
    report = reference_report()
    assert report.title.startswith("รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรม")
    assert "**" not in report.title
    assert report.intro.startswith("ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA")


@pytest.fixture
def reference_org(org):
    for name, short in [
        ("สำนักปลัด อบต.", "สำนักปลัด"),
        ("กองคลัง", "กองคลัง"),
        ("กองช่าง", "กองช่าง"),
        ("กองการศึกษา ศาสนาและวัฒนธรรม", "กองศึกษาฯ"),
    ]:
        Division.objects.create(org=org, name=name, short_name=short)
    for name in ["หัวหน้าสำนักปลัด อบต.", "นักทรัพยากรบุคคล", "นิติกร", "ผู้ดูแลเว็บไซต์"]:
        Position.objects.create(org=org, name=name)
    return org


def test_every_text_of_the_file_is_in_the_saved_plan(reference_org):
    plan = import_report(
        org=reference_org, fiscal_year=2566, data=REFERENCE.read_bytes(), filename=REFERENCE.name
    )
    steps = Step.objects.filter(measure__plan=plan)
    columns = {
        1: "method",
        2: "responsible",
        3: "period_label",
        4: "result",
        5: "suggestion",
    }
    for column, field in columns.items():
        saved = "\n".join(
            squash(text) for step in steps for text in getattr(step, field).split("\n")
        )
        for paragraph in file_paragraphs(column):
            assert paragraph in saved, (field, paragraph)
    assert Measure.objects.filter(plan=plan).count() == 6
    assert steps.count() == 12
    assert plan.intro.startswith("ตามที่ได้ดำเนินการ")


def test_responsible_text_links_divisions_and_positions(reference_org):
    plan = import_report(org=reference_org, fiscal_year=2566, data=REFERENCE.read_bytes())
    steps = list(Step.objects.filter(measure__plan=plan).order_by("measure__number", "order"))
    first = steps[0]
    assert first.responsible == "-สำนักปลัด อบต. - นักทรัพยากรบุคคล"
    assert [d.name for d in first.divisions.all()] == ["สำนักปลัด อบต."]
    assert [p.name for p in first.positions.all()] == ["นักทรัพยากรบุคคล"]
    # "สำนักปลัดอบต." without a space, and "กองศึกษาฯ" by its short name.
    all_divisions = {d.name for d in steps[2].divisions.all()}
    assert all_divisions == {
        "สำนักปลัด อบต.",
        "กองคลัง",
        "กองช่าง",
        "กองการศึกษา ศาสนาและวัฒนธรรม",
    }
    # The head of the division is a position, not the division itself.
    head = steps[3]
    assert head.responsible == "-หัวหน้าสำนักปลัดอบต.- ผู้ดูแล web"
    assert [p.name for p in head.positions.all()] == ["หัวหน้าสำนักปลัด อบต."]
    assert not head.divisions.exists()
