from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thai.calendar import (
    MONTH_ABBRS,
    MONTHS,
    be_year,
    ce_year,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_range,
    month_end,
    quarter_range,
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31))
ce_years = st.integers(min_value=1900, max_value=2400)


def test_months_start_in_january():
    assert len(MONTHS) == len(MONTH_ABBRS) == 12
    assert (MONTHS[0], MONTH_ABBRS[0]) == ("มกราคม", "ม.ค.")
    assert (MONTHS[2], MONTH_ABBRS[2]) == ("มีนาคม", "มี.ค.")
    assert (MONTHS[11], MONTH_ABBRS[11]) == ("ธันวาคม", "ธ.ค.")


def test_be_is_ce_plus_543():
    assert be_year(2023) == 2566
    assert ce_year(2566) == 2023


@given(ce_years)
def test_be_and_ce_are_inverse(year):
    assert ce_year(be_year(year)) == year


def test_fiscal_year_2566():
    assert fiscal_year_range(2566) == (date(2022, 10, 1), date(2023, 9, 30))


def test_fiscal_year_turns_on_1_october():
    assert fiscal_year(date(2022, 9, 30)) == 2565
    assert fiscal_year(date(2022, 10, 1)) == 2566
    assert fiscal_year(date(2023, 9, 30)) == 2566
    assert fiscal_year(date(2023, 10, 1)) == 2567


@given(ce_years)
def test_fiscal_year_edges_for_any_year(year):
    assert fiscal_year(date(year, 9, 30)) == year + 543
    assert fiscal_year(date(year, 10, 1)) == year + 544


@given(dates)
def test_fiscal_year_range_holds_the_date(d):
    start, end = fiscal_year_range(fiscal_year(d))
    assert start <= d <= end
    assert (start.month, start.day, end.month, end.day) == (10, 1, 9, 30)
    assert end.year == start.year + 1


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2022, 10, 1), (2566, 1)),
        (date(2022, 12, 31), (2566, 1)),
        (date(2023, 1, 1), (2566, 2)),
        (date(2023, 3, 31), (2566, 2)),
        (date(2023, 4, 1), (2566, 3)),
        (date(2023, 6, 30), (2566, 3)),
        (date(2023, 7, 1), (2566, 4)),
        (date(2023, 9, 30), (2566, 4)),
        (date(2023, 10, 1), (2567, 1)),
    ],
)
def test_fiscal_quarter(d, expected):
    assert fiscal_quarter(d) == expected


def test_quarter_ranges_of_2566():
    assert quarter_range(2566, 1) == (date(2022, 10, 1), date(2022, 12, 31))
    assert quarter_range(2566, 2) == (date(2023, 1, 1), date(2023, 3, 31))
    assert quarter_range(2566, 3) == (date(2023, 4, 1), date(2023, 6, 30))
    assert quarter_range(2566, 4) == (date(2023, 7, 1), date(2023, 9, 30))


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_quarter_must_be_1_to_4(quarter):
    with pytest.raises(ValueError):
        quarter_range(2566, quarter)


@given(dates)
def test_quarter_range_holds_the_date(d):
    start, end = quarter_range(*fiscal_quarter(d))
    assert start <= d <= end


@given(st.integers(min_value=2443, max_value=2943))
def test_quarters_tile_the_fiscal_year(fy):
    quarters = [quarter_range(fy, q) for q in (1, 2, 3, 4)]
    assert (quarters[0][0], quarters[-1][1]) == fiscal_year_range(fy)
    for (_, end), (next_start, _) in pairwise(quarters):
        assert end + timedelta(days=1) == next_start


def test_month_end():
    assert month_end(2023, 2) == date(2023, 2, 28)
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2023, 4) == date(2023, 4, 30)
    assert month_end(2023, 12) == date(2023, 12, 31)


@given(dates)
def test_month_end_is_the_last_day(d):
    end = month_end(d.year, d.month)
    assert (end.year, end.month) == (d.year, d.month)
    assert (end + timedelta(days=1)).day == 1
