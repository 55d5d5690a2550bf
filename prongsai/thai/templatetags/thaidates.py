"""Dates in templates: Buddhist-era and Thai month names when the page is in Thai."""

from datetime import date, datetime

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

from prongsai.thai.formatting import format_date

register = template.Library()


@register.filter
def thaidate(value: date | datetime | None, style: str = "long") -> str:
    """`{{ d|thaidate }}` → "5 มกราคม 2566"; `{{ d|thaidate:"short" }}` → "5 ม.ค. 66".

    Datetimes are shown in local time with the hour and minute. Web pages use
    Arabic digits, like most Thai sites; printed reports choose their own.
    """
    if not value:
        return ""
    moment = timezone.localtime(value) if isinstance(value, datetime) else None
    day = moment.date() if moment else value
    if get_language() == "th":
        text = format_date(day, short=style == "short", thai_digits=False)
    else:
        text = formats.date_format(day, "SHORT_DATE_FORMAT" if style == "short" else "DATE_FORMAT")
    return f"{text} {moment:%H:%M}" if moment else text
