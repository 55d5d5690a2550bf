"""Public open data: an org's surveys and participation projects with their satisfaction.

No login; figures only, never a response or anything that names a respondent.
"""

import re
from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from prongsai.api.stats import ErrorOut, bad_request, parse_day
from prongsai.orgs.tenancy import get_org
from prongsai.surveys.summaries import project_summaries, survey_summaries

router = Router(tags=["surveys"])

_YEAR = re.compile(r"\d{4}", re.ASCII)
# Fiscal years are Buddhist-era: a year below this is a CE year typed by mistake.
FIRST_BE_YEAR = 2400


class SurveyOut(Schema):
    id: int
    title: str
    status: str
    formula: str
    responses: int
    satisfaction_percent: float | None
    division: str | None
    service: str | None
    project: str | None


class ProjectOut(Schema):
    id: int
    title: str
    starts_on: date
    ends_on: date
    fiscal_year: int
    villages: list[str]
    participants: int
    satisfaction_percent: float | None


@router.get(
    "{slug}/surveys/",
    response={200: list[SurveyOut], 400: ErrorOut, 404: ErrorOut},
    summary="Surveys of an org with their satisfaction",
)
def list_surveys(request, slug: str, start: str = "", end: str = ""):
    """The org's open and closed surveys, with the responses submitted from `start` to `end`.

    Both are optional `YYYY-MM-DD` Bangkok days, both included. The percent
    follows each survey's `formula` (`mean`: mean score ÷ 5 × 100; `top2`:
    share of respondents at 4–5); it is null without a scored response.
    """
    org = get_org(slug)
    first = parse_day(start, "start") if start else None
    last = parse_day(end, "end") if end else None
    if first is not None and last is not None and first > last:
        raise bad_request(_("วันที่เริ่มต้น (start) ต้องไม่อยู่หลังวันที่สิ้นสุด (end)"))
    return survey_summaries(org=org, start=first, end=last)


@router.get(
    "{slug}/projects/",
    response={200: list[ProjectOut], 400: ErrorOut, 404: ErrorOut},
    summary="Participation projects of an org",
)
def list_projects(request, slug: str, year: str = ""):
    """The org's published participation projects, of fiscal `year` (Buddhist era) if given.

    The percent is that of the project's surveys, weighted by their scored responses.
    """
    org = get_org(slug)
    fiscal_year = int(year) if _YEAR.fullmatch(year) else None
    if year and fiscal_year is None:
        raise bad_request(
            _("ปีงบประมาณ year “%(value)s” ไม่ถูกต้อง ใช้ปีพุทธศักราช ๔ หลัก เช่น 2566")
            % {"value": year[:20]}
        )
    if fiscal_year is not None and fiscal_year < FIRST_BE_YEAR:
        raise bad_request(_("ปีงบประมาณ year ต้องเป็นปีพุทธศักราช เช่น 2566 ไม่ใช่ปีคริสต์ศักราช"))
    return project_summaries(org=org, fiscal_year=fiscal_year)
