"""Reading dates, periods and counts as real Thai documents write them.

Tolerated: Thai or Arabic digits; full or abbreviated month names, abbreviations
with or without their dots ("มี.ค.", "มี.ค", "มีค"); an optional "พ.ศ." before the
year; two-digit (BE 25xx) or four-digit BE years, with or without a space before
them; "-", "–", "—" or "ถึง" between the ends of a period; leading words such as
"วันที่", "เมื่อวันที่", "ระหว่างเดือน", "ตั้งแต่".
"""

import re
from dataclasses import dataclass
from datetime import date

from prongsai.thai.calendar import MONTH_ABBRS, MONTHS, be_year, ce_year, month_end
from prongsai.thai.digits import to_arabic_digits, to_thai_digits


class ThaiParseError(ValueError):
    """Text that does not read as a date, a period or a count; the message is in Thai."""


# Four-digit years outside this span are most likely CE typed by mistake; reading
# them as BE would silently shift the date by 543 years.
_MIN_BE_YEAR = 2400
_MAX_BE_YEAR = 2999
# int() refuses thousands of digits with a plain ValueError; no real count is this long.
_MAX_COUNT_DIGITS = 18

# Copied-and-pasted Thai text often carries zero-width spaces and joiners.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_DASHES = "-‐‑–—−"
_COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})*|[0-9]+")

_FULL_MONTHS = {name: number for number, name in enumerate(MONTHS, 1)} | {
    # Misspellings common enough in real documents to accept.
    "กุมภาพันธ": 2,
    "กรกฏาคม": 7,
}
_MONTH_NUMBERS = _FULL_MONTHS | {
    abbr.replace(".", ""): number for number, abbr in enumerate(MONTH_ABBRS, 1)
}


def _abbr_pattern(abbr: str) -> str:
    # "มี.ค." also matches "มี.ค", "มีค" and "มี. ค."
    return r"\.?\s*".join(map(re.escape, abbr.strip(".").split("."))) + r"\.?"


_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<num>[0-9]+)"
    rf"|(?P<sep>[{re.escape(_DASHES)}]|ถึง)"
    r"|(?P<filler>เมื่อ|ระหว่าง|ตั้งแต่|วันที่|เดือน)"
    r"|(?P<era>พ\.?\s*ศ\.?)"
    # Longest names first, so "กุมภาพันธ์" is not cut short by its misspelling.
    r"|(?P<month>"
    + "|".join(map(re.escape, sorted(_FULL_MONTHS, key=len, reverse=True)))
    + "|"
    + "|".join(map(_abbr_pattern, MONTH_ABBRS))
    + ")"
)


@dataclass(frozen=True)
class _Kind:
    """What the caller asked to read, for error messages."""

    noun: str
    example: str


_DATE = _Kind("วันที่", "๕ มกราคม ๒๕๖๖")
_DATE_RANGE = _Kind("ช่วงวันที่", "๒๐-๒๒ มีนาคม ๒๕๖๖")
_MONTH_RANGE = _Kind("ช่วงเดือน", "ม.ค.-เม.ย. ๖๖")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str


@dataclass(frozen=True)
class _Part:
    """One end of a period; `year` is BE."""

    day: int | None
    month: int | None
    year: int | None


def _unreadable(kind: _Kind, text: str) -> ThaiParseError:
    return ThaiParseError(f"อ่าน{kind.noun}ไม่ได้: “{text}” (ตัวอย่างที่อ่านได้: {kind.example})")


def _missing_year(text: str) -> ThaiParseError:
    return ThaiParseError(f"ไม่ได้ระบุปี พ.ศ.: “{text}”")


def _tokens(text: str, kind: _Kind) -> list[_Token]:
    clean = to_arabic_digits(text.translate(_INVISIBLE))
    tokens: list[_Token] = []
    pos = 0
    while pos < len(clean):
        match = _TOKEN.match(clean, pos)
        if match is None:
            raise _unreadable(kind, text)
        if match.lastgroup != "space":
            tokens.append(_Token(str(match.lastgroup), match.group()))
        pos = match.end()
    return tokens


def _parts(text: str, kind: _Kind) -> list[_Part]:
    """The one or two ends of `text`, split at the separator."""
    sides: list[list[_Token]] = [[]]
    for token in _tokens(text, kind):
        if token.kind == "sep":
            sides.append([])
        else:
            sides[-1].append(token)
    if len(sides) > 2:
        raise _unreadable(kind, text)
    return [_read_part(side, text, kind) for side in sides]


