import datetime
import secrets

import factory

from prongsai.orgs.tests.factories import OrganizationFactory
from prongsai.surveys.models import Choice, Project, Question, Survey


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    org = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"แบบสำรวจความพึงพอใจที่ {n}")
    status = Survey.Status.OPEN


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(int)
    kind = Question.Kind.LIKERT
    text = factory.Sequence(lambda n: f"ความพึงพอใจข้อที่ {n}")


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=Question.Kind.SINGLE)
    order = factory.Sequence(int)
    label = factory.Sequence(lambda n: f"ตัวเลือก {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    org = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"โครงการที่ {n}")
    starts_on = datetime.date(2023, 1, 18)
    ends_on = factory.SelfAttribute("starts_on")
    participants = 20


def mixed_survey(org) -> Survey:
    """An open survey with one question of every kind; two Likert questions."""
    survey = SurveyFactory(org=org, title="ความพึงพอใจต่อการให้บริการ")
    QuestionFactory(survey=survey, text="ความรวดเร็วในการให้บริการ")
    QuestionFactory(survey=survey, text="ความสุภาพของเจ้าหน้าที่")
    single = QuestionFactory(survey=survey, kind=Question.Kind.SINGLE, text="เพศ", required=False)
    for label in ("ชาย", "หญิง", "ไม่ระบุ"):
        ChoiceFactory(question=single, label=label)
    multiple = QuestionFactory(
        survey=survey, kind=Question.Kind.MULTIPLE, text="รู้จักบริการจากช่องทางใด", required=False
    )
    for label in ("เว็บไซต์", "LINE", "หอกระจายข่าว"):
        ChoiceFactory(question=multiple, label=label)
    QuestionFactory(survey=survey, kind=Question.Kind.LONG, text="ข้อเสนอแนะ", required=False)
    return survey


def new_token() -> str:
    return secrets.token_urlsafe(16)
