"""Public open data: GET /api/v1/orgs/<slug>/surveys/ (DESIGN.md's contract) and /projects/."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.orgs.models import Village
from prongsai.orgs.tests.factories import DivisionFactory
from prongsai.surveys import services
from prongsai.surveys.models import Survey
from prongsai.surveys.tests.factories import (
    ProjectFactory,
    QuestionFactory,
    SurveyFactory,
    new_token,
)

THAI = re.compile("[\u0e00-\u0e7f]")
BANGKOK = timezone.get_fixed_timezone(7 * 60)


def surveys_url(org) -> str:
    return f"/api/v1/orgs/{org.slug}/surveys/"


def projects_url(org) -> str:
    return f"/api/v1/orgs/{org.slug}/projects/"


def survey_with_answers(org, *scores, **fields) -> Survey:
    """A survey of one Likert question, answered once with each score."""
    survey = SurveyFactory(org=org, **fields)
    status = survey.status
    question = QuestionFactory(survey=survey)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    survey.refresh_from_db()
    for score in scores:
        services.submit_response(
            survey=survey, data={question.field_name: [str(score)]}, token=new_token()
        )
    Survey.objects.filter(pk=survey.pk).update(status=status)
    return survey


def test_each_survey_with_its_satisfaction(client, org):
    roads = DivisionFactory(org=org, name="กองช่าง")
    survey = survey_with_answers(
        org,
        5,
        4,
        title="ความพึงพอใจงานซ่อมถนน",
        service=ServiceFactory(org=org, name="ถนนชำรุด", division=roads),
    )
    response = client.get(surveys_url(org))
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": survey.pk,
            "title": "ความพึงพอใจงานซ่อมถนน",
            "status": "open",
            "formula": "mean",
            "responses": 2,
            "satisfaction_percent": 90.0,
            "division": "กองช่าง",
            "service": "ถนนชำรุด",
            "project": None,
        }
    ]


def test_the_top_two_formula_counts_the_satisfied(client, org):
    survey_with_answers(org, 5, 4, 3, 1, formula=Survey.Formula.TOP_TWO)
    [row] = client.get(surveys_url(org)).json()
    assert row["formula"] == "top2" and row["satisfaction_percent"] == 50.0


def test_closed_surveys_are_listed_and_drafts_are_not(client, org):
    closed = survey_with_answers(org, 3, status=Survey.Status.CLOSED)
    survey_with_answers(org, 5, status=Survey.Status.DRAFT)
    empty = SurveyFactory(org=org)
    rows = {row["id"]: row for row in client.get(surveys_url(org)).json()}
    assert set(rows) == {closed.pk, empty.pk}
    assert rows[closed.pk]["status"] == "closed"
    assert rows[closed.pk]["satisfaction_percent"] == 60.0
    assert rows[empty.pk]["responses"] == 0 and rows[empty.pk]["satisfaction_percent"] is None


def test_a_project_survey_names_its_project_and_its_division(client, org):
    works = DivisionFactory(org=org, name="สำนักปลัด")
    project = ProjectFactory(org=org, title="โครงการคัดแยกขยะ", division=works)
    survey_with_answers(org, 4, project=project)
    [row] = client.get(surveys_url(org)).json()
    assert row["project"] == "โครงการคัดแยกขยะ" and row["division"] == "สำนักปลัด"
    assert row["service"] is None


def test_responses_count_within_the_bangkok_days_asked(client, org):
    survey = SurveyFactory(org=org)
    question = QuestionFactory(survey=survey)
    for day, score in [(1, 5), (31, 3), (32, 1)]:
        at = datetime.datetime(2023, 1, 1, 0, 30, tzinfo=BANGKOK) + datetime.timedelta(days=day - 1)
        services.submit_response(
            survey=survey, data={question.field_name: [str(score)]}, token=new_token(), at=at
        )
    january = client.get(surveys_url(org), {"start": "2023-01-01", "end": "2023-01-31"}).json()
    assert january[0]["responses"] == 2 and january[0]["satisfaction_percent"] == 80.0
    since = client.get(surveys_url(org), {"start": "2023-02-01"}).json()
    assert since[0]["responses"] == 1 and since[0]["satisfaction_percent"] == 20.0
    until = client.get(surveys_url(org), {"end": "2022-12-31"}).json()
    assert until[0]["responses"] == 0 and until[0]["satisfaction_percent"] is None
    assert client.get(surveys_url(org)).json()[0]["responses"] == 3


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2023-13-01"},
        {"start": "31/01/2023"},
        {"end": "2566-01-31"},
        {"start": "2023-02-01", "end": "2023-01-31"},
    ],
)
def test_a_bad_date_is_a_400_in_thai(client, org, query):
    response = client.get(surveys_url(org), query)
    assert response.status_code == 400
    assert THAI.search(response.json()["detail"])


def test_another_orgs_surveys_are_absent(client, org, other_org):
    survey_with_answers(other_org, 5)
    assert client.get(surveys_url(org)).json() == []


def test_an_unknown_org_is_a_404(client, db):
    response = client.get("/api/v1/orgs/nowhere/surveys/")
    assert response.status_code == 404 and THAI.search(response.json()["detail"])
    assert client.get("/api/v1/orgs/nowhere/projects/").status_code == 404


def test_no_personal_data_comes_out(client, org):
    survey = SurveyFactory(org=org, asks_contact=True)
    question = QuestionFactory(survey=survey)
    services.submit_response(
        survey=survey,
        data={question.field_name: ["5"]},
        token=new_token(),
        contact={"name": "สมศรี มีสุข", "phone": "0812345678", "email": "somsri@example.com"},
        consent=True,
    )
    body = client.get(surveys_url(org)).content.decode()
    assert "สมศรี" not in body and "0812345678" not in body and "somsri" not in body


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_surveys(client, org):
    roads = DivisionFactory(org=org)
    survey_with_answers(org, 5, 4, service=ServiceFactory(org=org, division=roads))
    one = count_queries(client, surveys_url(org))
    for n in range(4):
        survey_with_answers(
            org, 3, 4, service=ServiceFactory(org=org), project=ProjectFactory(org=org)
        )
        survey_with_answers(org, n + 1, division=roads)
    assert count_queries(client, surveys_url(org)) == one


# Projects


def test_published_projects_of_a_fiscal_year(client, org, other_org):
    village = Village.objects.create(org=org, number=6, name="บ้านสามโคก")
    project = ProjectFactory(
        org=org,
        title="โครงการคัดแยกขยะและบำบัดน้ำเสีย",
        starts_on=datetime.date(2023, 1, 18),
        ends_on=datetime.date(2023, 1, 19),
        participants=45,
    )
    project.villages.add(village)
    survey_with_answers(org, 5, 4, project=project)
    survey_with_answers(org, 1, project=project, status=Survey.Status.DRAFT)
    ProjectFactory(org=org, is_published=False)
    ProjectFactory(org=org, starts_on=datetime.date(2023, 10, 2))  # fiscal year 2567
    ProjectFactory(org=other_org)
    response = client.get(projects_url(org), {"year": "2566"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": project.pk,
            "title": "โครงการคัดแยกขยะและบำบัดน้ำเสีย",
            "starts_on": "2023-01-18",
            "ends_on": "2023-01-19",
            "fiscal_year": 2566,
            "villages": ["ม.6 บ้านสามโคก"],
            "participants": 45,
            "satisfaction_percent": 90.0,
        }
    ]
    assert len(client.get(projects_url(org)).json()) == 2


def test_a_project_without_answers_has_no_percent(client, org):
    ProjectFactory(org=org)
    [row] = client.get(projects_url(org)).json()
    assert row["satisfaction_percent"] is None and row["villages"] == []


@pytest.mark.parametrize("year", ["2023", "66", "๒๕๖๖", "2566x"])
def test_a_year_that_is_not_buddhist_era_is_a_400_in_thai(client, org, year):
    response = client.get(projects_url(org), {"year": year})
    assert response.status_code == 400 and THAI.search(response.json()["detail"])


def test_the_project_queries_do_not_grow_with_the_projects(client, org):
    project = ProjectFactory(org=org)
    project.villages.add(Village.objects.create(org=org, number=1, name="บ้านหนึ่ง"))
    survey_with_answers(org, 5, project=project)
    one = count_queries(client, projects_url(org))
    for n in range(2, 6):
        project = ProjectFactory(org=org)
        project.villages.add(Village.objects.create(org=org, number=n, name=f"บ้าน {n}"))
        survey_with_answers(org, 4, project=project)
    assert count_queries(client, projects_url(org)) == one
