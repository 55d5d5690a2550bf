from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.surveys import selectors, services
from prongsai.surveys.models import Answer, Response, Survey
from prongsai.surveys.tests.factories import (
    QuestionFactory,
    SurveyFactory,
    form_data,
    mixed_survey,
    new_token,
)


@pytest.fixture
def survey(org):
    return mixed_survey(org)


def answer(survey, speed=5, politeness=4, **more):
    data = form_data(survey, **{"ความรวดเร็วในการให้บริการ": speed, "ความสุภาพของเจ้าหน้าที่": politeness})
    data |= form_data(survey, **more)
    return services.submit_response(survey=survey, data=data, token=new_token())


def test_a_response_stores_every_answer_and_the_mean_score(survey):
    response = answer(
        survey,
        เพศ="หญิง",
        รู้จักบริการจากช่องทางใด=["LINE", "หอกระจายข่าว"],
        ข้อเสนอแนะ="<b>ดีมาก</b> & ขอบคุณ",
    )
    assert response.score == Decimal("4.5")
    assert response.answers.count() == 6
    assert Answer.objects.get(response=response, text__contains="ดีมาก").text == (
        "<b>ดีมาก</b> & ขอบคุณ"
    )
    assert response.contact_name == "" and response.consent_at is None


def test_a_missing_required_answer_stores_nothing(survey):
    data = form_data(survey, ความรวดเร็วในการให้บริการ=5)
    with pytest.raises(ValidationError) as error:
        services.submit_response(survey=survey, data=data, token=new_token())
    question = survey.questions.get(text="ความสุภาพของเจ้าหน้าที่")
    assert error.value.message_dict[question.field_name] == ["กรุณาตอบข้อนี้"]
    assert not Response.objects.exists() and not Answer.objects.exists()


@pytest.mark.parametrize("value", ["0", "6", "4.5", "๕", "five", "-1", "99999999999999999999"])
def test_an_out_of_range_score_is_refused(survey, value):
    data = form_data(survey, ความสุภาพของเจ้าหน้าที่=4)
    data[survey.questions.get(text="ความรวดเร็วในการให้บริการ").field_name] = [value]
    with pytest.raises(ValidationError, match="ระดับ ๑ ถึง ๕"):
        services.submit_response(survey=survey, data=data, token=new_token())
    assert not Response.objects.exists()


def test_a_forged_question_or_choice_is_refused(survey, other_org):
    foreign = mixed_survey(other_org)
    data = form_data(survey, ความรวดเร็วในการให้บริการ=5, ความสุภาพของเจ้าหน้าที่=5)
    forged = data | {foreign.questions.first().field_name: ["5"]}
    with pytest.raises(ValidationError, match="ไม่มีคำถามที่ส่งมา"):
        services.submit_response(survey=survey, data=forged, token=new_token())
    gender = survey.questions.get(text="เพศ")
    foreign_choice = foreign.questions.get(text="เพศ").choices.first()
    with pytest.raises(ValidationError, match="ตัวเลือกที่ส่งมาไม่มี"):
        services.submit_response(
            survey=survey,
            data=data | {gender.field_name: [str(foreign_choice.pk)]},
            token=new_token(),
        )
    assert not Response.objects.exists()


def test_single_choice_takes_one_answer(survey):
    gender = survey.questions.get(text="เพศ")
    data = form_data(survey, ความรวดเร็วในการให้บริการ=5, ความสุภาพของเจ้าหน้าที่=5)
    data[gender.field_name] = [str(c.pk) for c in gender.choices.all()[:2]]
    with pytest.raises(ValidationError, match="เลือกได้ข้อเดียว"):
        services.submit_response(survey=survey, data=data, token=new_token())


@pytest.mark.parametrize("status", [Survey.Status.DRAFT, Survey.Status.CLOSED])
def test_a_survey_not_open_takes_no_answer(survey, status):
    survey.status = status
    survey.save()
    with pytest.raises(ValidationError, match="ปิดรับคำตอบแล้ว"):
        answer(survey)
    assert not Response.objects.exists()


def test_a_survey_past_its_closing_time_takes_no_answer(survey):
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()
    with pytest.raises(ValidationError, match="ปิดรับคำตอบแล้ว"):
        answer(survey)


def test_the_same_form_posted_twice_is_stored_once(survey):
    data = form_data(survey, ความรวดเร็วในการให้บริการ=5, ความสุภาพของเจ้าหน้าที่=5)
    token = new_token()
    first = services.submit_response(survey=survey, data=data, token=token)
    again = services.submit_response(survey=survey, data=data, token=token)
    assert first == again and Response.objects.count() == 1


