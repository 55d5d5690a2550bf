"""Every survey and project of an org with its satisfaction, for open data: a few queries in all."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from prongsai.orgs.models import Organization
from prongsai.surveys.models import Survey
from prongsai.surveys.selectors import (
    Satisfaction,
    combine,
    division_of,
    published_projects,
    satisfaction_of,
    with_satisfaction,
)


@dataclass(frozen=True)
class SurveySummary:
    id: int
    title: str
    status: str
    formula: str
    responses: int
    satisfaction_percent: Decimal | None
    division: str | None
    service: str | None
    project: str | None


@dataclass(frozen=True)
class ProjectSummary:
    id: int
    title: str
    starts_on: date
    ends_on: date
    fiscal_year: int
    villages: list[str]
    participants: int
    satisfaction_percent: Decimal | None


def _name(obj) -> str | None:
    return str(obj) if obj is not None else None


def survey_summaries(
    *, org: Organization, start: date | None = None, end: date | None = None
) -> list[SurveySummary]:
    """The org's open and closed surveys (never drafts), each with its satisfaction.

    Responses count when submitted on the local days start..end (either may be
    open). A survey's division is its own, or else that of its service or
    project. One query whatever the number of surveys.
    """
    surveys = with_satisfaction(
        Survey.objects.for_org(org)
        .exclude(status=Survey.Status.DRAFT)
        .select_related("division", "service__division", "project__division"),
        start=start,
        end=end,
    )
    summaries = []
    for survey in surveys:
        division = division_of(survey)
        summaries.append(
            SurveySummary(
                id=survey.pk,
                title=survey.title,
                status=survey.status,
                formula=survey.formula,
                responses=survey.n_responses,
                satisfaction_percent=satisfaction_of(survey).percent,
                division=_name(division),
                service=_name(survey.service),
                project=_name(survey.project),
            )
        )
    return summaries


def project_summaries(*, org: Organization, fiscal_year: int | None = None) -> list[ProjectSummary]:
    """The org's published projects, with the satisfaction of their surveys (drafts aside).

    A project with several surveys gets their percents weighted by scored
    responses. At most three queries whatever the number of projects.
    """
    projects = list(published_projects(org=org, fiscal_year=fiscal_year))
    parts: dict[int, list[Satisfaction]] = {}
    if projects:
        surveys = with_satisfaction(
            Survey.objects.for_org(org)
            .filter(project__in=[p.pk for p in projects])
            .exclude(status=Survey.Status.DRAFT)
        )
        for survey in surveys:
            parts.setdefault(survey.project_id, []).append(satisfaction_of(survey))
    return [
        ProjectSummary(
            id=project.pk,
            title=project.title,
            starts_on=project.starts_on,
            ends_on=project.ends_on,
            fiscal_year=project.fiscal_year,
            villages=[str(village) for village in project.villages.all()],
            participants=project.participants,
            satisfaction_percent=combine(parts[project.pk]).percent
            if project.pk in parts
            else None,
        )
        for project in projects
    ]