def _read_part(tokens: list[_Token], text: str, kind: _Kind) -> _Part:
    """Read [filler words] [day] [month [[พ.ศ.] year]]."""
    rest = list(tokens)
    while rest and rest[0].kind == "filler":
        rest.pop(0)
    day = month = year = None
    if rest and rest[0].kind == "num":
        day = _day(rest.pop(0).text, text, kind)
    if rest and rest[0].kind == "month":
        month = _month(rest.pop(0).text)
        if rest and rest[0].kind == "era":
            rest.pop(0)
        if rest and rest[0].kind == "num":
            year = _year(rest.pop(0).text, text)
    if rest or (day is None and month is None):
        raise _unreadable(kind, text)
    return _Part(day, month, year)


def _day(digits: str, text: str, kind: _Kind) -> int:
    if len(digits) > 2:
        raise _unreadable(kind, text)
    return int(digits)


def _month(name: str) -> int:
    return _MONTH_NUMBERS[re.sub(r"[.\s]", "", name)]


def _year(digits: str, text: str) -> int:
    if len(digits) == 2:
        return 2500 + int(digits)
    if len(digits) == 4 and _MIN_BE_YEAR <= int(digits) <= _MAX_BE_YEAR:
        return int(digits)
    raise ThaiParseError(
        f"ปี {to_thai_digits(digits)} ไม่ใช่ปี พ.ศ. ที่อ่านได้ "
        f"(ใช้ ๒ หลัก เช่น ๖๖ หรือ ๔ หลัก ๒๔๐๐ ถึง ๒๙๙๙): “{text}”"
    )


def _make_date(day: int, month: int, year_be: int) -> date:
    try:
        return date(ce_year(year_be), month, day)
    except ValueError:
        raise ThaiParseError(
            f"วันที่ {to_thai_digits(day)} {MONTHS[month - 1]} {to_thai_digits(year_be)} ไม่มีจริง"
        ) from None


def _full_date(part: _Part, text: str, kind: _Kind) -> date:
    if part.day is None or part.month is None:
        raise _unreadable(kind, text)
    if part.year is None:
        raise _missing_year(text)
    return _make_date(part.day, part.month, part.year)


def _start_year(start_month: int, end: date) -> int:
    """BE year of a start written without one: fiscal-year style "ต.ค.-มี.ค. ๖๖" starts in ๖๕."""
    year = be_year(end.year)
    return year - 1 if start_month > end.month else year


def _ordered(start: date, end: date, text: str) -> tuple[date, date]:
    if start > end:
        raise ThaiParseError(f"ช่วงเวลาสิ้นสุดก่อนเริ่มต้น: “{text}”")
    return start, end


def parse_date(text: str) -> date:
    """Read one date: "๕ มกราคม ๒๕๖๖", "วันที่ 5 ม.ค. 66", "๕ มค พ.ศ.๒๕๖๖"."""
    parts = _parts(text, _DATE)
    if len(parts) != 1:
        raise _unreadable(_DATE, text)
    return _full_date(parts[0], text, _DATE)


def parse_date_range(text: str) -> tuple[date, date]:
    """Read a period of days: "๒๐-๒๒ มีนาคม ๒๕๖๖", "๓๐ ม.ค. ถึง ๒ ก.พ. ๖๖", or one date.

    The end must be a full date; the start borrows what it leaves out from the end.
    """
    *head, last = _parts(text, _DATE_RANGE)
    end = _full_date(last, text, _DATE_RANGE)
    if not head:
        return end, end
    first = head[0]
    if first.day is None:
        raise _unreadable(_DATE_RANGE, text)
    if first.month is None:
        start = _make_date(first.day, end.month, be_year(end.year))
    else:
        year = first.year or _start_year(first.month, end)
        start = _make_date(first.day, first.month, year)
    return _ordered(start, end, text)


def parse_month_range(text: str) -> tuple[date, date]:
    """Read a period of whole months: "ม.ค.-เม.ย. ๖๖", "ต.ค. ๖๕-มี.ค. ๖๖", "มี.ค. ๖๖".

    Returns the first day of the first month and the last day of the last month.
    """
    parts = _parts(text, _MONTH_RANGE)
    first, last = parts[0], parts[-1]
    if first.month is None or last.month is None or any(p.day is not None for p in parts):
        raise _unreadable(_MONTH_RANGE, text)
    if last.year is None:
        raise _missing_year(text)
    end = month_end(ce_year(last.year), last.month)
    year = first.year or _start_year(first.month, end)
    return _ordered(date(ce_year(year), first.month, 1), end, text)


def parse_count(text: str) -> int:
    """Read a count as reports print it: "๑๗", "17", "1,234", or a dash for none."""
    clean = to_arabic_digits(text.translate(_INVISIBLE)).strip()
    if len(clean) == 1 and clean in _DASHES:
        return 0
    digits = clean.replace(",", "")
    if _COUNT.fullmatch(clean) and len(digits) <= _MAX_COUNT_DIGITS:
        return int(digits)
    raise ThaiParseError(f"อ่านจำนวนไม่ได้: “{text}”")
