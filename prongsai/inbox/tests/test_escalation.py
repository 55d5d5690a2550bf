"""Late matters climb to the division head, then to the executives; heads get a digest."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.module_loading import import_string

from prongsai.inbox import escalation, follow_through, services, tasks
from prongsai.inbox.models import Case, CaseEvent, CasePolicy
from prongsai.inbox.tests.photos import photo
from prongsai.inbox.tracking import display
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import DivisionFactory, PositionFactory
from prongsai.outbox.models import Message

Role = Membership.Role
Level = Case.Escalation
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok"))  # a Monday morning


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(T0, tick=False)

    def at(**delta):
        time_machine.move_to(T0 + timedelta(**delta), tick=False)

    return at


@pytest.fixture
def head(org, roads, make_member):
    position = PositionFactory(org=org, name="ผู้อำนวยการกองช่าง", division=roads, heads_division=True)
    return make_member(
        org, Role.OFFICER, "head", position=position, user__email="head@example.org"
    ).user


@pytest.fixture
def mayor(org, make_member):
    return make_member(org, Role.EXECUTIVE, "mayor", user__email="mayor@example.org").user


@pytest.fixture
def admin(org, make_member):
    return make_member(org, Role.ADMIN, "admin", user__email="admin@example.org").user


def submit(org, service=None, subject="ถนนหน้าวัดเป็นหลุมลึก", **kwargs):
    return services.submit_case(
        org=org, channel="web", subject=subject, service=service, kind="complaint", **kwargs
    )


def answered(case, officer):
    """A case whose reporter was answered, so that only its time limit can make it late."""
    services.reply_publicly(case=case, actor=officer, text="รับเรื่องแล้ว กำลังส่งช่างไปดู")
    return case


def run_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return tasks.escalate_overdue_cases.delay().get()


def escalations(case):
    return list(case.events.filter(kind=CaseEvent.Kind.ESCALATED))


# Escalation ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_case_past_its_time_limit_goes_to_its_division_head(
    clock, org, road_service, officer, head, mayor, django_capture_on_commit_callbacks
):
    case = answered(submit(org, road_service), officer)
    clock(days=6, hours=23)
    assert run_task(django_capture_on_commit_callbacks) == 0

    clock(days=7, hours=1)
    assert run_task(django_capture_on_commit_callbacks) == 1

    case.refresh_from_db()
    assert case.escalation == Level.DIVISION_HEAD
    assert case.escalated_at == T0 + timedelta(days=7, hours=1)
    assert case.priority == Case.Priority.HIGH
    [event] = escalations(case)
    assert not event.is_public
    assert event.data == {"level": 1, "reason": "due", "recipients": ["head"]}
    assert "เกินกำหนดแล้วเสร็จ" in event.text
    [message] = mail.outbox
    assert message.to == ["head@example.org"]
    assert display(case.tracking_code) in message.subject
    assert "หัวหน้าส่วนราชการ" in message.subject
    assert "ถนนหน้าวัดเป็นหลุมลึก" in message.body
    url = reverse("org:case", args=[org.slug, case.tracking_code])
    assert f"{settings.SITE_URL}{url}" in message.body


@pytest.mark.django_db
def test_still_late_after_the_policy_days_it_goes_to_the_executives(
    clock, org, road_service, officer, head, mayor, django_capture_on_commit_callbacks
):
    CasePolicy.objects.create(org=org, executive_after_days=3)
    case = answered(submit(org, road_service), officer)
    clock(days=8)
    run_task(django_capture_on_commit_callbacks)
    mail.outbox.clear()

    clock(days=10, hours=23)
    call_command("escalate_cases", verbosity=0)
    assert escalations(case)[-1].data["level"] == 1

    clock(days=11)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("escalate_cases", verbosity=0)

    case.refresh_from_db()
    assert case.escalation == Level.EXECUTIVES
    assert case.escalated_at == T0 + timedelta(days=11)
    first, second = escalations(case)
    assert first.data["level"] == 1
    assert second.data == {"level": 2, "reason": "due", "recipients": ["mayor"]}
    [message] = mail.outbox
    assert message.to == ["mayor@example.org"]
    assert "ผู้บริหาร" in message.subject

    clock(days=30)
    assert run_task(django_capture_on_commit_callbacks) == 0  # nowhere higher to go
    assert len(escalations(case)) == 2


@pytest.mark.django_db
def test_a_reporter_nobody_answered_is_a_late_matter_too(
    clock, org, road_service, head, django_capture_on_commit_callbacks
):
    case = submit(org, road_service)  # time limit 7 days, first response within 2
    clock(days=1, hours=23)
    assert run_task(django_capture_on_commit_callbacks) == 0
    clock(days=2, minutes=1)
    assert run_task(django_capture_on_commit_callbacks) == 1

    [event] = escalations(case)
    assert event.data["reason"] == "first_response"
    assert "ยังไม่ได้ตอบสนองผู้แจ้ง" in mail.outbox[0].body


@pytest.mark.django_db
def test_an_answer_in_time_keeps_a_matter_where_it_is(
    clock, org, road_service, officer, head, django_capture_on_commit_callbacks
):
    CasePolicy.objects.create(org=org, first_response_days=1)
    case = submit(org, road_service)
    clock(hours=20)
    answered(case, officer)
    clock(days=3)
    assert run_task(django_capture_on_commit_callbacks) == 0
    assert escalations(case) == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_running_twice_escalates_nothing_twice(
    clock, org, road_service, officer, head, mayor, django_capture_on_commit_callbacks
):
    case = answered(submit(org, road_service), officer)
    clock(days=9)
    assert run_task(django_capture_on_commit_callbacks) == 1
    assert run_task(django_capture_on_commit_callbacks) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert escalation.escalate_org(org) == 0
        call_command("escalate_cases", verbosity=0)

    assert len(escalations(case)) == 1
    assert len(mail.outbox) == 1
    assert Message.objects.filter(task__endswith="send_escalation").count() == 1


@pytest.mark.django_db
def test_a_step_is_checked_again_on_the_locked_row(clock, org, road_service, officer, head):
    case = answered(submit(org, road_service), officer)
    clock(days=9)
    policy = follow_through.policy_for(org)
    pks = list(
        escalation._candidates(org, policy, T0 + timedelta(days=9)).values_list("pk", flat=True)
    )
    assert pks == [case.pk]
    # Closed between the read of the candidates and the step: nothing happens.
    services.close_case(case=case, status=Case.Status.REJECTED, resolution="ซ้ำ", actor=officer)
    assert not escalation._escalate(org, case.pk, policy, T0 + timedelta(days=9))
    assert escalations(case) == []


@pytest.mark.django_db
def test_the_next_step_waits_the_policy_days_at_the_head(clock, org, road_service, officer):
    policy = CasePolicy(org=org, executive_after_days=7)
    case = answered(submit(org, road_service), officer)
    day = T0 + timedelta(days=8)
    assert escalation.next_level(case, policy, day) == Level.DIVISION_HEAD
    case.escalation, case.escalated_at = Level.DIVISION_HEAD, day
    assert escalation.next_level(case, policy, day + timedelta(days=6, hours=23)) is None
    assert escalation.next_level(case, policy, day + timedelta(days=7)) == Level.EXECUTIVES
    case.escalation = Level.EXECUTIVES
    assert escalation.next_level(case, policy, day + timedelta(days=90)) is None


@pytest.mark.django_db
def test_closed_matters_are_never_escalated(
    clock, org, road_service, officer, head, django_capture_on_commit_callbacks
):
    case = answered(submit(org, road_service), officer)
    services.close_case(
        case=case, status=Case.Status.REJECTED, resolution="ไม่อยู่ในอำนาจหน้าที่", actor=officer
    )
    clock(days=60)
    assert run_task(django_capture_on_commit_callbacks) == 0
    assert escalations(case) == []


@pytest.mark.django_db
def test_a_reopened_matter_climbs_again_from_the_start(
    clock, org, road_service, officer, head, mayor, django_capture_on_commit_callbacks
):
    case = answered(submit(org, road_service), officer)
    clock(days=8)
    run_task(django_capture_on_commit_callbacks)
    services.close_case(
        case=case,
        status=Case.Status.RESOLVED,
        resolution="ซ่อมแล้ว",
        actor=officer,
        before_photos=[photo("before.jpg")],
        after_photos=[photo("after.jpg")],
    )
    clock(days=9)
    follow_through.reopen_case(case=case, reason="ยังเป็นหลุมอยู่", via="web")
    case.refresh_from_db()
    assert case.escalation == Level.NONE

    clock(days=15)
    assert run_task(django_capture_on_commit_callbacks) == 0  # new limit: day 16
    clock(days=16, hours=1)
    mail.outbox.clear()
    assert run_task(django_capture_on_commit_callbacks) == 1
    case.refresh_from_db()
    assert case.escalation == Level.DIVISION_HEAD
    assert [e.data["level"] for e in escalations(case)] == [1, 1]
    assert mail.outbox[0].to == ["head@example.org"]


@pytest.mark.django_db
def test_admins_hear_of_a_matter_no_head_answers_for(
    clock, org, road_service, officer, admin, mayor, django_capture_on_commit_callbacks
):
    headless = answered(submit(org, road_service), officer)
    nowhere = answered(submit(org, subject="ไฟฟ้าดับทั้งซอย"), officer)  # no division
    clock(days=20)
    assert run_task(django_capture_on_commit_callbacks) == 2

    for case in (headless, nowhere):
        [event] = escalations(case)
        assert event.data["recipients"] == ["admin"]
    assert {m.to[0] for m in mail.outbox} == {"admin@example.org"}
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_only_active_members_with_an_address_are_written_to(
    clock, org, roads, road_service, officer, head, make_member, django_capture_on_commit_callbacks
):
    position = PositionFactory(org=org, name="หัวหน้าฝ่ายก่อสร้าง", division=roads, heads_division=True)
    make_member(org, Role.OFFICER, "gone", position=position, is_active=False)
    make_member(org, Role.OFFICER, "nomail", position=position, user__email="")
    answered(submit(org, road_service), officer)
    clock(days=9)
    run_task(django_capture_on_commit_callbacks)

    [event] = CaseEvent.objects.filter(kind=CaseEvent.Kind.ESCALATED)
    assert event.data["recipients"] == ["head", "nomail"]
    assert [m.to for m in mail.outbox] == [["head@example.org"]]


@pytest.mark.django_db
def test_a_corruption_complaint_names_no_subject_to_those_who_may_not_read_it(
    clock, org, corruption_service, admin, django_capture_on_commit_callbacks
):
    case = submit(org, corruption_service, subject="ปลัดรับเงินใต้โต๊ะ")
    clock(days=30)
    run_task(django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.to == ["admin@example.org"]
    assert "ปลัดรับเงินใต้โต๊ะ" not in message.body
    assert "รายละเอียดเปิดดูได้เฉพาะผู้มีสิทธิ์" in message.body
    assert escalations(case)[0].data["recipients"] == ["admin"]


@pytest.mark.django_db
def test_other_orgs_and_inactive_orgs_are_left_alone(
    clock, org, other_org, road_service, officer, head, bob, django_capture_on_commit_callbacks
):
    ours = answered(submit(org, road_service), officer)
    theirs = submit(other_org, subject="น้ำประปาไม่ไหล")
    clock(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert escalation.escalate_org(org) == 1
    theirs.refresh_from_db()
    assert theirs.escalation == Level.NONE

    other_org.is_active = False
    other_org.save()
    assert run_task(django_capture_on_commit_callbacks) == 0
    theirs.refresh_from_db()
    assert theirs.escalation == Level.NONE
    assert escalations(ours)[0].data["recipients"] == ["head"]


@pytest.mark.django_db
def test_budget_questions_are_left_to_their_own_flagging(
    clock, org, head, django_capture_on_commit_callbacks
):
    case = services.submit_case(
        org=org, channel="staff", kind="budget", subject="ถาม: ค่าจ้างเหมาซ่อมถนน"
    )
    clock(days=60)
    assert run_task(django_capture_on_commit_callbacks) == 0
    assert escalations(case) == []


def test_beat_runs_the_tasks_that_exist():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert import_string(schedule["escalate-late-cases"]["task"]) is tasks.escalate_overdue_cases
    assert import_string(schedule["division-digests"]["task"]) is tasks.send_division_digests
    assert schedule["division-digests"]["schedule"].hour == {7}
    assert schedule["escalate-late-cases"]["schedule"].minute == {0, 15, 30, 45}


# The daily digest ---------------------------------------------------------------------------


def send_digests(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return tasks.send_division_digests.delay().get()


@pytest.fixture
def water(org):
    return DivisionFactory(org=org, name="กองประปา", order=2)


@pytest.mark.django_db
def test_the_digest_tells_a_head_their_open_matters_late_first(
    clock, org, roads, water, road_service, officer, head, admin, django_capture_on_commit_callbacks
):
    old = answered(submit(org, road_service, subject="ท่อระบายน้ำอุดตัน"), officer)
    clock(days=1)
    waiting = answered(submit(org, road_service, subject="ป้ายจราจรล้ม"), officer)
    clock(days=9, hours=2)
    new = submit(org, road_service, subject="ไฟทางดับ")
    submit(org, subject="น้ำขุ่น", division=water)  # another division's: not the head's
    clock(days=10, hours=7)

    assert (
        send_digests(django_capture_on_commit_callbacks) == 2
    )  # the head, and the admin for water
    by_person = {m.to[0]: m for m in mail.outbox}
    body = by_person["head@example.org"].body
    codes = [re.escape(display(c.tracking_code)) for c in (old, waiting, new)]
    assert re.search(f"{codes[0]}.*{codes[1]}.*{codes[2]}", body, re.S), body
    assert "เกินกำหนด 3 วัน" in body  # due day 7, now day 10
    assert "เกินกำหนด 2 วัน" in body
    assert "เรื่องใหม่เมื่อวาน" in body
    assert "น้ำขุ่น" not in body
    assert f"?status=open&division={roads.pk}" in body
    assert "[อบต.อลิซ]" in by_person["head@example.org"].subject
    assert "3 เรื่อง เกินกำหนด 2 เรื่อง" in by_person["head@example.org"].subject
    assert "น้ำขุ่น" in by_person["admin@example.org"].body
    assert "ท่อระบายน้ำอุดตัน" not in by_person["admin@example.org"].body


@pytest.mark.django_db
def test_the_digest_marks_reopened_matters_and_escalation(
    clock, org, road_service, officer, head, django_capture_on_commit_callbacks
):
    case = answered(submit(org, road_service), officer)
    services.close_case(
        case=case,
        status=Case.Status.RESOLVED,
        resolution="ซ่อมแล้ว",
        actor=officer,
        before_photos=[photo("before.jpg")],
        after_photos=[photo("after.jpg")],
    )
    late = answered(submit(org, road_service, subject="สะพานไม้ผุ"), officer)
    clock(days=5)
    follow_through.reopen_case(case=case, reason="ยังเป็นหลุม", via="web")  # due on day 12
    clock(days=9)
    run_task(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    clock(days=9, hours=1)

    send_digests(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "ผู้แจ้งขอเปิดเรื่องใหม่" in message.body
    assert "เปิดใหม่ 1 ครั้ง" in message.body
    assert "แจ้งหัวหน้าส่วนราชการแล้ว" in message.body
    assert message.body.index(display(late.tracking_code)) < message.body.index(
        display(case.tracking_code)
    )


@pytest.mark.django_db
def test_one_digest_a_person_a_day_however_often_it_runs(
    clock, org, road_service, head, django_capture_on_commit_callbacks
):
    submit(org, road_service)
    clock(days=1)
    assert send_digests(django_capture_on_commit_callbacks) == 1
    assert send_digests(django_capture_on_commit_callbacks) == 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)
    assert len(mail.outbox) == 1

    clock(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_no_digest_when_nothing_is_open(
    clock, org, road_service, officer, head, admin, django_capture_on_commit_callbacks
):
    case = submit(org, road_service)
    services.close_case(case=case, status=Case.Status.REJECTED, resolution="ซ้ำ", actor=officer)
    clock(days=1)
    assert send_digests(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_digest_owed_for_matters_closed_since_sends_nothing(
    clock, org, road_service, officer, head, django_capture_on_commit_callbacks
):
    case = submit(org, road_service)
    clock(days=1)
    escalation.send_division_digests()  # owed, not yet sent: no commit in this test
    services.close_case(case=case, status=Case.Status.REJECTED, resolution="ซ้ำ", actor=officer)
    [message] = Message.objects.filter(task__endswith="send_digest")
    tasks.send_digest(message, *message.args)
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_digest_hides_a_corruption_subject_from_a_head_who_may_not_read_it(
    clock, org, roads, corruption_service, head, django_capture_on_commit_callbacks
):
    submit(org, corruption_service, subject="ปลัดรับเงินใต้โต๊ะ", division=roads)
    clock(days=1)
    send_digests(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "ปลัดรับเงินใต้โต๊ะ" not in message.body
    assert "ร้องเรียนการทุจริต" in message.body


# The dashboard ---------------------------------------------------------------------------


@pytest.fixture
def load(clock, org, roads, water, road_service, officer, head, django_capture_on_commit_callbacks):
    """กองช่าง: one late matter at the executives, one at the head, one on time;
    กองประปา: one on time; no division: one late."""
    CasePolicy.objects.create(org=org, executive_after_days=2)
    at_executives = answered(submit(org, road_service, subject="ถนนทรุด"), officer)
    clock(days=3)
    at_head = answered(submit(org, road_service, subject="ท่อแตก"), officer)
    clock(days=8)
    run_task(django_capture_on_commit_callbacks)
    clock(days=10, hours=1)
    run_task(django_capture_on_commit_callbacks)
    clock(days=11)
    run_task(django_capture_on_commit_callbacks)
    on_time = answered(submit(org, road_service, subject="ไฟทางดับ"), officer)
    answered(submit(org, subject="น้ำขุ่น", division=water), officer)
    late = submit(org, subject="สุนัขจรจัด", received_at=T0 - timedelta(days=20))
    answered(late, officer)
    done = answered(submit(org, road_service, subject="กิ่งไม้หัก"), officer)
    services.close_case(case=done, status=Case.Status.REJECTED, resolution="ซ้ำ", actor=officer)
    return {"executives": at_executives, "head": at_head, "on_time": on_time, "late": late}


@pytest.mark.django_db
def test_late_by_division_counts_open_late_and_escalated(org, other_org, roads, water, load):
    submit(other_org, subject="ไม่นับ")
    rows = {row.division: row for row in escalation.late_by_division(org)}
    assert rows[roads] == escalation.DivisionLoad(roads, 3, 2, 1, 1)
    assert rows[water] == escalation.DivisionLoad(water, 1, 0, 0, 0)
    assert rows[None].open == 1 and rows[None].late == 1
    assert escalation.total_load(rows.values()) == escalation.DivisionLoad(None, 5, 3, 1, 1)


@pytest.mark.django_db
def test_the_dashboard_shows_executives_the_load_with_links_to_the_lists(
    client, org, roads, load, mayor
):
    client.force_login(mayor)
    body = client.get(reverse("org:staff", args=[org.slug])).content.decode()
    cases = reverse("org:cases", args=[org.slug])
    assert "เรื่องที่ยังไม่ปิดแยกตามสำนัก/กอง" in body
    assert f'href="{cases}?status=open&amp;division={roads.pk}">3<' in body
    assert f'href="{cases}?status=open&amp;overdue=1&amp;division={roads.pk}">2<' in body
    assert f'href="{cases}?status=open&amp;escalated=1&amp;division={roads.pk}">1<' in body
    assert f'href="{cases}?status=open&amp;escalated=2&amp;division={roads.pk}">1<' in body
    assert f'href="{cases}?status=open">5<' in body
    assert "ถนนทรุด" not in body  # numbers only


@pytest.mark.django_db
def test_each_number_is_the_length_of_the_list_it_links_to(client, org, roads, load, alice):
    client.force_login(alice)
    cases = reverse("org:cases", args=[org.slug])

    def listed(query):
        body = client.get(f"{cases}?{query}").content.decode()
        return {name for name, case in load.items() if display(case.tracking_code) in body}

    assert listed(f"status=open&escalated=2&division={roads.pk}") == {"executives"}
    assert listed(f"status=open&escalated=1&division={roads.pk}") == {"head"}
    assert listed(f"status=open&overdue=1&division={roads.pk}") == {"executives", "head"}


@pytest.mark.django_db
def test_an_officer_sees_their_own_division_only(client, org, roads, water, load, officer):
    client.force_login(officer)
    body = client.get(reverse("org:staff", args=[org.slug])).content.decode()
    assert "เรื่องที่ยังไม่ปิดแยกตามสำนัก/กอง" in body
    assert "กองช่าง" in body
    assert "กองประปา" not in body
    assert "รวม" not in body.split("case-load", 1)[1].split("</table>", 1)[0]


@pytest.mark.django_db
def test_staff_without_the_inbox_see_no_load(client, org, load, make_member):
    clerk = make_member(org, Role.STAFF, "clerk").user
    client.force_login(clerk)
    body = client.get(reverse("org:staff", args=[org.slug])).content.decode()
    assert "เรื่องที่ยังไม่ปิดแยกตามสำนัก/กอง" not in body


@pytest.mark.django_db
def test_the_dashboard_counts_only_its_own_org(client, org, other_org, load, bob):
    client.force_login(bob)
    body = client.get(reverse("org:staff", args=[other_org.slug])).content.decode()
    assert "ถนนทรุด" not in body
    assert "escalated=2&amp;division" not in body
