"""The results page of a survey: satisfaction, a chart per question, written answers."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prongsai.orgs.models import Membership
from prongsai.surveys.models import Question, Survey
from prongsai.surveys.tests.factories import QuestionFactory, mixed_survey
from prongsai.surveys.tests.factories import respond as store

Role = Membership.Role


def respond(survey, *, speed=5, politeness=4, **by_text):
    by_text |= {"ความรวดเร็วในการให้บริการ": speed, "ความสุภาพของเจ้าหน้าที่": politeness}
    return store(survey, **by_text)


def results(org, survey) -> str:
    return f"/{org.slug}/staff/surveys/{survey.pk}/results/"


@pytest.fixture
def survey(org):
    return mixed_survey(org)


def test_the_results_show_satisfaction_by_the_surveys_formula(client, org, alice, survey):
    respond(survey, speed=5, politeness=5, เพศ="หญิง", รู้จักบริการจากช่องทางใด=["LINE"])
    respond(survey, speed=4, politeness=3, เพศ="ชาย", รู้จักบริการจากช่องทางใด=["LINE", "เว็บไซต์"])
    respond(survey, speed=2, politeness=2)
    client.force_login(alice)
    page = client.get(results(org, survey)).content.decode()
    # Means 5, 3.5 and 2: mean 3.5 of 5 is 70 %.
    assert "70%" in page and "3.50" in page
    assert str(Survey.Formula.MEAN.label) in page
    assert page.count('class="bar-chart"') == 4  # two Likert, one single, one multiple
    assert "5 มากที่สุด" in page and "1 (33.33%)" in page  # one of three gave 5 for speed
    assert "2 (100%)" in page  # both who answered the channel question chose LINE

    Survey.objects.filter(pk=survey.pk).update(formula=Survey.Formula.TOP_TWO)
    page = client.get(results(org, survey)).content.decode()
    assert "33.33%" in page  # only the first respondent averaged 4 or more
    assert str(Survey.Formula.TOP_TWO.label) in page


def test_written_answers_are_escaped_newest_first_with_a_link_to_all(client, org, alice, survey):
    for n in range(52):
        respond(survey, at=datetime(2024, 1, 1, 9, n), ข้อเสนอแนะ=f"ความเห็นที่ {n}")
    respond(survey, at=datetime(2024, 1, 2, 9, 0), ข้อเสนอแนะ="<script>alert(1)</script>")
    client.force_login(alice)
    page = client.get(results(org, survey)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.index("&lt;script&gt;") < page.index("ความเห็นที่ 51")
    assert "ความเห็นที่ 3<" in page and "ความเห็นที่ 2<" not in page  # the newest 50
    question = survey.questions.get(kind="long")
    all_url = f"/{org.slug}/staff/surveys/{survey.pk}/results/questions/{question.pk}/"
    assert all_url in page and "ดูคำตอบทั้งหมด (53 รายการ)" in page

    first = client.get(all_url).content.decode()
    assert "ความเห็นที่ 3<" in first and "ความเห็นที่ 2<" not in first
    second = client.get(all_url + "?page=2").content.decode()
    assert "ความเห็นที่ 2<" in second and "ความเห็นที่ 0<" in second
    likert = survey.questions.get(kind="likert", order=survey.questions.first().order)
    assert client.get(all_url.replace(str(question.pk), str(likert.pk))).status_code == 404


def test_the_period_filter_counts_only_its_days(client, org, alice, survey):
    respond(survey, at=datetime(2023, 9, 30, 23, 30), speed=1, politeness=1)  # fiscal 2566
    respond(survey, at=datetime(2023, 10, 1, 0, 30), speed=5, politeness=5)  # fiscal 2567
    client.force_login(alice)
    page = client.get(results(org, survey) + "?start=2023-10-01&end=2024-09-30").content.decode()
    assert "100%" in page and "1 ตุลาคม 2566 - 30 กันยายน 2567" in page
    page = client.get(results(org, survey) + "?end=2023-09-30").content.decode()
    assert "20%" in page
    everything = client.get(results(org, survey)).content.decode()
    assert "60%" in everything


def test_a_bad_period_shows_a_thai_message_and_every_response(client, org, alice, survey):
    respond(survey, speed=5, politeness=5)
    client.force_login(alice)
    for query in ("?start=2024-13-45", "?start=2024-05-01&end=2024-04-01"):
        response = client.get(results(org, survey) + query)
        page = response.content.decode()
        assert response.status_code == 200
        assert "วันที่ไม่ถูกต้อง" in page or "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น" in page
        assert "100%" in page


def test_the_fiscal_year_links_cover_whole_fiscal_years(client, org, alice, survey):
    client.force_login(alice)
    page = client.get(results(org, survey)).content.decode()
    year = timezone.localdate().year
    current = year + 1 if timezone.localdate().month >= 10 else year
    assert f"?start={current - 1}-10-01&amp;end={current}-09-30" in page


def test_the_page_runs_the_same_queries_whatever_the_answers(client, org, alice, survey):
    client.force_login(alice)
    respond(survey, เพศ="ชาย", ข้อเสนอแนะ="ดี")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(results(org, survey)).status_code == 200
        return len(queries)

    few = count()
    for n in range(20):
        respond(survey, speed=n % 5 + 1, เพศ="หญิง", รู้จักบริการจากช่องทางใด=["LINE"], ข้อเสนอแนะ=f"{n}")
    for n in range(6):
        QuestionFactory(survey=survey, kind=Question.Kind.SHORT if n % 2 else Question.Kind.LIKERT)
    assert count() == few


def test_an_executive_reads_results_but_cannot_build(client, org, make_member, survey):
    client.force_login(make_member(org, Role.EXECUTIVE).user)
    page = client.get(results(org, survey)).content.decode()
    assert f"/{org.slug}/staff/surveys/{survey.pk}/questions/" not in page
    assert "ดาวน์โหลด XLSX" in page


def test_results_use_local_days(org, survey):
    """A response just after midnight Bangkok time belongs to that day."""
    respond(survey, at=datetime(2024, 3, 1, 0, 5))
    from prongsai.surveys import reports

    one_day = reports.survey_summary(survey=survey, start=date(2024, 3, 1), end=date(2024, 3, 1))
    assert one_day.satisfaction.responses == 1
