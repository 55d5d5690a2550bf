import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thai.calendar import MONTH_ABBRS, MONTHS, month_end
from prongsai.thai.digits import count_or_dash
from prongsai.thai.formatting import format_date, format_date_range, format_month_range
from prongsai.thai.parsing import (
    ThaiParseError,
    parse_count,
    parse_date,
    parse_date_range,
    parse_month_range,
)

# The years every format can write: four-digit BE, and two-digit BE 25xx.
any_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31))
dates_of_25xx = st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31))
separators = st.sampled_from(["-", " - ", "–", " – ", "—", "ถึง", " ถึง "])


def ordered(a: date, b: date) -> tuple[date, date]:
    return min(a, b), max(a, b)


# Every period written in the reference O43 report of อบต.ปราสาททอง, FY 2566.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("มี.ค.-เม.ย. ๖๖", (date(2023, 3, 1), date(2023, 4, 30))),
        ("ม.ค.-เม.ย. ๖๖", (date(2023, 1, 1), date(2023, 4, 30))),
        ("มี.ค.-ก.ย. ๖๖", (date(2023, 3, 1), date(2023, 9, 30))),
        ("มี.ค.-ก.ย. 66", (date(2023, 3, 1), date(2023, 9, 30))),
        ("ม.ค.-มิ.ย.๒๕๖๖", (date(2023, 1, 1), date(2023, 6, 30))),
        ("ม.ค.-ก.ย. ๖๖", (date(2023, 1, 1), date(2023, 9, 30))),
        ("ม.ค.-ก.ย. 66", (date(2023, 1, 1), date(2023, 9, 30))),
        ("ม.ค.-ก.ย. ๒๕๖๖", (date(2023, 1, 1), date(2023, 9, 30))),
        ("ก.พ.-มิ.ย. ๒๕๖๖", (date(2023, 2, 1), date(2023, 6, 30))),
        ("ระหว่าง เดือนมกราคม-มีนาคม ๒๕๖๖", (date(2023, 1, 1), date(2023, 3, 31))),
    ],
)
def test_reference_month_ranges(text, expected):
    assert parse_month_range(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("เมื่อวันที่ ๒๐-๒๒ มีนาคม ๒๕๖๖", (date(2023, 3, 20), date(2023, 3, 22))),
        ("วันที่ ๑๘-๑๙ มกราคม ๒๕๖๖", (date(2023, 1, 18), date(2023, 1, 19))),
        ("เมื่อวันที่ ๕ มกราคม ๒๕๖๖", (date(2023, 1, 5), date(2023, 1, 5))),
    ],
)
def test_reference_date_ranges(text, expected):
    assert parse_date_range(text) == expected


def test_reference_date():
    assert parse_date("๕ มกราคม ๒๕๖๖") == date(2023, 1, 5)
    assert parse_date("เมื่อวันที่ ๕ มกราคม ๒๕๖๖") == date(2023, 1, 5)


def test_reference_counts():
    # "-Line จำนวน ๑๗ ราย -live chat จำนวน ๒ ราย -webbord จำนวน – ราย"
    assert [parse_count(n) for n in ("๑๗", "๒", "–")] == [17, 2, 0]


@pytest.mark.parametrize(
    "text",
    [
        "๕ มกราคม ๒๕๖๖",
        "5 มกราคม 2566",
        "๐๕ มกราคม พ.ศ. ๒๕๖๖",
        "๕ มกราคม พ.ศ ๒๕๖๖",
        "๕ มกราคม พศ. ๒๕๖๖",
        "วันที่ ๕ ม.ค. ๖๖",
        "วันที่๕ ม.ค.๖๖",
        "เมื่อวันที่ 5 มค. 66",
        "5 ม.ค 66",
        "5 ม. ค. 66",
        "๕มกราคม๒๕๖๖",
        "5 ม.ค.พ.ศ.2566",
        "  ๕\u00a0มกราคม\u00a0๒๕๖๖  ",
        "๕ มกรา\u200bคม ๒๕๖๖",
    ],
)
def test_date_spellings(text):
    assert parse_date(text) == date(2023, 1, 5)


def test_common_misspellings_of_months():
    assert parse_date("๑ กุมภาพันธ ๒๕๖๖") == date(2023, 2, 1)
    assert parse_date("๑ กรกฏาคม ๒๕๖๖") == date(2023, 7, 1)


