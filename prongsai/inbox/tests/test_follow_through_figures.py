"""Follow-through figures in the reports' live texts: `{{resolution_rate start=… end=…}}`."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.inbox.models import Case
from prongsai.inbox.tests.timelines import at, days, make_case
from prongsai.ita import figures
from prongsai.ita.figures import Days
from prongsai.ita.models import Measure, Plan, Step
from prongsai.ita.reports.data import report_data
from prongsai.orgs.tests.factories import DivisionFactory

JANUARY = "start=2023-01-01 end=2023-01-31"
NAMES = (
    "resolution_rate",
    "reopen_rate",
    "median_first_response_days",
    "median_resolve_days",
    "reopened",
)


@pytest.fixture
def january(org):
    roads = DivisionFactory(org=org, name="กองช่าง")
    make_case(org, at(2023, 1, 2, 9), answered=timedelta(hours=6), resolved=days(2))
    make_case(org, at(2023, 1, 3, 9), answered=days(1.5), resolved=days(5), reopens=1)
    make_case(
        org,
        at(2023, 1, 4, 9),
        answered=days(2),
        status=Case.Status.IN_PROGRESS,
        reopens=2,
        channel="web",
        division=roads,
    )
    make_case(org, at(2023, 1, 5, 9), kind="question")
    return roads


def texts(org, *texts, thai_digits=True):
    return [r.text for r in figures.render_texts(org, texts, thai_digits=thai_digits)]


def test_every_follow_through_figure_is_registered_with_the_case_parameters():
    for name in NAMES:
        figure = figures.get(name)
        assert figure is not None and figure.app == "inbox"
        assert [p.name for p in figure.params] == ["channel", "kind", "division", "start", "end"]


def test_they_print_as_a_report_prints_them(org, january):
    assert texts(
        org,
        f"แก้ไขแล้วร้อยละ {{{{resolution_rate {JANUARY}}}}}",
        f"ขอเปิดใหม่ร้อยละ {{{{reopen_rate {JANUARY}}}}}",
        f"ตอบสนองภายใน {{{{median_first_response_days {JANUARY}}}}}",
        f"แก้ไขภายใน {{{{median_resolve_days {JANUARY}}}}}",
        f"ขอเปิดใหม่ {{{{reopened {JANUARY}}}}} เรื่อง",
    ) == [
        "แก้ไขแล้วร้อยละ ๕๐",
        "ขอเปิดใหม่ร้อยละ ๖๖.๗",
        "ตอบสนองภายใน ๑.๕ วัน",
        "แก้ไขภายใน ๓.๕ วัน",
        "ขอเปิดใหม่ ๒ เรื่อง",
    ]
    assert texts(org, f"{{{{median_resolve_days {JANUARY}}}}}", thai_digits=False) == ["3.5 วัน"]


def test_filters_narrow_them_as_they_narrow_case_counts(org, january):
    assert texts(
        org,
        f"{{{{resolution_rate channel=line {JANUARY}}}}}",
        f"{{{{resolution_rate kind=question {JANUARY}}}}}",
        f"{{{{reopened division={january.pk} {JANUARY}}}}}",
        f"{{{{median_first_response_days channel=web kind=complaint {JANUARY}}}}}",
    ) == ["๖๖.๗", "๐", "๑", "๒ วัน"]  # LINE: two of three resolved


def test_a_figure_of_no_case_prints_a_dash_not_zero(org, other_org, january):
    empty = "start=2023-02-01 end=2023-02-28"
    rendered = figures.render_texts(org, [f"{{{{{name} {empty}}}}}" for name in NAMES])
    assert [r.text for r in rendered] == ["–"] * len(NAMES)
    assert all(r.problems == [] for r in rendered)
    # Another org's cases are not this org's figures.
    assert texts(other_org, f"{{{{resolution_rate {JANUARY}}}}}") == ["–"]


def test_a_period_that_ends_before_it_starts_is_marked(org, january):
    [rendered] = figures.render_texts(org, ["{{reopen_rate start=2023-01-31 end=2023-01-01}}"])
    assert rendered.text == figures.MISSING
    assert "วันสิ้นสุดอยู่ก่อนวันเริ่ม" in rendered.problems[0]


def test_many_uses_cost_a_query_per_figure_and_period(org, january):
    uses = [
        f"{{{{{name} {filters} {JANUARY}}}}}"
        for name in NAMES
        for filters in ("channel=line", "channel=web", "kind=complaint", f"division={january.pk}")
    ]
    uses += [f"{{{{{name} start=2023-02-01 end=2023-02-28}}}}" for name in NAMES]
    with CaptureQueriesContext(connection) as queries:
        figures.render_texts(org, uses)
    assert len(queries) == 2 * len(NAMES)


def test_days_and_no_figure_print_the_thai_way():
    assert figures.format_value(Days(Decimal("2.5"))) == "๒.๕ วัน"
    assert figures.format_value(Days(Decimal("2.0")), thai_digits=False) == "2 วัน"
    assert figures.format_value(None) == "–"


def test_the_o43_results_quote_them(org, january):
    plan = Plan.objects.create(org=org, fiscal_year=2566)
    measure = Measure.objects.create(plan=plan, number=1, title="รับเรื่องร้องเรียนและติดตามผล")
    Step.objects.create(
        measure=measure,
        order=1,
        method="ติดตามผลการแก้ไขเรื่องร้องเรียน",
        result=f"แก้ไขแล้วเสร็จร้อยละ {{{{resolution_rate {JANUARY}}}}} "
        f"ภายใน {{{{median_resolve_days {JANUARY}}}}} "
        f"ผู้แจ้งขอเปิดใหม่ {{{{reopened {JANUARY}}}}} ราย",
    )
    data = report_data(plan, "o43")
    [step] = data["measures"][0]["steps"]
    assert step["result"] == ["แก้ไขแล้วเสร็จร้อยละ ๕๐ ภายใน ๓.๕ วัน ผู้แจ้งขอเปิดใหม่ ๒ ราย"]
    assert data["problems"] == []
