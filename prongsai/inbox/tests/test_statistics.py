"""Case statistics: counts per channel, kind, division and status over fiscal-year periods."""

from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from prongsai.inbox import services, statistics
from prongsai.inbox.models import Case
from prongsai.inbox.selectors import case_counts
from prongsai.orgs.models import Organization
from prongsai.orgs.tests.factories import DivisionFactory

BANGKOK = timezone.get_fixed_timezone(7 * 60)
Channel, Kind, Status = Case.Channel, Case.Kind, Case.Status


def make_case(org, at, channel=Channel.LINE, kind=Kind.COMPLAINT, **kwargs) -> Case:
    return services.submit_case(
        org=org, channel=channel, kind=kind, subject="ถนนชำรุด", received_at=at, **kwargs
    )


def row(table, key):
    return next(r for r in table.rows if r.key == key)


def test_the_demo_quarter_gives_the_reports_line_17_and_live_chat_2(db):
    call_command("demo", verbosity=0)
    org = Organization.objects.get(slug="prasat-thong")

    counts = case_counts(org=org, start=date(2023, 1, 1), end=date(2023, 3, 31), by="channel")
    # The staff's own budget questions of that quarter come by the staff channel.
    assert counts == {"line": 17, "livechat": 2, "staff": 2}

    table = statistics.case_table(
        org=org,
        fiscal_year=2566,
        rows="channel",
        period="quarter",
        kinds=statistics.COMPLAINT_KINDS,
    )
    assert row(table, "line").counts == (0, 17, 0, 0)
    assert row(table, "livechat").counts == (0, 2, 0, 0)
    assert row(table, "webboard").total == row(table, "qa").total == 0
    assert table.totals == (0, 19, 0, 0)


def test_periods_of_a_fiscal_year():
    months = statistics.period_ranges(2566, "month")
    assert [m.key for m in months][:4] == ["2022-10", "2022-11", "2022-12", "2023-01"]
    assert (months[0].start, months[-1].end) == (date(2022, 10, 1), date(2023, 9, 30))
    assert months[4].end == date(2023, 2, 28)
    assert months[3].name == "ม.ค. 66"

    quarters = statistics.period_ranges(2566, "quarter")
    assert [(q.start, q.end) for q in quarters] == [
        (date(2022, 10, 1), date(2022, 12, 31)),
        (date(2023, 1, 1), date(2023, 3, 31)),
        (date(2023, 4, 1), date(2023, 6, 30)),
        (date(2023, 7, 1), date(2023, 9, 30)),
    ]
    assert (quarters[1].name, quarters[1].months) == ("ไตรมาส 2", "ม.ค.-มี.ค. 66")

    halves = statistics.period_ranges(2566, "half")
    assert [(h.start, h.end) for h in halves] == [
        (date(2022, 10, 1), date(2023, 3, 31)),
        (date(2023, 4, 1), date(2023, 9, 30)),
    ]
    assert halves[0].months == "ต.ค. 65-มี.ค. 66"

    (year,) = statistics.period_ranges(2566, "year")
    assert (year.start, year.end, year.name) == (
        date(2022, 10, 1),
        date(2023, 9, 30),
        "ปีงบประมาณ 2566",
    )


def test_the_last_minute_of_september_and_the_first_of_october_fall_in_different_years(org):
    make_case(org, datetime(2023, 9, 30, 23, 59, 59, tzinfo=BANGKOK))
    make_case(org, datetime(2023, 10, 1, 0, 0, tzinfo=BANGKOK), channel=Channel.WEBBOARD)

    fy2566 = statistics.case_table(org=org, fiscal_year=2566, rows="channel", period="quarter")
    fy2567 = statistics.case_table(org=org, fiscal_year=2567, rows="channel", period="quarter")
    assert row(fy2566, "line").counts == (0, 0, 0, 1)
    assert row(fy2566, "webboard").total == 0
    assert row(fy2567, "webboard").counts == (1, 0, 0, 0)
    assert row(fy2567, "line").total == 0
    # In UTC both are still 30 September: the edge is Bangkok's midnight, not UTC's.
    months = statistics.case_table(org=org, fiscal_year=2566, rows="channel", period="month")
    assert months.totals[-1] == 1


def test_every_channel_kind_and_status_is_a_row_even_without_cases(org):
    for rows, values in [
        ("channel", Channel.values),
        ("kind", Kind.values),
        ("status", Status.values),
    ]:
        table = statistics.case_table(org=org, fiscal_year=2566, rows=rows, period="half")
        assert [r.key for r in table.rows] == values
        assert all(r.counts == (0, 0) for r in table.rows)
        assert table.total == 0
    labels = [r.label for r in statistics.case_table(org=org, fiscal_year=2566).rows]
    assert "LINE" in labels and "เว็บบอร์ด" in labels


