"""What the satisfaction report and the results pages show, built from the selectors.

`satisfaction_report` holds only what may be published (counts, means,
percents and charts): never contact data, never free-text answers, so the same
context serves the staff's printable page and a public OIT page.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.safestring import SafeString

from prongsai import thai
from prongsai.orgs.models import Organization
from prongsai.surveys import charts, selectors
from prongsai.surveys.models import Answer, Question, Survey

TEXT_ANSWERS_SHOWN = 50


@dataclass
class QuestionSummary:
    result: selectors.QuestionResult
    chart: SafeString | None = None

    @property
    def question(self) -> Question:
        return self.result.question


@dataclass
class SurveySummary:
    survey: Survey
    satisfaction: selectors.Satisfaction
    questions: list[QuestionSummary] = field(default_factory=list)

    @property
    def means(self) -> list[QuestionSummary]:
        """The Likert questions that were answered, with their mean scores."""
        return [q for q in self.questions if q.result.mean is not None]


@dataclass
class SatisfactionReport:
    org: Organization
    start: date
    end: date
    period: str  # the period in Thai, "1 ตุลาคม 2566 - 30 กันยายน 2567"
    surveys: list[SurveySummary]
    by_division: list[tuple[str, selectors.Satisfaction]]
    responses: int  # over every survey of the report
    percent: Decimal | None  # every survey's percent, weighted by its scored responses
    generated: date = field(default_factory=timezone.localdate)


def question_chart(result: selectors.QuestionResult) -> SafeString | None:
    """The bar chart of a Likert or choice question; text questions have none."""
    if result.question.kind in Question.TEXT_KINDS:
        return None
    return charts.bar_chart(result.rows, title=result.question.text)


def survey_summary(
    *, survey: Survey, start: date | None = None, end: date | None = None, charted: bool = True
) -> SurveySummary:
    """A survey's satisfaction and per-question results (with charts) over a period."""
    return SurveySummary(
        survey=survey,
        satisfaction=selectors.satisfaction(survey=survey, start=start, end=end),
        questions=[
            QuestionSummary(result=result, chart=question_chart(result) if charted else None)
            for result in selectors.question_results(survey=survey, start=start, end=end)
        ],
    )


def latest_text_answers(
    *,
    survey: Survey,
    start: date | None = None,
    end: date | None = None,
    limit: int = TEXT_ANSWERS_SHOWN,
) -> dict[int, list[Answer]]:
    """The newest `limit` written answers of each text question, in one query."""
    ranked: QuerySet[Answer] = (
        Answer.objects.filter(
            question__survey=survey,
            question__kind__in=Question.TEXT_KINDS,
            response__in=selectors.responses_in(survey=survey, start=start, end=end).values("pk"),
        )
        .exclude(text="")
        .select_related("response")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("question_id")],
                order_by=[F("response__submitted_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=limit)
        .order_by("question_id", "rank")
    )
    by_question: dict[int, list[Answer]] = {}
    for answer in ranked:
        by_question.setdefault(answer.question_id, []).append(answer)
    return by_question


def satisfaction_report(*, org: Organization, start: date, end: date) -> SatisfactionReport:
    """The org's satisfaction over a period: every survey with responses in it.

    A survey counts by its own formula; the org's overall percent weighs each
    survey's percent by its scored responses, as `selectors.satisfaction_by` does.
    """
    surveys = (
        Survey.objects.for_org(org).exclude(status=Survey.Status.DRAFT).order_by("title", "pk")
    )
    summaries = []
    for survey in surveys:
        summary = survey_summary(survey=survey, start=start, end=end)
        if summary.satisfaction.responses:
            # Free text never goes into the report, not even as a count.
            summary.questions = [
                q for q in summary.questions if q.question.kind not in Question.TEXT_KINDS
            ]
            summaries.append(summary)
    weighted = [
        (s.satisfaction.percent, s.satisfaction.scored)
        for s in summaries
        if s.satisfaction.percent is not None
    ]
    scored = sum(n for _, n in weighted)
    percent = (
        (sum(p * n for p, n in weighted) / scored).quantize(Decimal("0.01")) if scored else None
    )
    return SatisfactionReport(
        org=org,
        start=start,
        end=end,
        period=thai.format_date_range(start, end, thai_digits=False),
        surveys=summaries,
        by_division=selectors.satisfaction_by(org=org, by="division", start=start, end=end),
        responses=sum(s.satisfaction.responses for s in summaries),
        percent=percent,
    )
