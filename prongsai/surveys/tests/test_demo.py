"""The demo's surveys reproduce the reference report's 85 % by computation."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from prongsai.orgs.models import Organization
from prongsai.surveys import demo, selectors
from prongsai.surveys.models import Project, Response, Survey


@pytest.fixture
def prasat_thong(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", verbosity=0)
    return Organization.objects.get(slug="prasat-thong")


def test_the_waste_project_survey_gives_85_percent(prasat_thong):
    project = Project.objects.get(org=prasat_thong, title=demo.PROJECT_TITLE)
    assert (project.starts_on, project.ends_on) == (date(2023, 1, 18), date(2023, 1, 19))
    assert [str(v) for v in project.villages.all()] == ["ม.6 บ้านสามโคก"]
    survey = project.surveys.get()
    assert survey.formula == Survey.Formula.MEAN and survey.status == Survey.Status.CLOSED
    result = selectors.satisfaction(survey=survey, start=date(2023, 1, 18), end=date(2023, 1, 19))
    assert result.responses == 20
    assert result.percent == Decimal("85.00")


def test_the_service_survey_spreads_over_fiscal_2566(prasat_thong):
    survey = Survey.objects.get(org=prasat_thong, title=demo.SERVICE_SURVEY_TITLE)
    assert survey.offer_on_close
    responses = Response.objects.filter(survey=survey)
    months = {r.submitted_at.astimezone().strftime("%Y-%m") for r in responses}
    assert len(months) == 12
    assert responses.filter(case__isnull=False).count() >= 19
    result = selectors.satisfaction(survey=survey, start=date(2022, 10, 1), end=date(2023, 9, 30))
    assert 50 < result.percent < 100


def test_loading_twice_changes_nothing(prasat_thong):
    before = Response.objects.count(), Survey.objects.count(), Project.objects.count()
    call_command("demo", verbosity=0)
    assert (Response.objects.count(), Survey.objects.count(), Project.objects.count()) == before
