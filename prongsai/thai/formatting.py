"""Dates and periods written the way Thai official documents write them."""

from datetime import date

from prongsai.thai.calendar import MONTH_ABBRS, MONTHS, be_year
from prongsai.thai.digits import to_thai_digits


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def _year(d: date, *, short: bool) -> str:
    be = be_year(d.year)
    # Two-digit years drop the century: "๖๖" is read back as 2566.
    return f"{be % 100:02d}" if short else str(be)


def format_date(d: date, *, short: bool = False, thai_digits: bool = True) -> str:
    """Write `d` as "๕ มกราคม ๒๕๖๖", or with `short` as "๕ ม.ค. ๖๖"."""
    month = (MONTH_ABBRS if short else MONTHS)[d.month - 1]
    return _digits(f"{d.day} {month} {_year(d, short=short)}", thai_digits)


def format_date_range(start: date, end: date, *, thai_digits: bool = True) -> str:
    """A period of days, naming the month and year only where they change.

    "๒๐-๒๒ มีนาคม ๒๕๖๖", "๓๐ มกราคม - ๒ กุมภาพันธ์ ๒๕๖๖",
    "๓๐ ธันวาคม ๒๕๖๕ - ๒ มกราคม ๒๕๖๖"; a single day is written as one date.
    """
    if start > end:
        raise ValueError(f"range ends before it starts: {start} > {end}")
    if start == end:
        return format_date(start, thai_digits=thai_digits)
    tail = f"{MONTHS[end.month - 1]} {_year(end, short=False)}"
    if start.year != end.year:
        head = f"{start.day} {MONTHS[start.month - 1]} {_year(start, short=False)} - "
    elif start.month != end.month:
        head = f"{start.day} {MONTHS[start.month - 1]} - "
    else:
        head = f"{start.day}-"
    return _digits(f"{head}{end.day} {tail}", thai_digits)


def format_month_range(
    start: date, end: date, *, thai_digits: bool = True, full_year: bool = False
) -> str:
    """A period of whole months: "ม.ค.-เม.ย. ๖๖", "ต.ค. ๖๕-มี.ค. ๖๖", "มี.ค. ๖๖".

    Only the year and month of `start` and `end` count. `full_year` writes "๒๕๖๖".
    """
    if (start.year, start.month) > (end.year, end.month):
        raise ValueError(f"range ends before it starts: {start} > {end}")
    short = not full_year
    end_text = f"{MONTH_ABBRS[end.month - 1]} {_year(end, short=short)}"
    if start.year != end.year:
        text = f"{MONTH_ABBRS[start.month - 1]} {_year(start, short=short)}-{end_text}"
    elif start.month != end.month:
        text = f"{MONTH_ABBRS[start.month - 1]}-{end_text}"
    else:
        text = end_text
    return _digits(text, thai_digits)
