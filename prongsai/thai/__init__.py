"""Thai conventions: digits, Buddhist-era years, the fiscal year, dates and periods.

Pure functions only; nothing here knows about Django or the apps.
"""

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
from prongsai.thai.digits import DASH, THAI_DIGITS, count_or_dash, to_arabic_digits, to_thai_digits
from prongsai.thai.formatting import format_date, format_date_range, format_month_range
from prongsai.thai.parsing import (
    ThaiParseError,
    parse_count,
    parse_date,
    parse_date_range,
    parse_month_range,
)

__all__ = [
    "DASH",
    "MONTHS",
    "MONTH_ABBRS",
    "THAI_DIGITS",
    "ThaiParseError",
    "be_year",
    "ce_year",
    "count_or_dash",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_range",
    "format_date",
    "format_date_range",
    "format_month_range",
    "month_end",
    "parse_count",
    "parse_date",
    "parse_date_range",
    "parse_month_range",
    "quarter_range",
    "to_arabic_digits",
    "to_thai_digits",
]
