"""Random well-formed reports, written as TSV, HTML or DOCX, read back to the same structure."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.ita.importing import parse_report
from prongsai.ita.importing.model import ParsedMeasure, ParsedStep
from prongsai.ita.models import TOOL_CODES
from prongsai.ita.tests.test_import_formats import render_docx, render_html, render_tsv
from prongsai.thai.calendar import ce_year
from prongsai.thai.formatting import format_month_range

THAI = "กขคงจฉชซดตถทนบปผพฟมยรลวสหอะาิีึืุูเแโใไ่้๊๋็์ำ"
LETTERS = THAI + "abcXYZ"
CHARS = LETTERS + "0123456789๑๒๓-/.,:ฯ"

word = st.text(CHARS, min_size=1, max_size=8)
# Starts with a letter, so no "๑." is read as a number and no cell looks like a header.
text = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    st.text(LETTERS, min_size=1, max_size=6),
    st.lists(word, max_size=5),
)
field_paragraphs = st.lists(text, max_size=2)


@st.composite
def periods(draw, fiscal_year: int):
    first = draw(st.integers(0, 11))
    last = draw(st.integers(first, 11))

    def month(index: int) -> date:
        number = (index + 9) % 12 + 1
        return date(ce_year(fiscal_year) - (1 if number >= 10 else 0), number, 1)

    start, end = month(first), month(last)
    label = format_month_range(
        start, end, thai_digits=draw(st.booleans()), full_year=draw(st.booleans())
    )
    if draw(st.booleans()):
        label = label.replace(" ", "")
    return label, start, end


@st.composite
def steps(draw, fiscal_year: int):
    # A "full" step has one paragraph in every column, so it may share a row with others.
    full = draw(st.booleans())
    paragraphs = st.lists(text, min_size=1, max_size=1) if full else field_paragraphs
    period = draw(periods(fiscal_year) if full else st.none() | periods(fiscal_year))
    label, start, end = period if period else ("", None, None)
    return ParsedStep(
        method=draw(text),
        responsible="\n".join(draw(paragraphs)),
        period_label=label,
        start_month=start,
        end_month=end,
        result="\n".join(draw(paragraphs)),
        suggestion="\n".join(draw(paragraphs)),
    )


@st.composite
def reports(draw):
    fiscal_year = draw(st.integers(2560, 2575))
    measures = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        tools = draw(st.lists(st.sampled_from(TOOL_CODES), unique=True, max_size=2))
        measures.append(
            ParsedMeasure(
                number=number,
                title=draw(text),
                tools=[code for code in TOOL_CODES if code in tools],
                steps=draw(st.lists(steps(fiscal_year), min_size=1, max_size=3)),
            )
        )
    return fiscal_year, measures


FIELDS = ("responsible", "period_label", "result", "suggestion")


def lines(step: ParsedStep, field: str) -> list[str]:
    value = getattr(step, field)
    return value.split("\n") if value else []


def groupable(group: list[ParsedStep]) -> bool:
    # Steps share one row only when every column has one paragraph per step.
    return all(len(lines(step, field)) == 1 for step in group for field in FIELDS)


def rows_of(measures: list[ParsedMeasure], draw) -> list[list[list[str]]]:
    """The report's table rows, sharing rows between steps and spilling results where allowed."""
    rows = []
    for measure in measures:
        tags = [f"({code})" for code in measure.tools]
        if draw(st.booleans()):
            title = [f"{measure.number}. {measure.title} {' '.join(tags)}".strip()]
        else:
            title = [f"{measure.number}. {measure.title}", *tags]
        pending = list(measure.steps)
        first = True
        while pending:
            size = 1
            while size < len(pending) and groupable(pending[: size + 1]) and draw(st.booleans()):
                size += 1
            group, pending = pending[:size], pending[size:]
            spill = []
            if size == 1 and len(lines(group[0], "result")) == 2 and draw(st.booleans()):
                spill = lines(group[0], "result")[1:]
            cells = [title if first else [], [step.method for step in group]]
            for field in FIELDS:
                texts = [line for step in group for line in lines(step, field)]
                if field == "result" and spill:
                    texts = texts[:1]
                cells.append(texts)
            rows.append(cells)
            if spill:
                rows.append([[], [], [], [], spill, []])
            first = False
    return rows


def tables_of(rows, draw) -> list:
    """Rows cut into pages at random, each page repeating the header."""
    tables = [[]]
    for row in rows:
        if tables[-1] and draw(st.booleans()):
            tables.append([])
        tables[-1].append(row)
    return tables


def check(render, filename: str, data) -> None:
    fiscal_year, measures = data.draw(reports())
    tables = tables_of(rows_of(measures, data.draw), data.draw)
    intro = data.draw(text)
    report = parse_report(
        render("ชื่อรายงาน", intro, tables), fiscal_year=fiscal_year, filename=filename
    )
    assert report.measures == measures
    assert report.intro == intro


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_tsv_round_trip(data):
    check(render_tsv, "report.tsv", data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_html_round_trip(data):
    check(render_html, "report.html", data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_docx_round_trip(data):
    check(render_docx, "report.docx", data)
