"""The staff inbox pages: filters, overdue cases, actions, and logging phone cases."""

from datetime import timedelta

import pytest
from django.utils import timezone

from prongsai.inbox import services
from prongsai.inbox.models import Case, CaseEvent
from prongsai.orgs.models import Membership

Role = Membership.Role


@pytest.fixture
def cases(org, road_service):
    now = timezone.now()
    make = services.submit_case
    return {
        "line": make(
            org=org,
            channel="line",
            service=road_service,
            subject="จากไลน์",
            received_at=now - timedelta(days=30),
        ),
        "web": make(org=org, channel="web", kind="question", subject="ถามเรื่องภาษี"),
        "phone": make(org=org, channel="phone", kind="request", subject="ขอรถน้ำ"),
    }


def listed(client, org, **params) -> set[str]:
    response = client.get(f"/{org.slug}/staff/cases/", params)
    assert response.status_code == 200
    return {case.subject for case in response.context["page"].object_list}


def test_filters_by_channel_kind_text_and_period(client, org, officer, cases):
    client.force_login(officer)
    assert listed(client, org) == {"จากไลน์", "ถามเรื่องภาษี", "ขอรถน้ำ"}  # open cases
    assert listed(client, org, channel="line") == {"จากไลน์"}
    assert listed(client, org, kind="question") == {"ถามเรื่องภาษี"}
    assert listed(client, org, q="ภาษี") == {"ถามเรื่องภาษี"}
    assert listed(client, org, q=cases["phone"].tracking_code.lower()) == {"ขอรถน้ำ"}
    today = timezone.localdate().isoformat()
    assert listed(client, org, start=today, end=today) == {"ถามเรื่องภาษี", "ขอรถน้ำ"}
    assert listed(client, org, start="not-a-date") == {"จากไลน์", "ถามเรื่องภาษี", "ขอรถน้ำ"}
    last_week = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert listed(client, org, end=last_week) == {"จากไลน์"}
    assert listed(client, org, start=last_week) == {"ถามเรื่องภาษี", "ขอรถน้ำ"}


def test_overdue_cases_stand_out(client, org, officer, cases):
    client.force_login(officer)
    assert listed(client, org, overdue="on") == {"จากไลน์"}
    body = client.get(f"/{org.slug}/staff/cases/").content.decode()
    assert body.count('class="overdue"') == 1 and "เกินกำหนด" in body


def test_mine_and_closed(client, org, officer, cases):
    services.assign_case(case=cases["web"], assignee=officer, actor=officer)
    services.close_case(case=cases["phone"], status="resolved", resolution="ส่งรถแล้ว", actor=officer)
    client.force_login(officer)
    assert listed(client, org, mine="on", status="") == {"ถามเรื่องภาษี"}
    assert listed(client, org, status="resolved") == {"ขอรถน้ำ"}


def test_actions_through_the_page(client, org, officer, cases):
    case = cases["web"]
    url = f"/{org.slug}/staff/cases/{case.tracking_code}/"
    client.force_login(officer)
    assert client.post(url + "assign/", {"assignee": officer.pk}).status_code == 302
    client.post(url + "reply/", {"reply-text": "ภาษีที่ดินชำระได้ถึงเมษายน"})
    client.post(url + "note/", {"note-text": "โทรยืนยันแล้ว"})
    client.post(url + "close/", {"status": "resolved", "resolution": "ตอบแล้ว"})
    case.refresh_from_db()
    assert case.status == "resolved" and case.assignee == officer
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["created", "assigned", "status_changed", "public_reply", "note", "closed"]


def test_a_bad_action_shows_a_thai_message_and_changes_nothing(client, org, officer, cases):
    case = cases["web"]
    client.force_login(officer)
    response = client.post(
        f"/{org.slug}/staff/cases/{case.tracking_code}/close/",
        {"status": "resolved", "resolution": ""},
        follow=True,
    )
    assert "กรุณาระบุผลการดำเนินการ" in response.content.decode()
    case.refresh_from_db()
    assert case.is_open


def test_executives_see_but_do_not_act(client, org, make_member, cases):
    client.force_login(make_member(org, Role.EXECUTIVE, "mayor").user)
    case = cases["web"]
    assert client.get(f"/{org.slug}/staff/cases/").status_code == 200
    detail = client.get(f"/{org.slug}/staff/cases/{case.tracking_code}/").content.decode()
    assert "ปิดเรื่อง" not in detail
    response = client.post(
        f"/{org.slug}/staff/cases/{case.tracking_code}/note/", {"note-text": "x"}
    )
    assert response.status_code == 403
    assert not case.events.filter(kind=CaseEvent.Kind.NOTE).exists()


def test_plain_staff_have_no_inbox(client, org, make_member):
    client.force_login(make_member(org, Role.STAFF, "clerk").user)
    assert client.get(f"/{org.slug}/staff/cases/").status_code == 403


def test_logging_a_phone_case(client, org, officer, roads):
    client.force_login(officer)
    received = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/{org.slug}/staff/cases/new/",
        {
            "channel": "phone",
            "kind": "complaint",
            "division": roads.pk,
            "subject": "น้ำท่วมขังหน้าตลาด",
            "text": "ผู้แจ้งโทรมาเวลาเช้า",
            "received_at": received,
            "reporter_name": "นางสาย",
            "reporter_phone": "0812223333",
            "idempotency_key": "phone-1",
        },
    )
    case = Case.objects.get()
    assert response.url == f"/{org.slug}/staff/cases/{case.tracking_code}/"
    assert (case.channel, case.division, case.reporter_name) == ("phone", roads, "นางสาย")
    assert timezone.localtime(case.received_at).strftime("%Y-%m-%dT%H:%M") == received


def test_a_case_cannot_be_logged_in_the_future(client, org, officer):
    client.force_login(officer)
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/{org.slug}/staff/cases/new/",
        {
            "channel": "letter",
            "kind": "request",
            "subject": "x",
            "text": "y",
            "received_at": tomorrow,
        },
    )
    assert "ต้องไม่อยู่ในอนาคต" in response.content.decode()
    assert not Case.objects.exists()
