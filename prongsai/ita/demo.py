"""The demo's 2566 plan of อบต.ปราสาททอง: the reference O43 report, with its figures live.

The plan is imported from the report itself (demo/o43-prasat-thong-2566.txt),
then the numbers Prongsai knows are turned into live figures: the complaints
per channel of Jan–Mar 2566, the satisfaction of the waste project's survey
and the project's dates. The printed O43 therefore reads as the original
while each of those numbers is counted from the demo's cases and responses.
"""

from pathlib import Path

from prongsai.ita.importing import import_report
from prongsai.ita.models import Plan, Step
from prongsai.orgs.models import Organization
from prongsai.surveys import demo as surveys_demo
from prongsai.surveys.models import Project, Survey

REFERENCE = Path(__file__).parent / "demo" / "o43-prasat-thong-2566.txt"
YEAR = 2566
QUARTER = "start=2023-01-01 end=2023-03-31"


def load(org: Organization) -> Plan:
    plan = Plan.objects.filter(org=org, fiscal_year=YEAR).first()
    if plan is None or not plan.measures.exists():
        plan = import_report(
            org=org, fiscal_year=YEAR, data=REFERENCE.read_bytes(), filename=REFERENCE.name
        )
    survey = Survey.objects.get(org=org, title=surveys_demo.PROJECT_SURVEY_TITLE)
    project = Project.objects.get(org=org, title=surveys_demo.PROJECT_TITLE)
    live = {
        (4, 1): [("๑๘-๑๙ มกราคม ๒๕๖๖", f"{{{{project_dates project={project.pk}}}}}")],
        (4, 2): [("ร้อยละ ๘๕", f"ร้อยละ {{{{satisfaction survey={survey.pk}}}}}")],
        (5, 1): [
            ("Line จำนวน ๑๗ ราย", f"Line จำนวน {{{{cases channel=line {QUARTER}}}}} ราย"),
            ("chat จำนวน ๒ ราย", f"chat จำนวน {{{{cases channel=livechat {QUARTER}}}}} ราย"),
            ("webbord จำนวน – ราย", f"webbord จำนวน {{{{cases channel=webboard {QUARTER}}}}} ราย"),
            (
                "กระดานถามตอบ จำนวน – ราย",
                f"กระดานถามตอบ จำนวน {{{{cases channel=qa {QUARTER}}}}} ราย",
            ),
        ],
    }
    make_live(plan, live)
    # The report tells what was done; where it says work goes on, the step is in progress.
    steps = Step.objects.filter(measure__plan=plan).exclude(result="")
    steps.update(status=Step.Status.DONE)
    for step in steps:
        if "อยู่ระหว่าง" in step.result or "กำลัง" in step.result:
            step.status = Step.Status.IN_PROGRESS
            step.save(update_fields=["status"])
    Plan.objects.filter(pk=plan.pk).update(o42_published=True, o43_published=True)
    return plan


def make_live(plan: Plan, live: dict[tuple[int, int], list[tuple[str, str]]]) -> None:
    """Turn typed numbers of the plan's results into live figures.

    `live` maps (measure number, step order from 1) to (typed text, figure text)
    pairs; text already replaced is left alone, so loading twice changes nothing.
    """
    for (measure, order), replacements in live.items():
        steps = Step.objects.filter(measure__plan=plan, measure__number=measure)
        step = steps.order_by("order", "pk")[order - 1]
        result = step.result
        for typed, figure in replacements:
            result = result.replace(typed, figure)
        if result != step.result:
            step.result = result
            step.save(update_fields=["result"])
