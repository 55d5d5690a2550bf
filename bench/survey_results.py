"""Results of a survey with 100,000 responses, against the same survey with 1,000.

Both surveys have the demo's shape (four Likert questions and a suggestion
box, about one in ten filled). Results are aggregates the database computes:
the satisfaction figure and every question's distribution, a fixed number of
queries whatever the number of responses.
"""

import random
import time
from datetime import timedelta
from functools import cache

from django.db import transaction
from django.utils import timezone

from bench.runner import benchmark
from prongsai.orgs.models import Organization
from prongsai.surveys import selectors
from prongsai.surveys.models import Answer, Question, Response, Survey

BIG, SMALL = 100_000, 1_000
BATCH = 5_000
LIKERT_QUESTIONS = 4


def _survey(org: Organization, title: str, count: int, rng: random.Random) -> Survey:
    survey = Survey.objects.create(org=org, title=title, status=Survey.Status.OPEN)
    likert = [
        survey.questions.create(order=n, kind=Question.Kind.LIKERT, text=f"ข้อ {n + 1}")
        for n in range(LIKERT_QUESTIONS)
    ]
    note = survey.questions.create(
        order=LIKERT_QUESTIONS, kind=Question.Kind.LONG, text="ข้อเสนอแนะ", required=False
    )
    start = timezone.now() - timedelta(days=365)
    for first in range(0, count, BATCH):
        size = min(BATCH, count - first)
        scores = [[rng.choice((2, 3, 4, 4, 5, 5)) for _ in likert] for _ in range(size)]
        responses = Response.objects.bulk_create(
            Response(
                survey=survey,
                submitted_at=start + timedelta(seconds=(first + n) * 300),
                score=sum(row) / len(row),
                token=f"bench-{first + n:012d}",
            )
            for n, row in enumerate(scores)
        )
        answers = []
        for response, row in zip(responses, scores, strict=True):
            answers += [
                Answer(response=response, question=q, score=s)
                for q, s in zip(likert, row, strict=True)
            ]
            if rng.random() < 0.1:
                answers.append(Answer(response=response, question=note, text="ขอบคุณค่ะ"))
        Answer.objects.bulk_create(answers)
    return survey


@cache
def _surveys() -> tuple[Survey, Survey]:
    rng = random.Random(2566)
    org = Organization.objects.get(slug="prasat-thong")
    started = time.perf_counter()
    with transaction.atomic():
        big = _survey(org, "bench: 100,000 responses", BIG, rng)
        small = _survey(org, "bench: 1,000 responses", SMALL, rng)
    print(f"  set-up: {BIG:,} + {SMALL:,} responses in {time.perf_counter() - started:.0f} s")
    return big, small


def _results(survey: Survey) -> None:
    selectors.satisfaction(survey=survey)
    selectors.question_results(survey=survey)


def small_survey() -> None:
    _results(_surveys()[1])


@benchmark(
    f"survey results, {BIG:,} responses",
    baseline=small_survey,
    baseline_name=f"same, {SMALL:,} responses",
)
def big_survey() -> None:
    _results(_surveys()[0])
