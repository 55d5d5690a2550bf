"""Staff take a topic in as a Case (channel webboard); the topic links to its tracking page."""

import pytest
from django.core.exceptions import ValidationError

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox.models import Case, CaseEvent
from prongsai.inbox.tracking import display
from prongsai.messaging.boards import services
from prongsai.orgs.models import AuditEvent


@pytest.fixture
def roads(org):
    return ServiceFactory(org=org, code="road", name="ถนนชำรุด", time_limit_days=7)


def test_a_topic_becomes_a_complaint(client, org, topic, officer, roads):
    client.force_login(officer)
    page = client.get(f"/{org.slug}/staff/board/{topic.pk}/").content.decode()
    assert "รับเป็นเรื่อง" in page and "ถนนชำรุด" in page
    response = client.post(
        f"/{org.slug}/staff/board/{topic.pk}/case/", {"kind": "complaint", "service": roads.pk}
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.channel, case.kind, case.service, case.org) == (
        "webboard",
        "complaint",
        roads,
        org,
    )
    assert (case.subject, case.text) == (topic.title, topic.text)
    assert case.received_at == topic.created_at
    topic.refresh_from_db()
    assert topic.case == case
    assert AuditEvent.objects.filter(action="board_topic_to_case", actor=officer).exists()
    assert AuditEvent.objects.filter(action="case_created", actor=officer).exists()

    client.logout()
    page = client.get(f"/{org.slug}/board/{topic.pk}/").content.decode()
    assert f'href="/{org.slug}/track/{case.tracking_code}/"' in page
    assert display(case.tracking_code) in page


def test_a_topic_becomes_a_question_without_a_service(org, topic, officer):
    case = services.take_in_topic(topic=topic, kind="question", actor=officer)
    assert (case.channel, case.kind, case.service) == ("webboard", "question", None)


def test_a_service_goes_only_with_a_complaint(client, org, topic, officer, roads):
    client.force_login(officer)
    response = client.post(
        f"/{org.slug}/staff/board/{topic.pk}/case/",
        {"kind": "question", "service": roads.pk},
        follow=True,
    )
    assert "เลือกหมวดเรื่องได้เฉพาะเมื่อรับเป็นเรื่องร้องเรียน" in response.content.decode()
    assert not Case.objects.exists()


def test_another_orgs_service_is_refused(client, org, other_org, topic, officer):
    theirs = ServiceFactory(org=other_org, code="road")
    client.force_login(officer)
    client.post(
        f"/{org.slug}/staff/board/{topic.pk}/case/", {"kind": "complaint", "service": theirs.pk}
    )
    assert not Case.objects.exists()


def test_a_topic_is_taken_in_once(org, topic, officer):
    services.take_in_topic(topic=topic, kind="complaint", actor=officer)
    with pytest.raises(ValidationError, match="รับเป็นเรื่องแล้ว"):
        services.take_in_topic(topic=topic, kind="complaint", actor=officer)
    assert Case.objects.count() == 1


def test_staff_reply_goes_to_the_case_too(client, org, topic, officer):
    case = services.take_in_topic(topic=topic, kind="complaint", actor=officer)
    client.force_login(officer)
    client.post(
        f"/{org.slug}/staff/board/{topic.pk}/reply/", {"text": "กองช่างรับเรื่องแล้ว", "to_case": "on"}
    )
    event = CaseEvent.objects.get(case=case, kind="public_reply")
    assert event.text == "กองช่างรับเรื่องแล้ว" and event.actor == officer
    assert topic.replies.get().case_event == event
    client.logout()
    tracking = client.get(f"/{org.slug}/track/{case.tracking_code}/").content.decode()
    assert "กองช่างรับเรื่องแล้ว" in tracking


def test_staff_reply_may_stay_on_the_board(client, org, topic, officer):
    case = services.take_in_topic(topic=topic, kind="complaint", actor=officer)
    client.force_login(officer)
    client.post(f"/{org.slug}/staff/board/{topic.pk}/reply/", {"text": "ตอบบนบอร์ดเท่านั้น"})
    assert not CaseEvent.objects.filter(case=case, kind="public_reply").exists()
    assert topic.replies.get().case_event is None


def test_only_a_complaint_category_is_offered(org, topic, officer):
    booking = ServiceFactory(org=org, code="truck", kind="eservice")
    with pytest.raises(ValidationError, match="เฉพาะเมื่อรับเป็นเรื่องร้องเรียน"):
        services.take_in_topic(topic=topic, kind="complaint", service=booking, actor=officer)
    assert not Case.objects.exists()