def month_spellings(month: int) -> list[str]:
    abbr = MONTH_ABBRS[month - 1]
    return [
        MONTHS[month - 1],
        abbr,
        abbr.rstrip("."),
        abbr.replace(".", ""),
        abbr.replace(".", ". ").strip(),
    ]


@pytest.mark.parametrize(
    ("month", "spelling"),
    [(month, spelling) for month in range(1, 13) for spelling in month_spellings(month)],
)
def test_every_month_in_every_spelling(month, spelling):
    assert parse_date(f"1 {spelling} 2566") == date(2023, month, 1)
    assert parse_date(f"๑{spelling}๖๖") == date(2023, month, 1)
    assert parse_month_range(f"{spelling}-{spelling} ๖๖") == (
        date(2023, month, 1),
        month_end(2023, month),
    )


@pytest.mark.parametrize(
    "text",
    [
        "มี.ค.-เม.ย. ๖๖",
        "มี.ค - เม.ย ๖๖",
        "มีค-เมย 66",
        "มี. ค. – เม. ย. 66",
        "มี.ค.—เม.ย. พ.ศ. ๒๕๖๖",
        "มี.ค. ถึง เม.ย. พ.ศ ๒๕๖๖",
        "มี.ค.ถึงเม.ย.66",
        "มีนาคม - เมษายน ๒๕๖๖",
        "เดือนมีนาคม ถึง เดือนเมษายน ๒๕๖๖",
        "ระหว่างเดือน มี.ค.-เม.ย. ๖๖",
        "ตั้งแต่ มี.ค. ๖๖ ถึง เม.ย. ๖๖",
        "มี.ค.\u00a0-\u00a0เม.ย.\u00a0๖๖",
    ],
)
def test_month_range_spellings(text):
    assert parse_month_range(text) == (date(2023, 3, 1), date(2023, 4, 30))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A start month after the end month, with one year, starts a year earlier.
        ("ต.ค.-มี.ค. ๖๖", (date(2022, 10, 1), date(2023, 3, 31))),
        ("ต.ค.-ก.ย. ๒๕๖๖", (date(2022, 10, 1), date(2023, 9, 30))),
        ("ต.ค.-ธ.ค. ๖๖", (date(2023, 10, 1), date(2023, 12, 31))),
        ("ต.ค. ๖๕-มี.ค. ๖๖", (date(2022, 10, 1), date(2023, 3, 31))),
        ("ม.ค. ๖๕-มี.ค. ๖๖", (date(2022, 1, 1), date(2023, 3, 31))),
        ("มี.ค. ๖๖", (date(2023, 3, 1), date(2023, 3, 31))),
        ("ก.พ. ๖๗", (date(2024, 2, 1), date(2024, 2, 29))),
        ("ก.พ. ๖๖", (date(2023, 2, 1), date(2023, 2, 28))),
        ("ธ.ค. ๐๐", (date(1957, 12, 1), date(1957, 12, 31))),
        ("ม.ค. ๙๙", (date(2056, 1, 1), date(2056, 1, 31))),
    ],
)
def test_month_ranges(text, expected):
    assert parse_month_range(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๒๐ - ๒๒ มีนาคม ๒๕๖๖", (date(2023, 3, 20), date(2023, 3, 22))),
        ("๒๐–๒๒ มี.ค. ๖๖", (date(2023, 3, 20), date(2023, 3, 22))),
        ("วันที่ ๒๐ ถึง ๒๒ มีนาคม ๒๕๖๖", (date(2023, 3, 20), date(2023, 3, 22))),
        (
            "ตั้งแต่วันที่ ๒๐ มีนาคม ถึงวันที่ ๒๒ มีนาคม ๒๕๖๖",
            (date(2023, 3, 20), date(2023, 3, 22)),
        ),
        ("๓๐ ม.ค. - ๒ ก.พ. ๖๖", (date(2023, 1, 30), date(2023, 2, 2))),
        ("๓๐ ธ.ค. - ๒ ม.ค. ๖๖", (date(2022, 12, 30), date(2023, 1, 2))),
        ("๓๐ ธันวาคม ๒๕๖๕ - ๒ มกราคม ๒๕๖๖", (date(2022, 12, 30), date(2023, 1, 2))),
        ("๕ มกราคม ๒๕๖๖", (date(2023, 1, 5), date(2023, 1, 5))),
        ("๕-๕ มกราคม ๒๕๖๖", (date(2023, 1, 5), date(2023, 1, 5))),
    ],
)
def test_date_ranges(text, expected):
    assert parse_date_range(text) == expected


