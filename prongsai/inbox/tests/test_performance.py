"""Follow-through figures: resolution and reopen rates, median days to answer and resolve."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.inbox import performance
from prongsai.inbox.models import Case
from prongsai.inbox.performance import Timeline
from prongsai.inbox.tests.timelines import at, days, make_case
from prongsai.orgs.tests.factories import DivisionFactory

Status = Case.Status
JANUARY = {"start": date(2023, 1, 1), "end": date(2023, 1, 31)}


@pytest.fixture
def january(org):
    """Four cases of January 2023 whose figures are worked out by hand below."""
    return [
        make_case(org, at(2023, 1, 2, 9), answered=timedelta(hours=6), resolved=days(2)),
        make_case(org, at(2023, 1, 3, 9), answered=days(1.5), resolved=days(5), reopens=1),
        # Reopened twice and not resolved again yet.
        make_case(org, at(2023, 1, 4, 9), answered=days(2), status=Status.IN_PROGRESS, reopens=2),
        make_case(org, at(2023, 1, 5, 9)),  # nobody answered it
    ]


def test_the_figures_of_hand_built_cases(org, january):
    figures = performance.follow_through(org=org, **JANUARY)
    assert figures == performance.FollowThrough(
        received=4,
        resolved=2,
        answered=3,
        reopened=2,
        reopens=3,
        resolution_rate=Decimal("50.0"),
        median_first_response_days=Decimal("1.5"),  # of 0.25, 1.5 and 2
        median_resolve_days=Decimal("3.5"),  # of 2 and 5
        # Ever resolved: the two resolved now and the one reopened since.
        reopen_rate=Decimal("66.7"),
    )
    assert figures.as_dict()["reopen_rate"] == Decimal("66.7")


def test_no_case_gives_no_rates_and_no_medians(org):
    figures = performance.follow_through(org=org, **JANUARY)
    assert (figures.received, figures.resolved, figures.reopened, figures.reopens) == (0, 0, 0, 0)
    assert figures.resolution_rate is None and figures.reopen_rate is None
    assert figures.median_first_response_days is None and figures.median_resolve_days is None


def test_an_unanswered_case_counts_as_received_only(org):
    make_case(org, at(2023, 1, 5, 9))
    figures = performance.follow_through(org=org, **JANUARY)
    assert (figures.received, figures.answered, figures.resolved) == (1, 0, 0)
    assert figures.resolution_rate == Decimal("0.0")
    assert figures.median_first_response_days is None
    assert figures.reopen_rate is None  # nothing was ever resolved


def test_a_rejected_case_is_not_resolved(org):
    make_case(org, at(2023, 1, 5, 9), answered=days(1), resolved=days(1), status=Status.REJECTED)
    figures = performance.follow_through(org=org, **JANUARY)
    assert (figures.resolved, figures.resolution_rate, figures.median_resolve_days) == (
        0,
        Decimal("0.0"),
        None,
    )


def test_the_period_is_bangkok_days_both_included(org):
    make_case(org, at(2022, 12, 31, 23, 59), resolved=days(1))  # the day before
    make_case(org, at(2023, 1, 1, 0, 0), resolved=days(1))
    make_case(org, at(2023, 1, 31, 23, 30), resolved=days(1))
    make_case(org, at(2023, 2, 1, 0, 5))  # the day after
    figures = performance.follow_through(org=org, **JANUARY)
    assert (figures.received, figures.resolved) == (2, 2)


def test_kinds_channels_and_division_narrow_it(org):
    roads = DivisionFactory(org=org, name="กองช่าง")
    make_case(org, at(2023, 1, 2, 9), resolved=days(1), division=roads)
    make_case(org, at(2023, 1, 2, 9), channel="web", kind="question")
    make_case(org, at(2023, 1, 2, 9), channel="staff", kind="budget", resolved=days(3))

    def received(**filters) -> int:
        return performance.follow_through(org=org, **JANUARY, **filters).received

    assert received() == 3
    assert received(kinds=["complaint", "question"]) == 2
    assert received(kinds=[]) == 0
    assert received(channels=["line", "web"]) == 2
    assert received(kinds=["budget"], channels=["line"]) == 0
    assert received(division=roads.pk) == 1


def test_other_orgs_cases_are_not_counted(org, other_org):
    make_case(other_org, at(2023, 1, 2, 9), resolved=days(1), reopens=1)
    assert performance.follow_through(org=org, **JANUARY).received == 0
    assert performance.follow_through_with_groups(org=org, **JANUARY, by="channel")[1] == {}


def test_figures_per_channel_kind_and_division(org, january):
    roads = DivisionFactory(org=org, name="กองช่าง")
    make_case(org, at(2023, 1, 6, 9), channel="web", kind="question", division=roads)
    make_case(org, at(2023, 1, 7, 9), channel="web", resolved=days(1), division=roads)

    total, by_channel = performance.follow_through_with_groups(org=org, **JANUARY, by="channel")
    assert list(by_channel) == ["line", "web"]
    assert by_channel["line"] == performance.follow_through(org=org, **JANUARY, channels=["line"])
    assert (by_channel["web"].received, by_channel["web"].resolution_rate) == (2, Decimal("50.0"))
    assert total == performance.follow_through(org=org, **JANUARY)
    assert total.received == 6

    _total, by_kind = performance.follow_through_with_groups(org=org, **JANUARY, by="kind")
    assert {kind: f.received for kind, f in by_kind.items()} == {"complaint": 5, "question": 1}

    # Divisions by name, as the case statistics count them; "" for cases not routed.
    _total, by_division = performance.follow_through_with_groups(org=org, **JANUARY, by="division")
    assert {name: f.received for name, f in by_division.items()} == {"": 4, "กองช่าง": 2}
    assert by_division[""].reopened == 2


def test_an_unknown_grouping_is_refused(org):
    with pytest.raises(ValueError):
        performance.follow_through_with_groups(org=org, **JANUARY, by="status")


def test_it_costs_one_query(org, january, django_assert_num_queries):
    with django_assert_num_queries(1):
        performance.follow_through_with_groups(org=org, **JANUARY, by="channel")
    with django_assert_num_queries(1):
        performance.follow_through(org=org, **JANUARY)


# The same arithmetic over any cases: what a figure can never be.

START = datetime(2023, 1, 1, 9)
spans = st.integers(min_value=0, max_value=90 * 86400).map(lambda s: timedelta(seconds=s))


@st.composite
def timelines(draw) -> Timeline:
    status = draw(st.sampled_from(Status.values))
    answered = draw(st.none() | spans)
    closed = draw(spans) if status not in Case.OPEN_STATUSES else None
    return Timeline(
        received_at=START,
        first_response_at=START + answered if answered is not None else None,
        closed_at=START + closed if closed is not None else None,
        status=status,
        reopen_count=draw(st.integers(min_value=0, max_value=3)),
    )


def _within(median: Decimal | None, spans: list[timedelta]) -> bool:
    if not spans:
        return median is None
    low, high = (Decimal(s.total_seconds()) / performance.DAY for s in (min(spans), max(spans)))
    # The median is rounded to a tenth of a day.
    return low - Decimal("0.05") <= median <= high + Decimal("0.05")


@given(st.lists(timelines(), max_size=30))
def test_rates_are_percents_and_medians_lie_among_the_spans(rows):
    figures = performance.summarize(rows)
    for rate in (figures.resolution_rate, figures.reopen_rate):
        assert rate is None or Decimal(0) <= rate <= Decimal(100)
    assert (figures.resolution_rate is None) == (figures.received == 0)
    assert figures.resolved <= figures.received and figures.answered <= figures.received
    assert figures.reopened <= figures.reopens <= 3 * figures.reopened
    answered = [r.first_response_at - r.received_at for r in rows if r.first_response_at]
    resolved = [r.closed_at - r.received_at for r in rows if r.status == Status.RESOLVED]
    assert _within(figures.median_first_response_days, answered)
    assert _within(figures.median_resolve_days, resolved)
