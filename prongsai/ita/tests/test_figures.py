from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.ita import figures
from prongsai.ita.figures import Figure, FigureError, Param, Use


@pytest.fixture
def calls():
    """A `count` figure that records every batch it is asked to compute."""
    batches = []

    def compute(org, uses):
        batches.append(uses)
        return [
            FigureError("ไม่มีข้อมูล") if use["of"] == "broken" else use["of"].count("a")
            for use in uses
        ]

    figures.register(
        Figure(
            name="count",
            label="นับ",
            params=(Param("of", "สิ่งที่นับ"), Param("start", "ตั้งแต่", kind="date", required=False)),
            compute=compute,
        )
    )
    yield batches
    figures._registry.pop("count")


def test_parse_splits_text_and_placeholders():
    pieces = figures.parse("Line จำนวน {{cases channel=line start=2023-01-01}} ราย")
    assert pieces[0] == "Line จำนวน " and pieces[2] == " ราย"
    assert pieces[1] == Use(
        "{{cases channel=line start=2023-01-01}}",
        "cases",
        {"channel": "line", "start": "2023-01-01"},
    )
    assert pieces[1].params == {"channel": "line", "start": "2023-01-01"}


@given(st.text())
def test_parse_keeps_every_character(text):
    pieces = figures.parse(text)
    assert "".join(p if isinstance(p, str) else p.raw for p in pieces) == text


@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True),
        st.from_regex(r"[A-Za-z0-9\-_.]{1,12}", fullmatch=True),
        max_size=4,
    )
)
def test_placeholder_round_trips(params):
    [use] = figures.parse(figures.placeholder("cases", params))
    assert use.name == "cases" and use.params == params


def test_each_figure_computes_all_its_uses_at_once(calls):
    texts = ["{{count of=aaa}} และ {{count of=aab}}", "{{count of=aaa}} อีกครั้ง", "ไม่มีตัวเลข"]
    rendered = figures.render_texts(None, texts)
    assert [r.text for r in rendered] == ["๓ และ ๒", "๓ อีกครั้ง", "ไม่มีตัวเลข"]
    assert calls == [[{"of": "aaa"}, {"of": "aab"}]]
    assert not any(r.problems for r in rendered)


def test_zero_prints_a_dash_and_arabic_digits_on_request(calls):
    [zero] = figures.render_texts(None, ["{{count of=bbb}} ราย"])
    assert zero.text == "– ราย"
    [three] = figures.render_texts(None, ["{{count of=aaa}}"], thai_digits=False)
    assert three.text == "3"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{{nothing}}", "ไม่รู้จักตัวเลข"),
        ("{{count of=}}", "ไม่ถูกรูปแบบ"),
        ("{{ }}", "ไม่ถูกรูปแบบ"),
        ("{{Count of=a}}", "ไม่ถูกรูปแบบ"),
        ("{{count}}", "ต้องระบุ สิ่งที่นับ"),
        ("{{count of=a colour=red}}", "ไม่มีค่า colour"),
        ("{{count of=a start=2023-02-30}}", "ไม่ใช่วันที่"),
        ("{{count of=broken}}", "ไม่มีข้อมูล"),
    ],
)
def test_a_figure_that_cannot_be_computed_is_marked_not_blank(calls, text, problem):
    [rendered] = figures.render_texts(None, [f"ผล {text} ราย"])
    assert rendered.text == "ผล ⟦?⟧ ราย"
    assert len(rendered.problems) == 1 and problem in rendered.problems[0]


def test_values_print_the_thai_way():
    assert figures.format_value(0) == "–"
    assert figures.format_value(17) == "๑๗"
    assert figures.format_value(Decimal("85.00")) == "๘๕"
    assert figures.format_value(Decimal("66.955")) == "๖๖.๙๖"
    assert figures.format_value(date(2023, 1, 5)) == "๕ มกราคม ๒๕๖๖"
    assert figures.format_value((date(2023, 3, 20), date(2023, 3, 22))) == "๒๐-๒๒ มีนาคม ๒๕๖๖"
