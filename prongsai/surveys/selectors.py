"""Reading surveys and projects: results, satisfaction and the figures reports quote."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.utils import timezone

from prongsai.inbox.selectors import day_range
from prongsai.orgs.models import ItasLink, Organization
from prongsai.surveys.models import (
    LIKERT_LABELS,
    LIKERT_MAX,
    SATISFIED_FROM,
    Answer,
    Project,
    Question,
    Response,
    Survey,
)
from prongsai.thai.calendar import fiscal_year

_HUNDRED = Decimal(100)


def _percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * _HUNDRED / Decimal(whole)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def responses_in(
    *, survey: Survey, start: date | None = None, end: date | None = None
) -> QuerySet[Response]:
    """Responses of a survey submitted on the local days start..end (either may be open)."""
    responses = Response.objects.filter(survey=survey)
    if start is not None or end is not None:
        low, high = day_range(start or date(1900, 1, 1), end or date(9999, 12, 30))
        responses = responses.filter(submitted_at__gte=low, submitted_at__lt=high)
    return responses


@dataclass(frozen=True)
class Satisfaction:
    responses: int
    scored: int  # responses that answered at least one Likert question
    mean: Decimal | None  # mean of the respondents' mean scores, 1–5
    satisfied: int  # respondents whose mean score is SATISFIED_FROM or more
    percent: Decimal | None  # by the survey's formula


def satisfaction(
    *, survey: Survey, start: date | None = None, end: date | None = None
) -> Satisfaction:
    """The survey's satisfaction over a period, in one aggregate query."""
    totals = responses_in(survey=survey, start=start, end=end).aggregate(
        responses=Count("id"),
        scored=Count("score"),
        mean=Avg("score"),
        satisfied=Count("id", filter=Q(score__gte=SATISFIED_FROM)),
    )
    return _satisfaction(survey.formula, totals)


def _satisfaction(formula: str, totals: dict) -> Satisfaction:
    mean = Decimal(str(totals["mean"])) if totals["mean"] is not None else None
    if formula == Survey.Formula.TOP_TWO:
        percent = _percent(totals["satisfied"], totals["scored"])
    else:
        percent = _percent(mean, LIKERT_MAX) if mean is not None else None
    return Satisfaction(
        responses=totals["responses"],
        scored=totals["scored"],
        mean=mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if mean is not None else None,
        satisfied=totals["satisfied"],
        percent=percent,
    )


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    mean: Decimal | None = None
    # (label, count, percent of those who answered), in the order shown on the form
    rows: list[tuple[str, int, Decimal | None]] = field(default_factory=list)


def question_results(
    *, survey: Survey, start: date | None = None, end: date | None = None
) -> list[QuestionResult]:
    """Distribution of every question's answers, in a fixed number of queries.

    Text questions count no distribution here: `text_answers` lists them.
    """
    questions = list(survey.questions.prefetch_related("choices"))
    answers = Answer.objects.filter(question__in=[q.pk for q in questions])
    if start is not None or end is not None:
        answers = answers.filter(
            response__in=responses_in(survey=survey, start=start, end=end).values("pk")
        )
    scores = {
        (row["question"], row["score"]): row["n"]
        for row in answers.filter(score__isnull=False)
        .values("question", "score")
        .annotate(n=Count("id"))
        .order_by()
    }
    chosen = {
        (row["question"], row["choice"]): row["n"]
        for row in answers.filter(choice__isnull=False)
        .values("question", "choice")
        .annotate(n=Count("id"))
        .order_by()
    }
    # Respondents of text and multiple-choice questions (one row per ticked choice);
    # the others' are the sums of their counts.
    counted_apart = [
        q.pk for q in questions if q.kind == Question.Kind.MULTIPLE or q.kind in Question.TEXT_KINDS
    ]
    answered = (
        {
            row["question"]: row["n"]
            for row in answers.filter(question__in=counted_apart)
            .values("question")
            .annotate(n=Count("response", distinct=True))
            .order_by()
        }
        if counted_apart
        else {}
    )
    results = []
    for question in questions:
        result = QuestionResult(question=question, answered=answered.get(question.pk, 0))
        if question.kind == Question.Kind.LIKERT:
            counts = [
                (value, label, scores.get((question.pk, value), 0))
                for value, label in LIKERT_LABELS
            ]
            total = result.answered = sum(n for _, _, n in counts)
            if total:
                result.mean = (Decimal(sum(value * n for value, _, n in counts)) / total).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP
                )
            result.rows = [
                (f"{value} {label}", n, _percent(n, total)) for value, label, n in reversed(counts)
            ]
        elif question.kind in Question.CHOICE_KINDS:
            if question.kind == Question.Kind.SINGLE:
                result.answered = sum(
                    chosen.get((question.pk, choice.pk), 0) for choice in question.choices.all()
                )
            result.rows = [
                (
                    choice.label,
                    chosen.get((question.pk, choice.pk), 0),
                    _percent(chosen.get((question.pk, choice.pk), 0), result.answered),
                )
                for choice in question.choices.all()
            ]
        results.append(result)
    return results


def text_answers(
    *, question: Question, start: date | None = None, end: date | None = None
) -> QuerySet[Answer]:
    """The written answers of a text question, newest first."""
    return (
        Answer.objects.filter(
            question=question,
            response__in=responses_in(survey=question.survey, start=start, end=end).values("pk"),
        )
        .exclude(text="")
        .select_related("response")
        .order_by("-response__submitted_at")
    )


