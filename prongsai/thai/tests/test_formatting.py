from datetime import date

import pytest

from prongsai.thai.formatting import format_date, format_date_range, format_month_range


def test_date_in_full():
    assert format_date(date(2023, 1, 5)) == "๕ มกราคม ๒๕๖๖"
    assert format_date(date(2022, 12, 31)) == "๓๑ ธันวาคม ๒๕๖๕"


def test_date_short():
    assert format_date(date(2023, 1, 5), short=True) == "๕ ม.ค. ๖๖"
    assert format_date(date(1962, 4, 13), short=True) == "๑๓ เม.ย. ๐๕"


def test_date_with_arabic_digits():
    assert format_date(date(2023, 1, 5), thai_digits=False) == "5 มกราคม 2566"
    assert format_date(date(2023, 1, 5), short=True, thai_digits=False) == "5 ม.ค. 66"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2023, 3, 20), date(2023, 3, 22), "๒๐-๒๒ มีนาคม ๒๕๖๖"),
        (date(2023, 1, 18), date(2023, 1, 19), "๑๘-๑๙ มกราคม ๒๕๖๖"),
        (date(2023, 1, 30), date(2023, 2, 2), "๓๐ มกราคม - ๒ กุมภาพันธ์ ๒๕๖๖"),
        (date(2022, 12, 30), date(2023, 1, 2), "๓๐ ธันวาคม ๒๕๖๕ - ๒ มกราคม ๒๕๖๖"),
        (date(2022, 3, 20), date(2023, 3, 22), "๒๐ มีนาคม ๒๕๖๕ - ๒๒ มีนาคม ๒๕๖๖"),
        (date(2023, 1, 5), date(2023, 1, 5), "๕ มกราคม ๒๕๖๖"),
    ],
)
def test_date_range(start, end, expected):
    assert format_date_range(start, end) == expected


def test_date_range_with_arabic_digits():
    assert format_date_range(date(2023, 3, 20), date(2023, 3, 22), thai_digits=False) == (
        "20-22 มีนาคม 2566"
    )


def test_date_range_must_not_end_before_it_starts():
    with pytest.raises(ValueError):
        format_date_range(date(2023, 3, 22), date(2023, 3, 20))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2023, 3, 1), date(2023, 4, 30), "มี.ค.-เม.ย. ๖๖"),
        (date(2023, 1, 1), date(2023, 9, 30), "ม.ค.-ก.ย. ๖๖"),
        (date(2022, 10, 1), date(2023, 3, 31), "ต.ค. ๖๕-มี.ค. ๖๖"),
        (date(2023, 3, 1), date(2023, 3, 31), "มี.ค. ๖๖"),
        # Only the months count, not the days.
        (date(2023, 1, 31), date(2023, 4, 1), "ม.ค.-เม.ย. ๖๖"),
    ],
)
def test_month_range(start, end, expected):
    assert format_month_range(start, end) == expected


def test_month_range_with_full_year_and_arabic_digits():
    jan, jun = date(2023, 1, 1), date(2023, 6, 30)
    assert format_month_range(jan, jun, full_year=True) == "ม.ค.-มิ.ย. ๒๕๖๖"
    assert format_month_range(jan, jun, thai_digits=False) == "ม.ค.-มิ.ย. 66"
    oct_, mar = date(2022, 10, 1), date(2023, 3, 31)
    assert format_month_range(oct_, mar, full_year=True, thai_digits=False) == (
        "ต.ค. 2565-มี.ค. 2566"
    )


def test_month_range_must_not_end_before_it_starts():
    with pytest.raises(ValueError):
        format_month_range(date(2023, 4, 1), date(2023, 3, 31))
    # Days are ignored, so the same month the other way round is fine.
    assert format_month_range(date(2023, 3, 31), date(2023, 3, 1)) == "มี.ค. ๖๖"