def test_counts_by_kind_and_status_per_half_year(org):
    make_case(org, datetime(2022, 11, 5, 10, tzinfo=BANGKOK))
    make_case(org, datetime(2023, 5, 5, 10, tzinfo=BANGKOK), kind=Kind.QUESTION)
    closed = make_case(org, datetime(2023, 6, 5, 10, tzinfo=BANGKOK))
    services.close_case(case=closed, status=Status.RESOLVED, resolution="ซ่อมแล้ว", actor=None)

    kinds = statistics.case_table(org=org, fiscal_year=2566, rows="kind", period="half")
    assert row(kinds, "complaint").counts == (1, 1)
    assert row(kinds, "question").counts == (0, 1)
    statuses = statistics.case_table(org=org, fiscal_year=2566, rows="status", period="half")
    assert row(statuses, "received").counts == (1, 1)
    assert row(statuses, "resolved").counts == (0, 1)
    assert statuses.period_totals[1][1] == 2


def test_divisions_are_the_orgs_own_plus_not_assigned_when_needed(org, other_org):
    roads = DivisionFactory(org=org, name="กองช่าง", order=2)
    office = DivisionFactory(org=org, name="สำนักปลัด", order=1)
    DivisionFactory(org=other_org, name="กองคลัง")
    make_case(org, datetime(2023, 1, 5, 10, tzinfo=BANGKOK), division=roads)
    make_case(org, datetime(2023, 8, 5, 10, tzinfo=BANGKOK), division=roads)

    table = statistics.case_table(org=org, fiscal_year=2566, rows="division", period="quarter")
    assert [(r.label, r.counts) for r in table.rows] == [
        (office.name, (0, 0, 0, 0)),
        (roads.name, (0, 1, 0, 1)),
    ]

    make_case(org, datetime(2023, 2, 5, 10, tzinfo=BANGKOK))
    table = statistics.case_table(org=org, fiscal_year=2566, rows="division", period="year")
    assert [(r.label, r.counts) for r in table.rows][-1] == ("ไม่ระบุสำนัก/กอง", (1,))


def test_complaint_kinds_limit_the_count(org):
    make_case(org, datetime(2023, 1, 5, 10, tzinfo=BANGKOK))
    make_case(org, datetime(2023, 1, 6, 10, tzinfo=BANGKOK), kind=Kind.CORRUPTION)
    make_case(org, datetime(2023, 1, 7, 10, tzinfo=BANGKOK), kind=Kind.QUESTION)

    everything = statistics.case_table(org=org, fiscal_year=2566, period="year")
    complaints = statistics.case_table(
        org=org, fiscal_year=2566, period="year", kinds=statistics.COMPLAINT_KINDS
    )
    assert row(everything, "line").counts == (3,)
    assert row(complaints, "line").counts == (2,)


def test_another_orgs_cases_are_not_counted(org, other_org):
    make_case(other_org, datetime(2023, 1, 5, 10, tzinfo=BANGKOK))
    assert statistics.case_table(org=org, fiscal_year=2566).total == 0
    assert case_counts(org=org, start=date(2023, 1, 1), end=date(2023, 1, 31), by="channel") == {}


def test_counting_is_one_query_per_period_whatever_the_number_of_cases(
    org, django_assert_num_queries
):
    for day in range(1, 29):
        make_case(org, datetime(2023, 2, day, 10, tzinfo=BANGKOK))
    with django_assert_num_queries(12):
        table = statistics.case_table(org=org, fiscal_year=2566, rows="channel", period="month")
    assert row(table, "line").counts[4] == 28
    with django_assert_num_queries(4):
        statistics.case_table(org=org, fiscal_year=2566, rows="kind", period="quarter")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan output")
def test_a_quarter_is_read_from_the_index_range_alone(org):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        case_counts(org=org, start=date(2023, 1, 1), end=date(2023, 3, 31), by="channel")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {queries[0]['sql']}")
        plan = " ".join(r[-1] for r in cursor.fetchall())
    assert "COVERING INDEX" in plan and "received_at>? AND received_at<?" in plan, plan


def test_fiscal_years_run_from_the_first_case_to_this_year(org, other_org):
    this_year = statistics.current_fiscal_year()
    assert statistics.fiscal_years(org=org) == [this_year]
    make_case(org, datetime(2022, 12, 1, 10, tzinfo=BANGKOK))
    make_case(other_org, datetime(2015, 12, 1, 10, tzinfo=BANGKOK))
    assert statistics.fiscal_years(org=org) == list(range(this_year, 2565, -1))


def test_unknown_rows_or_period_are_refused(org):
    with pytest.raises(ValueError):
        statistics.case_table(org=org, fiscal_year=2566, rows="reporter_name")
    with pytest.raises(ValueError):
        statistics.case_table(org=org, fiscal_year=2566, period="week")
