"""Office hours: Mon–Fri 08:30–16:30 Bangkok by default; outside them the chat says so."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from prongsai.messaging.livechat import selectors, services
from prongsai.messaging.livechat.models import Chat, OfficeHours
from prongsai.orgs.models import AuditEvent, Membership

BKK = ZoneInfo("Asia/Bangkok")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of the week of Monday 6 March 2023 (2566), Bangkok time."""
    return datetime(2023, 3, 6 + day, hour, minute, tzinfo=BKK)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(0, 8, 29), False),
        (at(0, 8, 30), True),
        (at(2, 12), True),
        (at(4, 16, 29), True),
        (at(4, 16, 30), False),
        (at(5, 10), False),  # Saturday
        (at(6, 10), False),  # Sunday
        (datetime(2023, 3, 6, 2, 0, tzinfo=ZoneInfo("UTC")), True),  # 09:00 in Bangkok
    ],
)
def test_the_default_week(org, moment, expected):
    assert selectors.is_open(selectors.office_hours(org=org), moment) is expected


def test_the_next_opening(org):
    hours = selectors.office_hours(org=org)
    assert selectors.next_opening(hours, at(4, 17)) == at(7, 8, 30)  # Friday evening → Monday
    assert selectors.next_opening(hours, at(1, 7)) == at(1, 8, 30)
    for day in range(7):
        OfficeHours.objects.update_or_create(org=org, weekday=day, defaults={"is_open": False})
    assert selectors.next_opening(selectors.office_hours(org=org), at(1, 7)) is None


def test_an_org_keeps_its_own_hours(org, other_org):
    OfficeHours.objects.create(org=org, weekday=5, opens=time(9), closes=time(12))
    saturday = at(5, 10)
    assert selectors.is_open(selectors.office_hours(org=org), saturday)
    assert not selectors.is_open(selectors.office_hours(org=org), at(0, 10))  # only Saturday now
    assert not selectors.is_open(selectors.office_hours(org=other_org), saturday)


def test_out_of_hours_the_page_says_so_and_lists_other_channels(client, org, closed_hours):
    org.phone = "044-123-456"
    org.save()
    page = client.get(f"/{org.slug}/chat/").content.decode()
    assert "ขณะนี้อยู่นอกเวลาทำการ" in page
    assert f'href="/{org.slug}/complain/"' in page and f'href="/{org.slug}/track/"' in page
    assert 'href="tel:044123456"' in page
    home = client.get(f"/{org.slug}/").content.decode()
    assert "นอกเวลาทำการ ฝากข้อความได้" in home


def test_out_of_hours_a_message_is_still_taken(client, org, closed_hours, officer):
    client.post(f"/{org.slug}/chat/", {"text": "ฝากถามเรื่องน้ำประปาครับ"})
    chat = Chat.objects.get()
    assert chat.started_out_of_hours and chat.status == Chat.Status.WAITING
    page = client.get(f"/{org.slug}/chat/").content.decode()
    assert "ฝากถามเรื่องน้ำประปาครับ" in page and "ขณะนี้อยู่นอกเวลาทำการ" in page
    assert f"/track/{chat.case.tracking_code}/" in page  # to come back for the answer
    services.take_chat(chat=chat, actor=officer)
    services.post_agent_message(chat=chat, actor=officer, text="ตอบตอนเช้าครับ")
    assert "ตอบตอนเช้าครับ" in client.get(f"/{org.slug}/chat/").content.decode()


def test_in_hours_there_is_no_notice(client, org, open_hours):
    page = client.get(f"/{org.slug}/chat/").content.decode()
    assert "นอกเวลาทำการ" not in page


def test_an_admin_sets_the_week(client, org, alice):
    client.force_login(alice)
    url = f"/{org.slug}/staff/chat/hours/"
    form = client.get(url).content.decode()
    assert 'value="08:30"' in form
    data = {f"day{d}_open": "on" for d in range(5)}
    data |= {f"day{d}_opens": "08:00" for d in range(7)}
    data |= {f"day{d}_closes": "17:00" for d in range(7)}
    data["day5_open"] = "on"
    data["day5_closes"] = "12:00"
    response = client.post(url, data)
    assert response.status_code == 302
    hours = selectors.office_hours(org=org)
    assert [d.is_open for d in hours] == [True] * 6 + [False]
    assert hours[5].closes == time(12) and hours[0].opens == time(8)
    assert AuditEvent.objects.filter(action="chat_hours_changed", org=org).exists()


def test_a_closing_before_the_opening_is_refused_in_thai(client, org, alice):
    client.force_login(alice)
    data = {"day0_open": "on", "day0_opens": "17:00", "day0_closes": "08:00"}
    response = client.post(f"/{org.slug}/staff/chat/hours/", data)
    assert response.status_code == 200
    assert "วันจันทร์: เวลาปิดต้องหลังเวลาเปิด" in response.content.decode()
    assert not OfficeHours.objects.exists()


def test_only_admins_set_the_hours(org, make_member):
    client = Client()
    client.force_login(make_member(org, Membership.Role.OFFICER).user)
    assert client.get(f"/{org.slug}/staff/chat/hours/").status_code == 403
