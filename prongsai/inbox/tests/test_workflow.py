"""Work on a case: assign, forward, reply, note, status, close; the reporter hears of it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from prongsai.inbox import services
from prongsai.inbox.models import Case, CaseEvent
from prongsai.inbox.tests.photos import photo
from prongsai.orgs.models import AuditEvent
from prongsai.orgs.tests.factories import DivisionFactory, UserFactory

Status, Event = Case.Status, CaseEvent.Kind


@pytest.fixture
def case(org, road_service):
    return services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=road_service,
        subject="หลุมหน้าวัด",
        reporter_email="reporter@example.com",
        consent=True,
    )


def test_assigning_starts_the_work(case, officer):
    services.assign_case(case=case, assignee=officer, actor=officer)
    case.refresh_from_db()
    assert case.assignee == officer and case.status == Status.IN_PROGRESS
    assert [e.kind for e in case.events.all()] == [
        Event.CREATED,
        Event.ASSIGNED,
        Event.STATUS_CHANGED,
    ]
    assert AuditEvent.objects.filter(action="case_assigned", target_id=str(case.pk)).exists()


def test_only_members_of_the_org_can_be_assigned(case, officer):
    with pytest.raises(ValidationError):
        services.assign_case(case=case, assignee=UserFactory(username="outsider"), actor=officer)


def test_forwarding_moves_the_case_to_another_division(case, org, other_org, officer):
    finance = DivisionFactory(org=org, name="กองคลัง")
    services.assign_case(case=case, assignee=officer, actor=officer)
    services.forward_case(case=case, division=finance, actor=officer, text="เป็นเรื่องค่าธรรมเนียม")
    case.refresh_from_db()
    assert case.division == finance and case.assignee is None
    event = case.events.get(kind=Event.FORWARDED)
    assert not event.is_public and event.data["to"] == "กองคลัง"
    with pytest.raises(ValidationError):
        services.forward_case(case=case, division=DivisionFactory(org=other_org), actor=officer)


def test_a_public_reply_is_mailed_to_the_reporter(
    case, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_publicly(case=case, actor=officer, text="จะเข้าซ่อมวันจันทร์")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reporter@example.com"]
    assert "จะเข้าซ่อมวันจันทร์" in message.body
    assert f"/track/{case.tracking_code}/" in message.body


def test_internal_notes_stay_internal(case, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_note(case=case, actor=officer, text="ผู้แจ้งเคยแจ้งเรื่องเดียวกันแล้ว")
    assert mail.outbox == []
    assert not case.events.get(kind=Event.NOTE).is_public


def test_nothing_is_mailed_for_a_change_that_rolls_back(
    case, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.close_case(case=case, status=Status.RESOLVED, resolution="", actor=officer)
    assert mail.outbox == []
    case.refresh_from_db()
    assert case.is_open


def test_closing_records_the_result_and_tells_the_reporter(
    case, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.close_case(
            case=case,
            status=Status.RESOLVED,
            resolution="ซ่อมแล้ว",
            actor=officer,
            before_photos=[photo("before.jpg")],
            after_photos=[photo("after.jpg")],
        )
    case.refresh_from_db()
    assert case.status == Status.RESOLVED and case.closed_at and case.resolution == "ซ่อมแล้ว"
    assert "ซ่อมแล้ว" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.change_status(case=case, status=Status.IN_PROGRESS, actor=officer)


def test_status_changes_between_open_states_only(case, officer):
    services.change_status(case=case, status=Status.IN_PROGRESS, actor=officer)
    with pytest.raises(ValidationError):
        services.change_status(case=case, status=Status.RESOLVED, actor=officer)
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS


def test_a_mail_server_that_is_down_does_not_undo_the_work(
    case, officer, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_publicly(case=case, actor=officer, text="กำลังดำเนินการ")
    assert case.events.filter(kind=Event.PUBLIC_REPLY).exists()


def test_a_chat_that_is_a_complaint_is_reclassified(org, road_service, officer):
    chat = services.submit_case(org=org, kind="question", channel="livechat", subject="แชท")
    services.reclassify_case(case=chat, kind="complaint", service=road_service, actor=officer)
    chat.refresh_from_db()
    assert (chat.kind, chat.service, chat.division) == (
        "complaint",
        road_service,
        road_service.division,
    )
    assert chat.due_at == chat.received_at + timedelta(days=7)
    assert chat.events.filter(kind=Event.NOTE, data__kind__to="complaint").exists()
    with pytest.raises(ValidationError):
        services.reclassify_case(case=chat, kind="gossip", actor=officer)
