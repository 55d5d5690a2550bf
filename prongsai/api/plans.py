"""Public open data: an org's published plan of ITA measures, with its results rendered.

No login. Only what the published O42/O43 report prints: measures, methods,
who is responsible (divisions and positions, never a person), periods, and —
once the O43 is published — results with their live figures and suggestions.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from prongsai.api.stats import ErrorOut
from prongsai.ita.reports.data import get_plan, report_data
from prongsai.orgs.tenancy import get_org

router = Router(tags=["plans"])


class StepOut(Schema):
    method: str
    responsible: str
    period: str
    result: str | None
    suggestion: str | None
    status: str


class MeasureOut(Schema):
    number: int
    title: str
    tools: list[str]
    steps: list[StepOut]


class PlanOut(Schema):
    fiscal_year: int
    results_published: bool
    measures: list[MeasureOut]


def _text(lines: list[str]) -> str:
    return "\n".join(lines)


@router.get(
    "{slug}/plans/{year}/",
    response={200: PlanOut, 404: ErrorOut, 422: ErrorOut},
    summary="An org's published plan of ITA measures",
)
def plan_detail(request, slug: str, year: int, digits: str = "thai"):
    """The plan of fiscal `year` (Buddhist era) as the org published it (O42), and its results.

    Results and suggestions are null until the results report (O43) is
    published. Results have their live figures filled in, in Thai digits
    unless `digits=arabic`; a figure that cannot be computed prints ⟦?⟧.
    """
    org = get_org(slug)
    plan = get_plan(org=org, fiscal_year=year)
    if plan is None or not (plan.o42_published or plan.o43_published):
        raise Http404(_("ไม่พบแผนมาตรการที่เผยแพร่ของปีงบประมาณนี้"))
    results = plan.o43_published
    data = report_data(plan, "o43" if results else "o42", thai_digits=digits != "arabic")
    return {
        "fiscal_year": plan.fiscal_year,
        "results_published": results,
        "measures": [
            {
                "number": measure["number"],
                "title": measure["title"],
                "tools": measure["tools"],
                "steps": [
                    {
                        "method": _text(step["method"]),
                        "responsible": _text(step["responsible"]),
                        "period": _text(step["period"]),
                        "result": _text(step["result"]) if results else None,
                        "suggestion": _text(step["suggestion"]) if results else None,
                        "status": step["status"],
                    }
                    for step in measure["steps"]
                ],
            }
            for measure in data["measures"]
        ],
    }
