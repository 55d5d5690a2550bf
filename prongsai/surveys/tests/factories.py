import datetime
import secrets

import factory
from django.utils import timezone

from prongsai.orgs.tests.factories import OrganizationFactory
from prongsai.surveys import services
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


def form_data(survey: Survey, **by_text) -> dict[str, list[str]]:
    """Posted values answering the survey's questions, named by their text.

    A choice question takes a label or a list of labels; the others a value.
    """
    data = {}
    for question in survey.questions.prefetch_related("choices"):
        value = by_text.get(question.text)
        if value is None:
            continue
        if question.kind in Question.CHOICE_KINDS:
            labels = value if isinstance(value, list) else [value]
            data[question.field_name] = [
                str(c.pk) for c in question.choices.all() if c.label in labels
            ]
        else:
            data[question.field_name] = [str(value)]
    return data


def respond(survey: Survey, *, at=None, contact=None, **by_text):
    """Store one response through the service, as the public form does."""
    return services.submit_response(
        survey=survey,
        data=form_data(survey, **by_text),
        token=new_token(),
        at=timezone.make_aware(at) if at else None,
        contact=contact,
        consent=bool(contact),
    )
