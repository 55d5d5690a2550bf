"""Generated cases carry follow-through data: first answers, and a few reopened and fixed again."""

import pytest
from django.utils import timezone

from prongsai.inbox import performance
from prongsai.inbox.models import Case, CaseEvent
from prongsai.scale.generate import generate

pytestmark = pytest.mark.django_db
Event = CaseEvent.Kind


def test_answered_cases_have_their_first_response(generated):
    cases = Case.objects.for_org(generated).prefetch_related("events")
    for case in cases:
        changes = [e.created_at for e in case.events.all() if e.kind == Event.STATUS_CHANGED]
        if changes:
            assert case.first_response_at == min(changes[0], case.closed_at or changes[0])
        else:
            assert case.first_response_at is None
    assert cases.filter(first_response_at__isnull=False).exists()
    assert cases.filter(first_response_at__isnull=True).exists()


def test_a_few_resolved_cases_were_reopened_between_two_fixes():
    generate(orgs=1, cases=1000)
    cases = Case.objects.filter(org__slug="scale-0001")
    reopened = list(cases.filter(reopen_count__gt=0).prefetch_related("events"))
    resolved = cases.filter(status=Case.Status.RESOLVED).count()
    assert 0 < len(reopened) < resolved / 5
    for case in reopened:
        assert (case.reopen_count, case.status) == (1, Case.Status.RESOLVED)
        kinds = [e.kind for e in case.events.all()]
        assert kinds[-3:] == [Event.CLOSED, Event.REOPENED, Event.CLOSED]
        [reopen] = [e for e in case.events.all() if e.kind == Event.REOPENED]
        assert reopen.is_public and reopen.actor is None and reopen.data == {"via": "web"}
        assert (reopen.from_status, reopen.to_status) == ("resolved", "in_progress")
        assert case.first_response_at < reopen.created_at < case.closed_at


def test_the_figures_have_data(generated):
    first = Case.objects.for_org(generated).order_by("received_at").first()
    figures = performance.follow_through(
        org=generated, start=timezone.localdate(first.received_at), end=timezone.localdate()
    )
    assert figures.received == 150
    assert figures.resolution_rate and figures.median_first_response_days is not None
    assert figures.median_resolve_days is not None
