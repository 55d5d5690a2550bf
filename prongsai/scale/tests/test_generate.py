"""`manage.py scale_data`: the asked numbers of orgs and cases, valid data, safe to run again."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from prongsai.eservices.models import Service
from prongsai.inbox import tracking
from prongsai.inbox.models import Case, CaseEvent
from prongsai.ita.figures import MISSING
from prongsai.ita.models import Plan, Step
from prongsai.orgs.models import Membership, Organization
from prongsai.scale.pages import pages
from prongsai.surveys.models import Project, Response, Survey

pytestmark = pytest.mark.django_db

MODELS = (Organization, Membership, Service, Case, CaseEvent, Survey, Response, Project, Plan)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_makes_the_asked_numbers_of_orgs_and_cases():
    out = StringIO()
    call_command("scale_data", orgs=3, cases=90, stdout=out)
    orgs = Organization.objects.filter(slug__startswith="scale-")
    assert sorted(orgs.values_list("slug", flat=True)) == ["scale-0001", "scale-0002", "scale-0003"]
    for org in orgs:
        assert Case.objects.for_org(org).count() == 30
        roles = set(Membership.objects.for_org(org).values_list("role", flat=True))
        assert roles == set(Membership.Role.values)
        assert Service.objects.for_org(org).count() > 10
        assert Survey.objects.for_org(org).filter(responses__isnull=False).exists()
        assert Project.objects.for_org(org).exists()
        assert Plan.objects.for_org(org).filter(o43_published=True).exists()
    assert "3 orgs created, 0 already there" in out.getvalue()
    assert "rows/s" in out.getvalue()


def test_cases_spread_over_channels_kinds_statuses_and_years(generated):
    cases = Case.objects.for_org(generated)
    assert cases.values("channel").distinct().count() >= 6
    assert cases.values("kind").distinct().count() >= 4
    assert cases.values("status").distinct().count() >= 4
    years = {moment.year for moment in cases.values_list("received_at", flat=True)}
    assert len(years) >= 2


def test_every_case_has_its_timeline_as_the_inbox_writes_it(generated):
    for case in Case.objects.for_org(generated):
        events = list(case.events.all())
        assert events[0].kind == CaseEvent.Kind.CREATED
        assert events[0].created_at == case.received_at
        assert events[0].data == {"channel": case.channel}
        if case.assignee_id:
            assert {e.kind for e in events} >= {"assigned", "status_changed"}
        if not case.is_open:
            assert events[-1].kind == CaseEvent.Kind.CLOSED
            assert events[-1].to_status == case.status
            assert events[-1].created_at == case.closed_at


def test_generated_rows_pass_the_models_own_validation(generated):
    for model in (Case, Service, Survey, Project, Plan):
        for obj in model.objects.for_org(generated):
            obj.full_clean()
    for step in Step.objects.filter(measure__plan__org=generated):
        step.full_clean()
    codes = list(Case.objects.values_list("tracking_code", flat=True))
    assert len(set(codes)) == len(codes)
    assert all(tracking.normalize(code) == code and len(code) == 8 for code in codes)


def test_each_response_scores_the_mean_of_its_answers(generated):
    for response in Response.objects.filter(survey__org=generated).prefetch_related("answers"):
        scores = [answer.score for answer in response.answers.all()]
        assert float(response.score) == pytest.approx(sum(scores) / len(scores), abs=0.001)


def test_the_pages_of_a_generated_org_answer(admin_client, generated):
    for page in pages(generated):
        response = admin_client.get(page.url)
        assert response.status_code == 200, page


def test_its_o43_report_computes_every_figure(admin_client, generated):
    page = next(p for p in pages(generated) if p.name == "O43 report")
    content = admin_client.get(page.url).content.decode()
    assert MISSING not in content
    assert "{{" not in content


def test_running_again_adds_nothing_and_more_orgs_adds_the_missing_ones():
    call_command("scale_data", orgs=2, cases=40, verbosity=0)
    before = counts()
    out = StringIO()
    call_command("scale_data", orgs=2, cases=40, stdout=out)
    assert counts() == before
    assert "0 orgs created, 2 already there" in out.getvalue()
    call_command("scale_data", orgs=3, cases=60, verbosity=0)
    assert Organization.objects.filter(slug__startswith="scale-").count() == 3
    assert Case.objects.count() == before["Case"] + 20


def test_staff_log_in_only_when_a_password_is_given():
    call_command("scale_data", orgs=1, cases=10, verbosity=0)
    call_command("scale_data", orgs=1, cases=10, prefix="pw", password="s3cret-enough", verbosity=0)
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="pw-0001-admin", password="s3cret-enough") is not None
    assert not get_user_model().objects.get(username="scale-0001-admin").has_usable_password()


@pytest.mark.parametrize(("orgs", "cases"), [(0, 10), (2, -1)])
def test_it_refuses_numbers_it_cannot_make(orgs, cases):
    with pytest.raises(CommandError):
        call_command("scale_data", orgs=orgs, cases=cases, verbosity=0)
    assert not Organization.objects.exists()
