"""The O43 report as a PDF: Prongsai's Typst pipeline against WeasyPrint on the same report.

Two plans of อบต.ปราสาททอง, built in the bench's throw-away database after the
demo: the reference report's shape (6 measures, 13 steps, live figures over
the demo's complaints and survey) and a long one (60 measures × 3 steps, a
figure in every result). Both sides read the plan and compute its figures
(`report_data`), each call a fresh edition; Prongsai then typesets with
Typst, the baseline renders the report's HTML file (the `_table.html` table
with its print stylesheet) with WeasyPrint, in the same Sarabun fonts.
Target: Prongsai at least 3× faster.
"""

import itertools
import logging
from functools import cache

from bench.runner import benchmark
from prongsai.ita.models import Plan
from prongsai.ita.reports import html, samples
from prongsai.ita.reports.data import report_data
from prongsai.ita.reports.measures import render_data
from prongsai.orgs.models import Organization
from prongsai.surveys import demo as surveys_demo
from prongsai.surveys.models import Survey
from prongsai.typesetting import font_dir

LONG_MEASURES, LONG_STEPS = 60, 3
# Typst memoizes: an unchanged report comes back from its cache in a few ms. Each call
# here prints another edition number, as a report re-rendered after an edit would be.
_editions = itertools.count(1)


def _data(plan: Plan) -> dict:
    data = report_data(plan, "o43")
    data["title_lines"][-1] += f" (ฉบับที่ {next(_editions)})"
    return data


@cache
def _plans() -> tuple[Plan, Plan]:
    org = Organization.objects.get(slug="prasat-thong")
    taken = set(Plan.objects.for_org(org).values_list("fiscal_year", flat=True))
    # Years far from the demo's, so the bench's plans never meet its own.
    free = [year for year in range(2690, 2600, -1) if year not in taken]
    survey = Survey.objects.for_org(org).filter(title=surveys_demo.PROJECT_SURVEY_TITLE).first()
    satisfaction = f"{{{{satisfaction survey={survey.pk}}}}}" if survey else "๘๕"
    reference = samples.reference_plan(org, free[0], satisfaction=satisfaction)
    long = samples.long_plan(org, free[1], measures=LONG_MEASURES, steps=LONG_STEPS)
    return reference, long


@cache
def _weasyprint():
    # It reports each step and page at INFO, from its import on, which would bury the results.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    faces = "".join(
        f'@font-face {{ font-family: "Sarabun"; font-weight: {weight}; '
        f'src: url("{(font_dir() / name).as_uri()}"); }}'
        for weight, name in ((400, "Sarabun-Regular.ttf"), (700, "Sarabun-Bold.ttf"))
    )
    return weasyprint, weasyprint.CSS(string=faces, font_config=fonts), fonts


def _weasyprint_pdf(plan: Plan) -> bytes:
    weasyprint, faces, fonts = _weasyprint()
    document = html.render_document(_data(plan))
    return weasyprint.HTML(string=document).write_pdf(stylesheets=[faces], font_config=fonts)


def _prongsai_pdf(plan: Plan) -> bytes:
    return render_data(_data(plan), "pdf").content


def weasyprint_reference() -> None:
    _weasyprint_pdf(_plans()[0])


def weasyprint_long() -> None:
    _weasyprint_pdf(_plans()[1])


@benchmark(
    "O43 PDF, reference plan (6 measures, 13 steps)",
    baseline=weasyprint_reference,
    baseline_name="WeasyPrint, same report HTML",
    rounds=5,
    number=2,
)
def prongsai_reference() -> None:
    _prongsai_pdf(_plans()[0])


@benchmark(
    f"O43 PDF, {LONG_MEASURES} measures × {LONG_STEPS} steps",
    baseline=weasyprint_long,
    baseline_name="WeasyPrint, same report HTML",
    rounds=3,
    number=1,
)
def prongsai_long() -> None:
    _prongsai_pdf(_plans()[1])
