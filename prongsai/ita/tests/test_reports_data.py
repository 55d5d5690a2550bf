"""report_data: the one source of the O42/O43 reports, and what it costs in queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.ita import figures
from prongsai.ita.figures import Figure, Param
from prongsai.ita.models import Measure, Plan, Step
from prongsai.ita.reports import samples
from prongsai.ita.reports.data import report_data
from prongsai.orgs.models import Division

CASES = "{{cases channel=line start=2023-01-01 end=2023-03-31}}"


@pytest.fixture
def divisions_figure():
    """A figure with one query per batch: the number of the org's divisions."""
    figures.register(
        Figure(
            name="divisions",
            label="จำนวนกอง",
            params=(Param("of", "อะไร", required=False),),
            compute=lambda org, uses: [Division.objects.filter(org=org).count()] * len(uses),
        )
    )
    yield
    figures._registry.pop("divisions")


def plan_with(org, year, steps: int) -> Plan:
    plan = Plan.objects.create(org=org, fiscal_year=year)
    division = Division.objects.create(org=org, name=f"กองที่ {year}")
    for number in range(1, steps // 3 + 1):
        measure = Measure.objects.create(plan=plan, number=number, title="มาตรการ", tools=["EIT"])
        for order in range(3):
            step = Step.objects.create(
                measure=measure,
                order=order,
                method="ทำ",
                result=f"Line {CASES} ราย กอง {{{{divisions}}}} แห่ง",
            )
            step.divisions.set([division])
    return plan


def test_it_renders_the_reference_plan(org):
    plan = samples.reference_plan(org, 2566)
    data = report_data(plan)
    assert data["title"] == (
        "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใสของอบต.อลิซ ประจำปีงบประมาณ พ.ศ.๒๕๖๖"
    )
    assert data["columns"][-1] == "ข้อเสนอแนะ" and len(data["columns"]) == 6
    assert len(data["measures"]) == 6
    assert sum(len(m["steps"]) for m in data["measures"]) == 13
    first = data["measures"][0]
    assert first["heading"] == ["๑. การใช้ทรัพย์สินของทางราชการ (IIT)"]
    assert first["steps"][0]["period"] == ["มี.ค.-เม.ย. ๖๖"]
    five = data["measures"][4]["steps"][0]
    assert "-Line จำนวน – ราย" in five["result"]
    assert ["–", True] in five["result_pieces"][1]
    assert data["problems"] == []


def test_a_blank_responsible_prints_divisions_then_positions_and_months_make_the_period(org):
    plan = samples.reference_plan(org, 2566)
    step = plan.measures.get(number=3).steps.order_by("order").first()
    data = report_data(plan)
    row = data["measures"][2]["steps"][0]
    assert row["responsible"] == ["-สำนักปลัด อบต.", "-กองคลัง", "-กองช่าง", "-กองการศึกษาฯ"]
    assert row["period"] == ["ม.ค.-ก.ย. ๖๖"]
    assert report_data(plan, thai_digits=False)["measures"][2]["steps"][0]["period"] == [
        "ม.ค.-ก.ย. 66"
    ]
    assert step.period_label == ""


def test_o42_stops_after_the_period_and_computes_no_figure(org):
    plan = samples.reference_plan(org, 2566, satisfaction="{{nosuch}}")
    data = report_data(plan, "o42")
    assert data["columns"] == ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"]
    assert all(len(step["cells"]) == 3 for m in data["measures"] for step in m["steps"])
    assert data["title"] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ.๒๕๖๖"
    assert data["problems"] == []


def test_figure_problems_name_the_measure_and_step(org):
    plan = samples.reference_plan(org, 2566, satisfaction="{{nosuch}}")
    data = report_data(plan)
    [problem] = data["problems"]
    assert problem["measure"] == 4 and problem["step"] == 2
    assert problem["where"] == "มาตรการที่ ๔ วิธีการที่ ๒"
    assert "nosuch" in problem["problem"]
    assert "ร้อยละ ⟦?⟧" in data["measures"][3]["steps"][1]["result"][0]


def test_arabic_digits_on_request(org, divisions_figure):
    plan = plan_with(org, 2566, 3)
    thai = report_data(plan)
    arabic = report_data(plan, thai_digits=False)
    assert thai["measures"][0]["heading"] == ["๑. มาตรการ (EIT)"]
    assert arabic["measures"][0]["heading"] == ["1. มาตรการ (EIT)"]
    assert thai["measures"][0]["steps"][0]["result"] == ["Line – ราย กอง ๑ แห่ง"]
    assert arabic["measures"][0]["steps"][0]["result"] == ["Line – ราย กอง 1 แห่ง"]
    assert arabic["title"].endswith("พ.ศ.2566")


def test_queries_do_not_grow_with_steps_and_figures(org, divisions_figure):
    small, large = plan_with(org, 2566, 3), plan_with(org, 2567, 30)
    counts = []
    for plan in (small, large):
        plan = Plan.objects.select_related("org").get(pk=plan.pk)
        with CaptureQueriesContext(connection) as queries:
            data = report_data(plan)
        counts.append(len(queries))
        assert data["problems"] == []
    assert counts[0] == counts[1]
    assert counts[1] <= 7
