"""Staff meetings: kept by admins, officers and executives; read by all the staff."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.integrity import circulars
from prongsai.integrity.models import Meeting
from prongsai.orgs.models import AuditEvent, Membership

Role = Membership.Role


def url(name, org, *args):
    return reverse(f"org:{name}", args=[org.slug, *args])


def meeting_post(*attendees, **extra):
    return {
        "held_on": "2023-01-05",
        "title": "ประชุมพนักงานประจำเดือนมกราคม 2566",
        "place": "ห้องประชุม อบต.",
        "agenda": "วาระที่ 1 แจ้งมาตรการป้องกันการทุจริต",
        "minutes": "ที่ประชุมรับทราบ",
        "attendees": [str(user.pk) for user in attendees],
        **extra,
    }


def test_an_officer_records_a_meeting_with_attendance_and_circulars(client, org, make_member):
    officer = make_member(org, Role.OFFICER, "officer").user
    staff = make_member(org, Role.STAFF, "somsri").user
    circular = circulars.send_circular(org=org, title="มาตรการ", text="ทราบ", actor=officer)
    client.force_login(officer)

    response = client.post(
        url("meeting_new", org), meeting_post(officer, staff, circulars=[circular.pk])
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("meeting", org, meeting.pk)
    assert meeting.held_on == date(2023, 1, 5)
    assert set(meeting.attendees.all()) == {officer, staff}
    assert list(meeting.circulars.all()) == [circular]
    assert AuditEvent.objects.filter(action="meeting_created").exists()

    page = client.get(url("circular", org, circular.pk)).content.decode()
    assert "ประชุมพนักงานประจำเดือนมกราคม 2566" in page


def test_a_meeting_is_edited(client, org, alice):
    meeting = Meeting.objects.create(org=org, title="ประชุม", held_on=date(2023, 2, 7))
    client.force_login(alice)
    response = client.post(url("meeting_edit", org, meeting.pk), meeting_post(alice))
    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.title == "ประชุมพนักงานประจำเดือนมกราคม 2566"
    assert AuditEvent.objects.filter(action="meeting_changed").exists()


def test_an_attendee_of_another_org_is_refused(client, org, alice, bob):
    client.force_login(alice)
    response = client.post(url("meeting_new", org), meeting_post(alice, bob))
    assert response.status_code == 400
    assert "เลือกได้เฉพาะบุคลากรของหน่วยงาน" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_service_refuses_another_orgs_people_and_circulars(org, other_org, alice, bob):
    theirs = circulars.send_circular(org=other_org, title="ของเขา", text="x", actor=bob)
    meeting = Meeting(org=org, title="ประชุม", held_on=date(2023, 1, 5))
    with pytest.raises(ValidationError) as error:
        circulars.save_meeting(
            org=org, meeting=meeting, attendees=[bob], circulars=[theirs], actor=alice
        )
    assert set(error.value.message_dict) == {"attendees", "circulars"}
    assert not Meeting.objects.exists()


def test_a_meeting_needs_a_date_and_a_title(client, org, alice):
    client.force_login(alice)
    response = client.post(url("meeting_new", org), meeting_post(held_on="", title=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "กรอกวันที่ประชุม" in page and "กรอกชื่อการประชุม" in page


def test_plain_staff_read_meetings_but_do_not_keep_them(client, org, make_member):
    staff = make_member(org, Role.STAFF, "somsri").user
    meeting = Meeting.objects.create(
        org=org, title="ประชุมพนักงาน", held_on=date(2023, 1, 5), minutes="รับทราบมาตรการ"
    )
    meeting.attendees.add(staff)
    client.force_login(staff)

    assert "ประชุมพนักงาน" in client.get(url("meetings", org)).content.decode()
    assert "รับทราบมาตรการ" in client.get(url("meeting", org, meeting.pk)).content.decode()
    assert client.get(url("meeting_new", org)).status_code == 403
    assert client.post(url("meeting_edit", org, meeting.pk), meeting_post()).status_code == 403


def test_another_orgs_meeting_is_absent(client, org, other_org, alice):
    theirs = Meeting.objects.create(org=other_org, title="ของเขา", held_on=date(2023, 1, 5))
    client.force_login(alice)
    assert client.get(url("meeting", org, theirs.pk)).status_code == 404
    assert client.post(url("meeting_edit", org, theirs.pk), meeting_post()).status_code == 404
    assert "ของเขา" not in client.get(url("meetings", org)).content.decode()


def test_a_former_attendee_stays_on_the_record_when_edited(client, org, alice, make_member):
    membership = make_member(org, Role.STAFF, "retired")
    meeting = Meeting.objects.create(org=org, title="ประชุม", held_on=date(2023, 1, 5))
    meeting.attendees.add(membership.user)
    membership.is_active = False
    membership.save()
    client.force_login(alice)

    response = client.post(url("meeting_edit", org, meeting.pk), meeting_post(membership.user))

    assert response.status_code == 302
    assert list(meeting.attendees.all()) == [membership.user]