def with_satisfaction(
    surveys: QuerySet[Survey], *, start: date | None = None, end: date | None = None
) -> QuerySet[Survey]:
    """Annotate surveys with the totals `satisfaction_of` needs: one query for all of them."""
    period = Q()
    if start is not None or end is not None:
        low, high = day_range(start or date(1900, 1, 1), end or date(9999, 12, 30))
        period = Q(responses__submitted_at__gte=low, responses__submitted_at__lt=high)
    return surveys.annotate(
        n_responses=Count("responses", filter=period),
        n_scored=Count("responses__score", filter=period),
        mean_score=Avg("responses__score", filter=period),
        n_satisfied=Count("responses", filter=period & Q(responses__score__gte=SATISFIED_FROM)),
    )


def satisfaction_of(survey: Survey) -> Satisfaction:
    """The satisfaction of a survey annotated by `with_satisfaction`."""
    return _satisfaction(
        survey.formula,
        {
            "responses": survey.n_responses,
            "scored": survey.n_scored,
            "mean": survey.mean_score,
            "satisfied": survey.n_satisfied,
        },
    )


def division_of(survey: Survey):
    """The survey's division: its own, or else that of its service or project."""
    if survey.division_id:
        return survey.division
    if survey.service_id:
        return survey.service.division
    if survey.project_id:
        return survey.project.division
    return None


GROUPS = ("division", "service", "project")


def satisfaction_by(
    *, org: Organization, by: str, start: date | None = None, end: date | None = None
) -> list[tuple[str, Satisfaction]]:
    """Satisfaction per division, service or project over a period.

    Each survey counts by its own formula; a group's percent is the mean of its
    surveys' percents weighted by their scored responses (`combine`).
    """
    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}")
    surveys = with_satisfaction(
        Survey.objects.for_org(org).select_related(
            "division", "service__division", "project__division"
        ),
        start=start,
        end=end,
    )
    groups: dict[str, list[Satisfaction]] = {}
    for survey in surveys:
        if not survey.n_responses:
            continue
        owner = division_of(survey) if by == "division" else getattr(survey, by)
        if owner is not None:
            groups.setdefault(str(owner), []).append(satisfaction_of(survey))
    return [(name, combine(parts)) for name, parts in sorted(groups.items())]


def combine(parts: list[Satisfaction]) -> Satisfaction:
    """Several surveys' satisfaction as one, each weighted by its scored responses."""
    if len(parts) == 1:
        return parts[0]
    scored = sum(p.scored for p in parts)
    weighted = [(p.percent, p.scored) for p in parts if p.percent is not None]
    means = [(p.mean, p.scored) for p in parts if p.mean is not None]
    return Satisfaction(
        responses=sum(p.responses for p in parts),
        scored=scored,
        mean=(sum(m * n for m, n in means) / scored).quantize(Decimal("0.01")) if means else None,
        satisfied=sum(p.satisfied for p in parts),
        percent=(sum(pc * n for pc, n in weighted) / scored).quantize(Decimal("0.01"))
        if weighted
        else None,
    )


def project_satisfaction(*, project: Project) -> list[tuple[Survey, Satisfaction]]:
    """The project's surveys the public may see (not drafts), each with its satisfaction."""
    surveys = with_satisfaction(project.surveys.exclude(status=Survey.Status.DRAFT))
    return [(survey, satisfaction_of(survey)) for survey in surveys]


def first_response_year(*, org: Organization) -> int | None:
    """The fiscal year of the org's first survey response, where its reports begin."""
    first = (
        Response.objects.filter(survey__org=org)
        .order_by("submitted_at")
        .values("submitted_at")
        .first()
    )
    return fiscal_year(timezone.localtime(first["submitted_at"]).date()) if first else None


def open_surveys(*, org: Organization) -> QuerySet[Survey]:
    return Survey.objects.for_org(org).filter(status=Survey.Status.OPEN)


def closing_survey(*, case) -> Survey | None:
    """The satisfaction survey offered to the reporter of a closed case, if any.

    The case's service's own survey comes first, then the org's general one.
    """
    surveys = open_surveys(org=case.org).filter(offer_on_close=True)
    if case.service_id:
        own = surveys.filter(service_id=case.service_id).first()
        if own is not None:
            return own
    return surveys.filter(service__isnull=True).first()


def project_participants(
    *, org: Organization, start: date | None = None, end: date | None = None
) -> int:
    """Citizens who took part in the org's projects that started in the period."""
    projects = Project.objects.for_org(org)
    if start is not None:
        projects = projects.filter(starts_on__gte=start)
    if end is not None:
        projects = projects.filter(starts_on__lte=end)
    return projects.aggregate(n=Sum("participants"))["n"] or 0


def published_projects(*, org: Organization, fiscal_year: int | None = None) -> QuerySet[Project]:
    projects = Project.objects.for_org(org).filter(is_published=True).select_related("division")
    if fiscal_year is not None:
        projects = projects.filter(fiscal_year=fiscal_year)
    return projects.prefetch_related("villages")


def open_invitation(*, org: Organization, day: date) -> ItasLink | None:
    """The ITAS links the public pages invite stakeholders to, while the assessment is open."""
    for link in ItasLink.objects.for_org(org).filter(opens_on__lte=day):
        if link.is_open_on(day):
            return link
    return None