@pytest.mark.parametrize("token", ["", "short", "x" * 65, "ไทยไทยไทยไทยไทยไทยไทยไทย"])
def test_a_form_without_a_proper_token_is_refused(survey, token):
    data = form_data(survey, ความรวดเร็วในการให้บริการ=5, ความสุภาพของเจ้าหน้าที่=5)
    with pytest.raises(ValidationError, match="โหลดหน้าใหม่"):
        services.submit_response(survey=survey, data=data, token=token)


def test_contact_details_need_consent(org):
    survey = SurveyFactory(org=org, asks_contact=True)
    question = QuestionFactory(survey=survey)
    data = {question.field_name: ["4"]}
    contact = {"name": "สมศรี", "phone": "0812345678", "email": ""}
    with pytest.raises(ValidationError, match="ยินยอม"):
        services.submit_response(survey=survey, data=data, token=new_token(), contact=contact)
    response = services.submit_response(
        survey=survey, data=data, token=new_token(), contact=contact, consent=True
    )
    assert response.contact_name == "สมศรี" and response.consent_at is not None


def test_contact_details_are_not_kept_when_the_survey_does_not_ask(survey):
    data = form_data(survey, ความรวดเร็วในการให้บริการ=5, ความสุภาพของเจ้าหน้าที่=5)
    response = services.submit_response(
        survey=survey, data=data, token=new_token(), contact={"name": "สมศรี"}, consent=True
    )
    assert response.contact_name == ""


def test_results_count_each_question(survey):
    answer(survey, 5, 5, เพศ="หญิง", รู้จักบริการจากช่องทางใด=["LINE"])
    answer(survey, 4, 3, เพศ="ชาย", รู้จักบริการจากช่องทางใด=["LINE", "เว็บไซต์"])
    answer(survey, 2, 1)
    results = {r.question.text: r for r in selectors.question_results(survey=survey)}
    speed = results["ความรวดเร็วในการให้บริการ"]
    assert speed.answered == 3 and speed.mean == Decimal("3.67")
    assert [(label, n) for label, n, _ in speed.rows] == [
        ("5 มากที่สุด", 1),
        ("4 มาก", 1),
        ("3 ปานกลาง", 0),
        ("2 น้อย", 1),
        ("1 น้อยที่สุด", 0),
    ]
    channels = results["รู้จักบริการจากช่องทางใด"]
    assert channels.answered == 2
    assert [(label, n, pct) for label, n, pct in channels.rows] == [
        ("เว็บไซต์", 1, Decimal("50.00")),
        ("LINE", 2, Decimal("100.00")),
        ("หอกระจายข่าว", 0, Decimal("0.00")),
    ]


def test_satisfaction_by_each_formula(survey):
    # Respondent means 5, 4.5, 4, 3.5, 1 → mean 3.6 (72 %); 3 of 5 at 4 or more (60 %).
    for pair in [(5, 5), (5, 4), (4, 4), (4, 3), (1, 1)]:
        answer(survey, *pair)
    assert selectors.satisfaction(survey=survey).percent == Decimal("72.00")
    survey.formula = Survey.Formula.TOP_TWO
    assert selectors.satisfaction(survey=survey).percent == Decimal("60.00")


def test_satisfaction_over_a_period(survey):
    day = date(2023, 1, 18)
    for offset, scores in [(0, (5, 5)), (1, (3, 3)), (40, (1, 1))]:
        data = form_data(
            survey,
            ความรวดเร็วในการให้บริการ=scores[0],
            ความสุภาพของเจ้าหน้าที่=scores[1],
        )
        at = timezone.make_aware(
            datetime.combine(day + timedelta(days=offset), datetime.min.time())
        )
        services.submit_response(survey=survey, data=data, token=new_token(), at=at)
    result = selectors.satisfaction(survey=survey, start=day, end=day + timedelta(days=1))
    assert result.responses == 2 and result.percent == Decimal("80.00")
    assert selectors.satisfaction(survey=survey, start=date(2024, 1, 1)).percent is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=12))
@pytest.mark.django_db
def test_mean_formula_matches_the_answers(pairs):
    from prongsai.orgs.tests.factories import OrganizationFactory

    survey = mixed_survey(OrganizationFactory())
    for pair in pairs:
        answer(survey, *pair)
    means = [Decimal(a + b) / 2 for a, b in pairs]
    expected = sum(means) / len(means) / 5 * 100
    assert abs(selectors.satisfaction(survey=survey).percent - expected) < Decimal("0.01")
    top = sum(1 for m in means if m >= 4) * Decimal(100) / len(means)
    survey.formula = Survey.Formula.TOP_TWO
    assert abs(selectors.satisfaction(survey=survey).percent - top) < Decimal("0.01")