def test_parse_error_is_a_value_error():
    assert issubclass(ThaiParseError, ValueError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("๓๑ กุมภาพันธ์ ๒๕๖๖", "วันที่ ๓๑ กุมภาพันธ์ ๒๕๖๖ ไม่มีจริง"),
        ("29 ก.พ. 66", "วันที่ ๒๙ กุมภาพันธ์ ๒๕๖๖ ไม่มีจริง"),
        ("๐ มกราคม ๒๕๖๖", "วันที่ ๐ มกราคม ๒๕๖๖ ไม่มีจริง"),
        ("๓๑ เม.ย. ๖๖", "วันที่ ๓๑ เมษายน ๒๕๖๖ ไม่มีจริง"),
    ],
)
def test_date_that_does_not_exist(text, message):
    with pytest.raises(ThaiParseError) as error:
        parse_date(text)
    assert str(error.value) == message


def test_29_february_of_a_leap_year_exists():
    assert parse_date("29 ก.พ. 67") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "อ่านวันที่ไม่ได้"),
        ("hello", "อ่านวันที่ไม่ได้"),
        ("มกราคม ๒๕๖๖", "อ่านวันที่ไม่ได้"),
        ("๑๒๓ มกราคม ๒๕๖๖", "อ่านวันที่ไม่ได้"),
        ("5/1/2566", "อ่านวันที่ไม่ได้"),
        ("2023-01-05", "อ่านวันที่ไม่ได้"),
        ("๒๐-๒๒ มีนาคม ๒๕๖๖", "อ่านวันที่ไม่ได้"),
        ("๕ มกราคม ๒๕๖๖ ๒๕๖๗", "อ่านวันที่ไม่ได้"),
        ("๕ มกราคม", "ไม่ได้ระบุปี พ.ศ."),
        ("๕ มกราคม พ.ศ.", "ไม่ได้ระบุปี พ.ศ."),
        ("5 มกราคม 2023", "ปี ๒๐๒๓ ไม่ใช่ปี พ.ศ."),
        ("5 มกราคม 566", "ปี ๕๖๖ ไม่ใช่ปี พ.ศ."),
        ("5 มกราคม 3000", "ปี ๓๐๐๐ ไม่ใช่ปี พ.ศ."),
    ],
)
def test_unreadable_date(text, message):
    with pytest.raises(ThaiParseError, match=f"^{re.escape(message)}"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("๒๒-๒๐ มีนาคม ๒๕๖๖", "ช่วงเวลาสิ้นสุดก่อนเริ่มต้น"),
        # The same month the wrong way round is a slip, not a period of almost a year.
        ("๕ มี.ค. - ๓ มี.ค. ๖๖", "ช่วงเวลาสิ้นสุดก่อนเริ่มต้น"),
        ("๒ มกราคม ๒๕๖๖ - ๓๐ ธันวาคม ๒๕๖๕", "ช่วงเวลาสิ้นสุดก่อนเริ่มต้น"),
        ("๒๐-๒๒ มีนาคม", "ไม่ได้ระบุปี พ.ศ."),
        ("๒๐ มีนาคม ๒๕๖๖ -", "อ่านช่วงวันที่ไม่ได้"),
        ("- ๒๐ มีนาคม ๒๕๖๖", "อ่านช่วงวันที่ไม่ได้"),
        ("๑-๒-๓ มีนาคม ๒๕๖๖", "อ่านช่วงวันที่ไม่ได้"),
        ("มีนาคม - ๒ เมษายน ๒๕๖๖", "อ่านช่วงวันที่ไม่ได้"),
        ("๒๐-๓๒ มีนาคม ๒๕๖๖", "วันที่ ๓๒ มีนาคม ๒๕๖๖ ไม่มีจริง"),
        ("๓๑-๓๑ เมษายน ๒๕๖๖", "วันที่ ๓๑ เมษายน ๒๕๖๖ ไม่มีจริง"),
    ],
)
def test_unreadable_date_range(text, message):
    with pytest.raises(ThaiParseError, match=f"^{re.escape(message)}"):
        parse_date_range(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("เม.ย. ๖๖-ม.ค. ๖๖", "ช่วงเวลาสิ้นสุดก่อนเริ่มต้น"),
        ("ม.ค.-เม.ย.", "ไม่ได้ระบุปี พ.ศ."),
        ("ม.ค. ๖๖-เม.ย.", "ไม่ได้ระบุปี พ.ศ."),
        ("๕ ม.ค.-เม.ย. ๖๖", "อ่านช่วงเดือนไม่ได้"),
        ("๒๕๖๖", "อ่านช่วงเดือนไม่ได้"),
        ("ม.ค.-เม.ย.-มิ.ย. ๖๖", "อ่านช่วงเดือนไม่ได้"),
        ("Jan-Apr 2023", "อ่านช่วงเดือนไม่ได้"),
        ("ม.ค.-เม.ย. 2023", "ปี ๒๐๒๓ ไม่ใช่ปี พ.ศ."),
    ],
)
def test_unreadable_month_range(text, message):
    with pytest.raises(ThaiParseError, match=f"^{re.escape(message)}"):
        parse_month_range(text)


