import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.inbox.models import Case
from prongsai.surveys import services
from prongsai.surveys.models import Response, Survey
from prongsai.surveys.tests.factories import SurveyFactory, mixed_survey, new_token
from prongsai.thai import fiscal_year


@pytest.fixture
def survey(org):
    return mixed_survey(org)


def url(survey):
    return reverse("org:survey", args=[survey.org.slug, survey.pk])


def form_data(client, survey, **overrides):
    page = client.get(url(survey))
    token = page.context["token"]
    data = {"token": token}
    for row in page.context["questions"]:
        question = row["question"]
        if question.kind == "likert":
            data[question.field_name] = "4"
    return data | overrides


def test_the_form_shows_every_question(client, survey):
    page = client.get(url(survey))
    assert page.status_code == 200
    html = page.content.decode()
    for question in survey.questions.all():
        assert question.text in html
    assert "มากที่สุด" in html and 'name="token"' in html


def test_an_answer_is_stored_and_thanked(client, survey):
    response = client.post(url(survey), form_data(client, survey))
    assert response.status_code == 302
    assert response.url == reverse("org:survey_thanks", args=[survey.org.slug, survey.pk])
    stored = Response.objects.get(survey=survey)
    assert stored.score == 4 and stored.case is None
    thanks = client.get(response.url)
    assert "ขอบคุณที่ตอบแบบสำรวจ" in thanks.content.decode()
    assert thanks.context["result"].responses == 1


def test_the_same_device_is_sent_to_the_thanks_page(client, survey):
    client.post(url(survey), form_data(client, survey))
    again = client.get(url(survey))
    assert again.status_code == 302 and "thanks" in again.url
    assert Response.objects.count() == 1


def test_a_survey_that_allows_repeats_takes_another_answer(client, survey):
    survey.allow_repeat = True
    survey.save()
    client.post(url(survey), form_data(client, survey))
    client.post(url(survey), form_data(client, survey))
    assert Response.objects.count() == 2


def test_a_missing_answer_shows_the_form_again_with_what_was_given(client, survey):
    data = form_data(client, survey)
    first = survey.questions.get(text="ความรวดเร็วในการให้บริการ")
    del data[first.field_name]
    note = survey.questions.get(text="ข้อเสนอแนะ")
    data[note.field_name] = "<script>alert(1)</script>"
    page = client.post(url(survey), data)
    assert page.status_code == 400
    html = page.content.decode()
    assert "กรุณาตอบข้อนี้" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert not Response.objects.exists()


def test_drafts_and_other_orgs_surveys_are_not_found(client, survey, other_org):
    draft = SurveyFactory(org=survey.org, status=Survey.Status.DRAFT)
    assert client.get(url(draft)).status_code == 404
    foreign = mixed_survey(other_org)
    wrong_org = reverse("org:survey", args=[survey.org.slug, foreign.pk])
    assert client.get(wrong_org).status_code == 404


def test_a_closed_survey_says_so(client, survey):
    data = form_data(client, survey)
    survey.status = Survey.Status.CLOSED
    survey.save()
    page = client.get(url(survey))
    assert "ปิดรับคำตอบแล้ว" in page.content.decode()
    refused = client.post(url(survey), data)
    assert refused.status_code == 400 and "ปิดรับคำตอบแล้ว" in refused.content.decode()
    assert not Response.objects.exists()


@pytest.fixture
def closed_case(org):
    from prongsai.inbox.services import submit_case

    case = submit_case(org=org, channel=Case.Channel.WEB, kind=Case.Kind.COMPLAINT, subject="ไฟดับ")
    Case.objects.filter(pk=case.pk).update(status=Case.Status.RESOLVED)
    case.refresh_from_db()
    return case


def test_the_reporter_rates_a_closed_case_once(client, org, closed_case):
    survey = mixed_survey(org)
    survey.offer_on_close = True
    survey.save()
    case_url = reverse("org:case_survey", args=[org.slug, closed_case.tracking_code])
    page = client.get(case_url)
    assert page.status_code == 200 and "ไฟดับ" in page.content.decode()
    data = {"token": page.context["token"]}
    for row in page.context["questions"]:
        if row["question"].kind == "likert":
            data[row["question"].field_name] = "5"
    assert client.post(case_url, data).status_code == 302
    assert Response.objects.get().case == closed_case
    # Another browser cannot rate it again.
    client.cookies.clear()
    assert client.get(case_url).status_code == 302
    assert Response.objects.count() == 1


def test_no_rating_for_an_open_case_or_without_a_survey(client, org, closed_case):
    case_url = reverse("org:case_survey", args=[org.slug, closed_case.tracking_code])
    assert client.get(case_url).status_code == 404
    SurveyFactory(org=org, offer_on_close=True)
    Case.objects.filter(pk=closed_case.pk).update(status=Case.Status.IN_PROGRESS)
    assert client.get(case_url).status_code == 404
    wrong = reverse("org:case_survey", args=[org.slug, "ZZZZZZZZ"])
    assert client.get(wrong).status_code == 404


def test_the_public_satisfaction_report_of_a_fiscal_year(client, survey):
    data = {q.field_name: ["5"] for q in survey.questions.filter(kind="likert")}
    data[survey.questions.get(text="ข้อเสนอแนะ").field_name] = ["ความลับ: เบอร์ 0812345678"]
    services.submit_response(survey=survey, data=data, token=new_token())
    year = fiscal_year(timezone.localdate())
    page = client.get(reverse("org:public_satisfaction_report", args=[survey.org.slug, year]))
    html = page.content.decode()
    assert page.status_code == 200 and survey.title in html and "100" in html
    assert "0812345678" not in html  # free text stays with staff
    assert client.get(f"/{survey.org.slug}/surveys/report/2023/").status_code == 404


def test_a_second_form_from_a_device_that_answered_is_refused_not_thanked(client, survey):
    first, second = form_data(client, survey), form_data(client, survey)
    client.post(url(survey), first)
    again = client.post(url(survey), first)  # the same form sent twice: already stored
    assert again.status_code == 302
    refused = client.post(url(survey), second)  # another tab's form
    assert refused.status_code == 409
    assert "ไม่ได้บันทึกซ้ำ" in refused.content.decode()
    assert Response.objects.count() == 1
