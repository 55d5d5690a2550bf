"""The one data source of the O42 and O43 reports: HTML, PDF, DOCX and the API read it.

`report_data` returns plain JSON-serialisable data, so the Typst template gets
it as JSON input and never sees user text as markup. Every figure of the plan
is computed by one `render_texts` call, and the plan's rows come in a fixed
number of queries, whatever the number of measures, steps and figures.
"""

from typing import Any

from django.db.models import Prefetch

from prongsai.ita import figures
from prongsai.ita.models import Measure, Plan, Step
from prongsai.orgs.models import Organization
from prongsai.thai import format_month_range, to_thai_digits

KINDS = ("o42", "o43")

# The report's columns as the NACC's published reports word them.
COLUMNS = (
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "ผลการดำเนินการ",
    "ข้อเสนอแนะ",
)
# Relative widths of the columns on paper, shared by the PDF and the DOCX.
WIDTHS = {"o43": (15, 19, 15, 11, 24, 16), "o42": (26, 36, 22, 16)}

O43_TITLE = "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใสของ"
O42_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
YEAR_TITLE = "ประจำปีงบประมาณ พ.ศ."


def get_plan(*, org: Organization, fiscal_year: int) -> Plan | None:
    """The org's plan of a fiscal year, or None."""
    return Plan.objects.for_org(org).select_related("org").filter(fiscal_year=fiscal_year).first()


def paragraphs(text: str) -> list[str]:
    """A text field's paragraphs: one per line, blank lines and edge spaces dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def responsible_lines(step: Step) -> list[str]:
    """Who is responsible, as printed: the typed text, else "-division" then "-position"."""
    if step.responsible.strip():
        return paragraphs(step.responsible)
    names = [d.name for d in step.divisions.all()] + [p.name for p in step.positions.all()]
    return [f"-{name}" for name in names]


def period_text(step: Step, *, thai_digits: bool) -> str:
    """The period as printed: the typed label, else the months ("ม.ค.-มิ.ย. ๖๖"), else ""."""
    if step.period_label.strip():
        return step.period_label.strip()
    if step.start_month and step.end_month:
        return format_month_range(step.start_month, step.end_month, thai_digits=thai_digits)
    return ""


def measure_heading(measure: Measure, *, thai_digits: bool) -> list[str]:
    """ "๑. title (IIT)" as paragraphs: the number before the first, the tools after the last."""
    lines = paragraphs(measure.title) or [""]
    number = to_thai_digits(measure.number) if thai_digits else str(measure.number)
    lines[0] = f"{number}. {lines[0]}".rstrip()
    tools = " ".join(f"({tool})" for tool in measure.tools or [])
    if tools:
        lines[-1] = f"{lines[-1]} {tools}"
    return lines


def _pieces_by_paragraph(pieces: list[tuple[str, bool]]) -> list[list[list[Any]]]:
    """Split rendered pieces into paragraphs, as `paragraphs` splits the text."""
    lines: list[list[list[Any]]] = [[]]
    for text, is_figure in pieces:
        parts = text.split("\n") if not is_figure else [text]
        for n, part in enumerate(parts):
            if n:
                lines.append([])
            if part:
                lines[-1].append([part, is_figure])
    out = []
    for line in lines:
        # Trim as `paragraphs` does, so both give the same paragraphs.
        if line and not line[0][1]:
            line[0][0] = line[0][0].lstrip()
        if line and not line[-1][1]:
            line[-1][0] = line[-1][0].rstrip()
        line = [piece for piece in line if piece[0]]
        if line:
            out.append(line)
    return out


def _year(plan: Plan, thai_digits: bool) -> str:
    return to_thai_digits(plan.fiscal_year) if thai_digits else str(plan.fiscal_year)


def report_data(plan: Plan, kind: str = "o43", thai_digits: bool = True) -> dict[str, Any]:
    """The O42 plan or the O43 results of `plan`, ready for any format.

    Each step's cells are lists of paragraphs; O43 results have their live
    figures filled in (and, in `result_pieces`, marked), and `problems` lists
    the figures that could not be computed with the measure and step they are
    in — for staff eyes only. Typed texts are printed as typed; `thai_digits`
    decides the digits of what the report itself writes: numbers, years,
    periods from months, figures and page numbers.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown measures report: {kind!r}")
    org = plan.org
    results = kind == "o43"
    year = _year(plan, thai_digits)
    measures = list(
        plan.measures.order_by("number", "pk").prefetch_related(
            Prefetch(
                "steps",
                queryset=Step.objects.order_by("order", "pk").prefetch_related(
                    "divisions", "positions"
                ),
            )
        )
    )
    steps = [step for measure in measures for step in measure.steps.all()]
    rendered = (
        figures.render_texts(org, [step.result for step in steps], thai_digits=thai_digits)
        if results
        else [None] * len(steps)
    )
    rendered_of = {step.pk: out for step, out in zip(steps, rendered, strict=True)}

    problems = []
    measure_rows = []
    for measure in measures:
        heading = measure_heading(measure, thai_digits=thai_digits)
        number = to_thai_digits(measure.number) if thai_digits else str(measure.number)
        step_rows = []
        for index, step in enumerate(measure.steps.all(), start=1):
            row: dict[str, Any] = {
                "id": step.pk,
                "status": step.status,
                "method": paragraphs(step.method),
                "responsible": responsible_lines(step),
                "period": paragraphs(period_text(step, thai_digits=thai_digits)),
            }
            cells = [row["method"], row["responsible"], row["period"]]
            if results:
                out = rendered_of[step.pk]
                row["result"] = paragraphs(out.text)
                row["result_pieces"] = _pieces_by_paragraph(out.pieces)
                row["suggestion"] = paragraphs(step.suggestion)
                cells += [row["result"], row["suggestion"]]
                at = to_thai_digits(index) if thai_digits else str(index)
                for problem in out.problems:
                    problems.append(
                        {
                            "measure": measure.number,
                            "step": index,
                            "step_id": step.pk,
                            "where": f"มาตรการที่ {number} วิธีการที่ {at}",
                            "problem": problem,
                        }
                    )
            row["cells"] = cells
            step_rows.append(row)
        measure_rows.append(
            {
                "number": measure.number,
                "title": measure.title,
                "tools": list(measure.tools or []),
                "heading": heading,
                "steps": step_rows,
            }
        )

    if results:
        title_lines = [O43_TITLE, f"{org.name_th} {YEAR_TITLE}{year}"]
        title = f"{O43_TITLE}{org.name_th} {YEAR_TITLE}{year}"
        columns = list(COLUMNS)
    else:
        title = f"{O42_TITLE} {YEAR_TITLE}{year}"
        title_lines = [title, org.name_th]
        columns = list(COLUMNS[:4])
    return {
        "kind": kind,
        "org": {"slug": org.slug, "name": org.name_th, "short_name": org.short_name},
        "fiscal_year": plan.fiscal_year,
        "year": year,
        "thai_digits": thai_digits,
        "title": title,
        "title_lines": title_lines,
        "intro": paragraphs(plan.intro),
        "columns": columns,
        "widths": list(WIDTHS[kind]),
        "measures": measure_rows,
        "problems": problems,
        "filename": f"{kind}-{org.slug}-{plan.fiscal_year}",
    }