def test_unreadable_text_is_quoted_in_the_message():
    with pytest.raises(ThaiParseError) as error:
        parse_month_range("ไตรมาสแรก")
    assert "“ไตรมาสแรก”" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("–", 0), ("-", 0), ("—", 0), (" ๑๗ ", 17), ("17", 17), ("๑,๒๓๔", 1234), ("0", 0)],
)
def test_counts(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "๑๗ ราย", "-5", "1,23", "12,3456", "1.5", "--", "1" * 19])
def test_unreadable_count(text):
    with pytest.raises(ThaiParseError, match=r"^อ่านจำนวนไม่ได้"):
        parse_count(text)


@given(any_dates, st.booleans())
def test_full_date_round_trip(d, thai_digits):
    assert parse_date(format_date(d, thai_digits=thai_digits)) == d


@given(dates_of_25xx, st.booleans())
def test_short_date_round_trip(d, thai_digits):
    assert parse_date(format_date(d, short=True, thai_digits=thai_digits)) == d


@given(any_dates, any_dates, st.booleans(), separators)
def test_date_range_round_trip(a, b, thai_digits, separator):
    start, end = ordered(a, b)
    text = format_date_range(start, end, thai_digits=thai_digits)
    assert parse_date_range(text) == (start, end)
    assert parse_date_range(text.replace("-", separator)) == (start, end)


@given(any_dates, any_dates, st.booleans(), separators)
def test_month_range_round_trip_with_full_year(a, b, thai_digits, separator):
    start, end = ordered(a, b)
    text = format_month_range(start, end, thai_digits=thai_digits, full_year=True)
    expected = (start.replace(day=1), month_end(end.year, end.month))
    assert parse_month_range(text) == expected
    assert parse_month_range(text.replace("-", separator)) == expected


@given(dates_of_25xx, dates_of_25xx, st.booleans())
def test_month_range_round_trip_with_short_year(a, b, thai_digits):
    start, end = ordered(a, b)
    text = format_month_range(start, end, thai_digits=thai_digits)
    assert parse_month_range(text) == (start.replace(day=1), month_end(end.year, end.month))


@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_count_round_trip(n, thai_digits):
    assert parse_count(count_or_dash(n, thai_digits=thai_digits)) == n


PARSERS = [parse_date, parse_date_range, parse_month_range, parse_count]


@pytest.mark.parametrize("parse", PARSERS)
@given(text=st.text())
def test_any_text_reads_or_raises_a_parse_error(parse, text):
    try:
        parse(text)
    except ThaiParseError as error:
        assert str(error)


# Dates built from real pieces, some of them wrong, so fuzzing reaches past the tokenizer.
def optional(*choices: str) -> st.SearchStrategy[str]:
    return st.sampled_from(["", *choices])


spaces = optional(" ", "  ")
date_like_end = st.tuples(
    optional("วันที่", "เดือน"),
    optional("1", "๕", "29", "๓๐", "31", "0", "123"),
    spaces,
    optional(*MONTHS, *MONTH_ABBRS, "มีค", "กุมภาพันธ"),
    spaces,
    optional("พ.ศ.", "พศ"),
    optional("66", "๖๗", "2566", "๒๕๖๗", "00", "99", "2023", "566", "9" * 5000),
).map("".join)
date_like_text = st.one_of(
    date_like_end, st.tuples(date_like_end, separators, date_like_end).map("".join)
)


@pytest.mark.parametrize("parse", [parse_date, parse_date_range, parse_month_range])
@given(text=date_like_text)
def test_date_like_text_reads_to_a_valid_period_or_raises_a_parse_error(parse, text):
    try:
        result = parse(text)
    except ThaiParseError as error:
        assert str(error)
        return
    start, end = result if isinstance(result, tuple) else (result, result)
    assert start <= end
    if parse is parse_month_range:
        assert start.day == 1
        assert end == month_end(end.year, end.month)
