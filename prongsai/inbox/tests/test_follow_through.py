"""Follow-through services: proof of a fix, the reporter's decision, "me too", the board switch."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.inbox import follow_through, services
from prongsai.inbox.models import Attachment, Case, CaseEvent, CasePolicy, MeToo
from prongsai.inbox.tests.photos import photo
from prongsai.orgs.models import AuditEvent, Membership

Status = Case.Status
Event = CaseEvent.Kind

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def case(org, road_service, officer):
    officer.email = "officer@example.org"
    officer.save()
    case = services.submit_case(
        org=org,
        channel="web",
        service=road_service,
        subject="หลุมหน้าวัด",
        reporter_email="somchai@example.org",
        consent=True,
    )
    services.assign_case(case=case, assignee=officer, actor=officer)
    return case


@pytest.fixture
def resolved(case, officer):
    services.close_case(
        case=case,
        status=Status.RESOLVED,
        resolution="ลาดยางแล้ว",
        actor=officer,
        before_photos=[photo("before.jpg")],
        after_photos=[photo("after.jpg")],
    )
    return case


def close(case, officer, **photos):
    return services.close_case(
        case=case, status=Status.RESOLVED, resolution="ซ่อมแล้ว", actor=officer, **photos
    )


# Proof on closing --------------------------------------------------------------


def test_a_physical_case_is_resolved_only_with_photos_after_and_before(case, officer):
    with pytest.raises(ValidationError) as refused:
        close(case, officer)
    assert set(refused.value.error_dict) == {"after_photos", "before_photos"}
    with pytest.raises(ValidationError) as refused:
        close(case, officer, after_photos=[photo("after.jpg")])
    assert set(refused.value.error_dict) == {"before_photos"}

    case.refresh_from_db()
    assert case.is_open and case.closed_at is None and not case.attachments.exists()
    assert not case.events.filter(kind=Event.CLOSED).exists()


def test_a_case_with_a_photo_already_needs_only_the_after_photo(org, road_service, officer):
    case = services.submit_case(
        org=org, channel="web", service=road_service, subject="ไฟดับ", files=[photo()]
    )
    close(case, officer, after_photos=[photo("after.jpg")])
    case.refresh_from_db()
    assert case.status == Status.RESOLVED
    after = case.attachments.get(role=Attachment.Role.AFTER)
    assert after.is_public and after.event.kind == Event.CLOSED


@pytest.mark.parametrize("physical", [False, True])
def test_other_closings_need_no_photos(org, officer, physical):
    service = ServiceFactory(org=org, code="allowance", is_physical=physical)
    case = services.submit_case(org=org, channel="web", service=service, subject="เบี้ยยังชีพ")
    # Not physical, or physical but rejected: nothing was repaired to prove.
    status = Status.REJECTED if physical else Status.RESOLVED
    services.close_case(case=case, status=status, resolution="ตอบแล้ว", actor=officer)
    case.refresh_from_db()
    assert case.status == status


def test_a_pdf_proves_no_repair_and_nothing_is_saved(case, officer):
    with pytest.raises(ValidationError) as refused:
        close(case, officer, before_photos=[photo()], after_photos=[pdf()])
    assert "ภาพก่อนและหลังแก้ไขต้องเป็นไฟล์ภาพ" in refused.value.error_dict["after_photos"][0]
    case.refresh_from_db()
    assert case.is_open and not case.attachments.exists()
    assert case.first_response_at is not None  # from assigning, not from the refused closing
    assert not AuditEvent.objects.filter(action="case_closed").exists()


def test_proof_is_public_with_its_role(resolved):
    proof = follow_through.proof_photos(resolved)
    assert [a.original_name for a in proof["before"]] == ["before.jpg"]
    assert [a.original_name for a in proof["after"]] == ["after.jpg"]
    assert all(a.is_public for a in proof["before"] + proof["after"])


def test_proof_of_a_second_fix_replaces_the_after_photos_of_the_first(resolved, officer):
    follow_through.reopen_case(case=resolved, reason="ยังเป็นหลุม", via="web", files=[photo()])
    resolved.refresh_from_db()
    close(resolved, officer, after_photos=[photo("after-again.jpg")])
    proof = follow_through.proof_photos(resolved)
    assert [a.original_name for a in proof["after"]] == ["after-again.jpg"]
    # Before photos need not be sent twice: the first ones still show the place.
    assert [a.original_name for a in proof["before"]] == ["before.jpg"]


# The reporter's decision -----------------------------------------------------


def test_confirming_closes_the_question(resolved, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = follow_through.confirm_fix(case=resolved, via="web")
    resolved.refresh_from_db()
    assert resolved.confirmed_at == event.created_at
    assert event.kind == Event.CONFIRMED and event.is_public and event.data == {"via": "web"}
    assert not follow_through.can_decide(resolved, follow_through.policy_for(resolved.org))
    assert [m.to for m in mail.outbox] == [["somchai@example.org"]]


def test_reopening_sends_it_back_to_its_division(
    resolved, officer, roads, django_capture_on_commit_callbacks
):
    resolved.escalation = Case.Escalation.EXECUTIVES
    resolved.escalated_at = timezone.now()
    resolved.save()
    mail.outbox.clear()
    at = resolved.closed_at + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        event = follow_through.reopen_case(
            case=resolved, reason="  ยังเป็นหลุมอยู่  ", via="web", files=[photo("still.jpg")], at=at
        )
    resolved.refresh_from_db()
    assert (resolved.status, resolved.division, resolved.assignee) == (
        Status.IN_PROGRESS,
        roads,
        officer,
    )
    assert resolved.closed_at is None and resolved.reopen_count == 1
    assert resolved.due_at == at + timedelta(days=7)
    assert (resolved.escalation, resolved.escalated_at) == (Case.Escalation.NONE, None)
    assert (event.kind, event.text, event.is_public) == (Event.REOPENED, "ยังเป็นหลุมอยู่", True)
    shown = event.attachments.get()
    assert shown.original_name == "still.jpg" and not shown.is_public
    assert sorted(m.to[0] for m in mail.outbox) == ["officer@example.org", "somchai@example.org"]


def test_a_case_nobody_holds_reopens_as_received(org, road_service, officer):
    case = services.submit_case(org=org, channel="web", service=road_service, subject="ท่อแตก")
    close(case, officer, before_photos=[photo()], after_photos=[photo()])
    follow_through.reopen_case(case=case, reason="น้ำยังรั่ว", via="web")
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.reopen_count == 1


def test_reopening_needs_a_reason_and_changes_nothing_without_one(resolved):
    with pytest.raises(ValidationError) as refused:
        follow_through.reopen_case(case=resolved, reason="   ", via="web", files=[photo()])
    assert "reason" in refused.value.error_dict
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED and resolved.reopen_count == 0
    assert resolved.attachments.count() == 2


def test_a_decision_after_the_deadline_is_refused(resolved):
    CasePolicy.objects.create(org=resolved.org, confirm_days=5)
    late = resolved.closed_at + timedelta(days=5, seconds=1)
    with pytest.raises(ValidationError, match="ไม่ได้แล้ว"):
        follow_through.reopen_case(case=resolved, reason="ยังไม่ซ่อม", via="web", at=late)
    with pytest.raises(ValidationError, match="ไม่ได้แล้ว"):
        follow_through.confirm_fix(case=resolved, via="web", at=late)
    in_time = resolved.closed_at + timedelta(days=4)
    follow_through.confirm_fix(case=resolved, via="web", at=in_time)
    resolved.refresh_from_db()
    assert resolved.confirmed_at == in_time and resolved.reopen_count == 0


def test_a_confirm_and_a_reopen_at_once_count_once(resolved):
    # Both requests loaded the case while it could still be decided.
    stale = Case.objects.get(pk=resolved.pk)
    follow_through.confirm_fix(case=resolved, via="web")
    with pytest.raises(ValidationError, match="ไม่ได้แล้ว"):
        follow_through.reopen_case(case=stale, reason="ยังไม่ซ่อม", via="web")
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED and resolved.reopen_count == 0
    assert not resolved.events.filter(kind=Event.REOPENED).exists()


def test_a_reopen_and_a_confirm_at_once_count_once(resolved):
    stale = Case.objects.get(pk=resolved.pk)
    follow_through.reopen_case(case=resolved, reason="ยังไม่ซ่อม", via="web")
    with pytest.raises(ValidationError, match="ไม่ได้แล้ว"):
        follow_through.confirm_fix(case=stale, via="web")
    resolved.refresh_from_db()
    assert resolved.confirmed_at is None and resolved.is_open


@pytest.mark.django_db(transaction=True)
def test_a_confirm_and_a_reopen_sent_at_the_same_moment(org, road_service, officer):
    if connection.vendor != "postgresql":
        pytest.skip("two writers at once need PostgreSQL's row locks; SQLite runs one at a time")
    case = services.submit_case(org=org, channel="web", service=road_service, subject="ท่อตัน")
    close(case, officer, before_photos=[photo()], after_photos=[photo()])
    start, outcomes = threading.Barrier(2), []

    def decide(act) -> None:
        try:
            start.wait()
            act(Case.objects.get(pk=case.pk))
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    acts = [
        lambda c: follow_through.confirm_fix(case=c, via="web"),
        lambda c: follow_through.reopen_case(case=c, reason="ยังตัน", via="web"),
    ]
    threads = [threading.Thread(target=decide, args=(act,)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    case.refresh_from_db()
    decided = case.events.filter(kind__in=[Event.CONFIRMED, Event.REOPENED]).count()
    assert decided == 1 and (case.confirmed_at is None) == (case.reopen_count == 1)


def test_the_resolution_mail_asks_for_a_decision(case, officer, django_capture_on_commit_callbacks):
    CasePolicy.objects.create(org=case.org, confirm_days=10)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        close(case, officer, before_photos=[photo()], after_photos=[photo()])
    body = mail.outbox[-1].body
    assert f"/track/{case.tracking_code}/#decide" in body
    assert "ภายใน 10 วัน" in body


def test_a_rejection_mail_asks_nothing(case, officer, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_case(
            case=case, status=Status.REJECTED, resolution="ไม่ใช่ถนนของ อบต.", actor=officer
        )
    assert "#decide" not in mail.outbox[-1].body


# Me too ---------------------------------------------------------------------------


@pytest.fixture
def on_board(case):
    CasePolicy.objects.create(org=case.org, board_kinds=[Case.Kind.COMPLAINT])
    return case


def test_me_too_counts_each_person_once(on_board):
    first = follow_through.fingerprint("203.0.113.5", "Firefox")
    assert follow_through.me_too(case=on_board, fingerprint=first) is True
    assert follow_through.me_too(case=on_board, fingerprint=first, text="หน้าบ้านผมด้วย") is False
    on_board.refresh_from_db()
    assert on_board.me_too_count == 1
    # The second word of the same person still reaches staff, uncounted.
    assert on_board.events.filter(kind=Event.ME_TOO).count() == 2


def test_enough_people_raise_the_priority(on_board):
    for n in range(1, follow_through.ME_TOO_HIGH + 1):
        follow_through.me_too(case=on_board, fingerprint=follow_through.fingerprint(str(n)))
        on_board.refresh_from_db()
        expected = Case.Priority.HIGH if n >= follow_through.ME_TOO_HIGH else Case.Priority.NORMAL
        assert (on_board.me_too_count, on_board.priority) == (n, expected)


def test_me_too_is_refused_off_the_board(case):
    with pytest.raises(ValidationError):
        follow_through.me_too(case=case, fingerprint="x")
    case.refresh_from_db()
    assert case.me_too_count == 0 and not MeToo.objects.filter(case=case).exists()


# The board switch ------------------------------------------------------------


def test_staff_hide_a_case_from_the_board_and_show_it_again(on_board, officer):
    policy = follow_through.policy_for(on_board.org)
    assert follow_through.is_on_board(on_board, policy)
    follow_through.set_board_hidden(case=on_board, hidden=True, actor=officer)
    on_board.refresh_from_db()
    assert on_board.board_hidden and not follow_through.is_on_board(on_board, policy)
    follow_through.set_board_hidden(case=on_board, hidden=True, actor=officer)  # no change
    follow_through.set_board_hidden(case=on_board, hidden=False, actor=officer)
    on_board.refresh_from_db()
    assert not on_board.board_hidden
    audits = AuditEvent.objects.filter(action="case_board_hidden").order_by("pk")
    assert [a.detail for a in audits] == [{"hidden": True}, {"hidden": False}]
    assert {a.actor for a in audits} == {officer}


# The staff case page ------------------------------------------------------------


def staff_url(case, action="") -> str:
    return f"/{case.org.slug}/staff/cases/{case.tracking_code}/" + (f"{action}/" if action else "")


def test_the_close_form_asks_for_proof_on_a_physical_case(client, org, case, officer):
    client.force_login(officer)
    body = client.get(staff_url(case)).content.decode()
    assert 'name="before_photos"' in body and 'name="after_photos"' in body
    assert body.count('accept="image/*"') == 2
    assert "ต้องแนบภาพหลังแก้ไข และภาพก่อนแก้ไขถ้าเรื่องยังไม่มีภาพ" in body
    other = services.submit_case(org=org, channel="web", kind="question", subject="ถามภาษี")
    assert "ต้องแนบภาพหลังแก้ไข" not in client.get(staff_url(other)).content.decode()


def test_staff_close_with_proof_through_the_page(client, case, officer):
    client.force_login(officer)
    data = {"status": "resolved", "resolution": "ลาดยางแล้ว"}
    response = client.post(staff_url(case, "close"), data, follow=True)
    assert "เรื่องทางกายภาพต้องแนบภาพหลังแก้ไขอย่างน้อย 1 ภาพ" in response.content.decode()
    case.refresh_from_db()
    assert case.is_open and not case.attachments.exists()

    data |= {"before_photos": [photo("before.jpg")], "after_photos": [photo("after.jpg")]}
    assert client.post(staff_url(case, "close"), data).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.RESOLVED
    assert {(a.original_name, a.role) for a in case.attachments.all()} == {
        ("before.jpg", "before"),
        ("after.jpg", "after"),
    }
    body = client.get(staff_url(case)).content.decode()
    assert "ภาพก่อนแก้ไข" in body and "ภาพหลังแก้ไข" in body
    after = case.attachments.get(role="after")
    assert f'src="{staff_url(case, f"files/{after.pk}")}"' in body


def test_the_staff_page_shows_what_followed(client, resolved, officer):
    follow_through.reopen_case(case=resolved, reason="ยังเป็นหลุมอยู่", via="web")
    Case.objects.filter(pk=resolved.pk).update(
        me_too_count=4, escalation=Case.Escalation.DIVISION_HEAD
    )
    client.force_login(officer)
    body = client.get(staff_url(resolved)).content.decode()
    assert "เปิดใหม่ 1 ครั้ง" in body and "พบปัญหาเดียวกัน 4 คน" in body
    assert "แจ้งหัวหน้าส่วนราชการแล้ว" in body
    assert "ผู้แจ้งขอเปิดเรื่องใหม่" in body and "ยังเป็นหลุมอยู่" in body


def test_staff_switch_a_case_off_the_board_and_on_again(client, on_board, officer):
    client.force_login(officer)
    body = client.get(staff_url(on_board)).content.decode()
    assert "ไม่แสดงบนกระดานเรื่องสาธารณะ" in body
    client.post(staff_url(on_board, "board"), {"hidden": "True"})
    on_board.refresh_from_db()
    assert on_board.board_hidden
    body = client.get(staff_url(on_board)).content.decode()
    assert "เรื่องนี้ไม่แสดงบนกระดานเรื่องสาธารณะ" in body and 'value="False"' in body
    client.post(staff_url(on_board, "board"), {"hidden": "False"})
    on_board.refresh_from_db()
    assert not on_board.board_hidden


def test_executives_cannot_switch_the_board(client, org, on_board, make_member):
    client.force_login(make_member(org, Membership.Role.EXECUTIVE, "mayor").user)
    assert "ไม่แสดงบนกระดาน" not in client.get(staff_url(on_board)).content.decode()
    assert client.post(staff_url(on_board, "board"), {"hidden": "True"}).status_code == 403
    on_board.refresh_from_db()
    assert not on_board.board_hidden
