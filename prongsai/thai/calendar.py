"""Thai month names, Buddhist-era years and the government fiscal year."""

from datetime import date, timedelta

MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTH_ABBRS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

_BE_OFFSET = 543
# The fiscal year starts in October of the previous calendar year.
_FISCAL_START_MONTH = 10


def be_year(ce: int) -> int:
    """Buddhist-era year of a Common-Era year."""
    return ce + _BE_OFFSET


def ce_year(be: int) -> int:
    """Common-Era year of a Buddhist-era year."""
    return be - _BE_OFFSET


def month_end(year: int, month: int) -> date:
    """Last day of a month (CE year)."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def fiscal_year(d: date) -> int:
    """Fiscal year (BE) that contains `d`; it is named by the year in which it ends."""
    return be_year(d.year + 1 if d.month >= _FISCAL_START_MONTH else d.year)


def fiscal_year_range(fy_be: int) -> tuple[date, date]:
    """First and last day of fiscal year `fy_be`: 1 Oct of the year before to 30 Sep."""
    end_year = ce_year(fy_be)
    return date(end_year - 1, _FISCAL_START_MONTH, 1), date(end_year, 9, 30)


def fiscal_quarter(d: date) -> tuple[int, int]:
    """(fiscal year BE, quarter 1-4) of `d`; Q1 is Oct-Dec."""
    months_into_year = (d.month - _FISCAL_START_MONTH) % 12
    return fiscal_year(d), months_into_year // 3 + 1


def quarter_range(fy_be: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter (1-4) of fiscal year `fy_be`."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, got {quarter}")
    start, _ = fiscal_year_range(fy_be)
    first_month = (start.month - 1 + 3 * (quarter - 1)) % 12 + 1
    year = start.year if first_month >= _FISCAL_START_MONTH else start.year + 1
    return date(year, first_month, 1), month_end(year, first_month + 2)
