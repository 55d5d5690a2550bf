from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation


def render(text: str, **context) -> str:
    return Template("{% load thaidates %}" + text).render(Context(context))


def test_dates_are_buddhist_era_with_thai_months():
    with translation.override("th"):
        assert render("{{ d|thaidate }}", d=date(2023, 1, 5)) == "5 มกราคม 2566"
        assert render('{{ d|thaidate:"short" }}', d=date(2023, 1, 5)) == "5 ม.ค. 66"


def test_datetimes_are_shown_in_bangkok_time():
    # 21:59 UTC on 25 Nov is already 04:59 on the 26th in Bangkok.
    moment = datetime(2026, 11, 25, 21, 59, tzinfo=UTC)
    with translation.override("th"):
        assert render('{{ t|thaidate:"short" }}', t=moment) == "26 พ.ย. 69 04:59"


def test_english_pages_get_english_dates():
    with translation.override("en"):
        assert render("{{ d|thaidate }}", d=date(2023, 1, 5)) == "Jan. 5, 2023"


@pytest.mark.parametrize("empty", [None, ""])
def test_empty_values_render_nothing(empty):
    assert render("{{ d|thaidate }}", d=empty) == ""
