"""Survey and project figures for the reports: satisfaction %, responses, participants."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from prongsai.ita.figures import Figure, FigureError, Param, param_date
from prongsai.orgs.models import Organization
from prongsai.surveys.models import Project, Survey
from prongsai.surveys.selectors import Satisfaction, satisfaction_of, with_satisfaction


def _surveys(org: Organization) -> list[tuple[str, str]]:
    return [(str(s.pk), s.title) for s in Survey.objects.for_org(org).order_by("title")]


def _projects(org: Organization) -> list[tuple[str, str]]:
    return [(str(p.pk), p.title) for p in Project.objects.for_org(org)]


def _satisfactions(
    org: Organization, uses: list[dict[str, str]]
) -> list[Satisfaction | FigureError]:
    """Each use's survey over its period: one query per distinct period."""
    periods: dict[tuple[date | None, date | None], dict[str, Satisfaction]] = {}
    results: list[Satisfaction | FigureError] = []
    for use in uses:
        period = (param_date(use, "start"), param_date(use, "end"))
        if period not in periods:
            ids = {
                u["survey"]
                for u in uses
                if (param_date(u, "start"), param_date(u, "end")) == period
            }
            surveys = with_satisfaction(
                Survey.objects.for_org(org).filter(pk__in=[i for i in ids if i.isdigit()]),
                start=period[0],
                end=period[1],
            )
            periods[period] = {str(s.pk): satisfaction_of(s) for s in surveys}
        found = periods[period].get(use["survey"])
        results.append(found or FigureError(_("ไม่พบแบบสำรวจนี้ในหน่วยงาน")))
    return results


def satisfaction_percent(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    values: list[object] = []
    for result in _satisfactions(org, uses):
        if isinstance(result, FigureError):
            values.append(result)
        elif result.percent is None:
            values.append(FigureError(_("ยังไม่มีผู้ให้คะแนนในช่วงเวลานี้")))
        else:
            values.append(result.percent)
    return values


def response_count(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    return [r if isinstance(r, FigureError) else r.responses for r in _satisfactions(org, uses)]


def participant_count(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    ids = [use["project"] for use in uses]
    found = {
        str(pk): n
        for pk, n in Project.objects.for_org(org)
        .filter(pk__in=[i for i in ids if i.isdigit()])
        .values_list("pk", "participants")
    }
    return [found.get(i, FigureError(_("ไม่พบโครงการนี้ในหน่วยงาน"))) for i in ids]


def project_dates(org: Organization, uses: list[dict[str, str]]) -> list[object]:
    ids = [use["project"] for use in uses]
    found = {
        str(pk): (start, end)
        for pk, start, end in Project.objects.for_org(org)
        .filter(pk__in=[i for i in ids if i.isdigit()])
        .values_list("pk", "starts_on", "ends_on")
    }
    return [found.get(i, FigureError(_("ไม่พบโครงการนี้ในหน่วยงาน"))) for i in ids]


SURVEY_PERIOD = (
    Param("survey", _("แบบสำรวจ"), "choice", choices=_surveys),
    Param("start", _("ตั้งแต่วันที่"), "date", required=False),
    Param("end", _("ถึงวันที่"), "date", required=False),
)
PROJECT = (Param("project", _("โครงการ"), "choice", choices=_projects),)

FIGURES = (
    Figure(
        "satisfaction",
        _("ร้อยละความพึงพอใจของแบบสำรวจ"),
        SURVEY_PERIOD,
        satisfaction_percent,
        app="surveys",
    ),
    Figure("responses", _("จำนวนผู้ตอบแบบสำรวจ"), SURVEY_PERIOD, response_count, app="surveys"),
    Figure("participants", _("จำนวนผู้เข้าร่วมโครงการ"), PROJECT, participant_count, app="surveys"),
    Figure("project_dates", _("วันที่จัดโครงการ"), PROJECT, project_dates, app="surveys"),
)
