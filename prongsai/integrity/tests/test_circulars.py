"""Circulars reach their recipients, who acknowledge them once; senders see who has not."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prongsai.integrity import circulars
from prongsai.integrity.models import Acknowledgement, Circular
from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


@pytest.fixture
def finance(org):
    return DivisionFactory(org=org, name="กองคลัง")


@pytest.fixture
def works(org):
    return DivisionFactory(org=org, name="กองช่าง")


def send(org, actor, divisions=(), **kwargs):
    return circulars.send_circular(
        org=org,
        title=kwargs.pop("title", "มาตรการป้องกันการทุจริต"),
        text=kwargs.pop("text", "ขอให้บุคลากรทุกคนถือปฏิบัติ"),
        divisions=divisions,
        actor=actor,
        **kwargs,
    )


def url(name, org, *args):
    return reverse(f"org:{name}", args=[org.slug, *args])


def test_a_circular_to_all_reaches_every_active_member(org, other_org, alice, make_member):
    staff = make_member(org, Role.STAFF, "somsri").user
    make_member(org, Role.STAFF, "gone", is_active=False)
    make_member(other_org, Role.STAFF, "outsider")
    circular = send(org, alice, number="ศก 123/ว 45")

    assert set(circulars.recipients(circular)) == {alice, staff}
    assert circulars.acknowledgement_rate(circular) == (0, 2)
    event = AuditEvent.objects.get(action="circular_sent")
    assert event.detail["recipients"] == 2


def test_a_division_circular_excludes_the_other_divisions(org, alice, make_member, finance, works):
    clerk = make_member(org, Role.STAFF, "clerk", division=finance).user
    builder = make_member(org, Role.STAFF, "builder", division=works).user
    circular = send(org, alice, divisions=[finance])

    assert list(circulars.recipients(circular)) == [clerk]
    assert circulars.is_recipient(circular, clerk)
    assert not circulars.is_recipient(circular, builder)
    assert list(circulars.circulars_for(org=org, user=builder)) == []
    with pytest.raises(PermissionDenied):
        circulars.acknowledge(circular=circular, user=builder)
    assert not Acknowledgement.objects.exists()


def test_acknowledging_twice_counts_once(org, alice, make_member):
    staff = make_member(org, Role.STAFF, "somsri").user
    circular = send(org, alice)

    first = circulars.acknowledge(circular=circular, user=staff)
    again = circulars.acknowledge(circular=circular, user=staff)

    assert first.pk == again.pk
    assert circular.acknowledgements.count() == 1
    assert circulars.acknowledgement_rate(circular) == (1, 2)
    assert AuditEvent.objects.filter(action="circular_acknowledged").count() == 1


def test_the_status_lists_who_has_and_who_has_not(org, alice, make_member, finance):
    somsri = make_member(org, Role.STAFF, "somsri", division=finance).user
    make_member(org, Role.STAFF, "somchai", division=finance)
    circular = send(org, alice)
    circulars.acknowledge(circular=circular, user=somsri)

    status = circulars.acknowledgement_status(circular)

    assert [reader.user.username for reader in status.acknowledged] == ["somsri"]
    assert status.acknowledged[0].at is not None
    assert {reader.user.username for reader in status.pending} == {"alice", "somchai"}
    assert (len(status.acknowledged), status.total, status.percent) == (1, 3, 33)


def test_someone_who_left_after_reading_still_counts(org, alice, make_member):
    membership = make_member(org, Role.STAFF, "somsri")
    circular = send(org, alice)
    circulars.acknowledge(circular=circular, user=membership.user)
    membership.is_active = False
    membership.save()

    assert circulars.acknowledgement_rate(circular) == (1, 2)


def test_unread_circulars_come_first(org, alice, make_member):
    staff = make_member(org, Role.STAFF, "somsri").user
    older = send(org, alice, title="ฉบับเก่า")
    newer = send(org, alice, title="ฉบับใหม่")
    circulars.acknowledge(circular=newer, user=staff)

    mine = list(circulars.circulars_for(org=org, user=staff))

    assert mine == [older, newer]
    assert not mine[0].is_read and mine[1].acknowledged_at is not None


def test_divisions_of_another_org_are_refused(org, other_org, alice):
    theirs = DivisionFactory(org=other_org, name="กองคลัง")
    with pytest.raises(ValidationError) as error:
        send(org, alice, divisions=[theirs])
    assert "divisions" in error.value.message_dict
    assert not Circular.objects.exists()


# Pages.


def test_an_officer_sends_a_circular_to_a_division(client, org, make_member, finance):
    officer = make_member(org, Role.OFFICER, "officer").user
    make_member(org, Role.STAFF, "clerk", division=finance)
    client.force_login(officer)

    response = client.post(
        url("circular_new", org),
        {
            "number": "ศก 1/2566",
            "title": "แจ้งมาตรการ",
            "text": "โปรดทราบ",
            "divisions": [finance.pk],
        },
    )

    circular = Circular.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("circular", org, circular.pk)
    assert list(circular.divisions.all()) == [finance]
    assert circular.sent_by == officer


def test_a_circular_without_title_is_refused_in_thai(client, org, alice):
    client.force_login(alice)
    response = client.post(url("circular_new", org), {"title": "", "text": ""})
    assert response.status_code == 400
    assert "กรอกเรื่องของหนังสือเวียน" in response.content.decode()
    assert not Circular.objects.exists()


def test_plain_staff_read_and_acknowledge_but_cannot_send(client, org, alice, make_member):
    staff = make_member(org, Role.STAFF, "somsri").user
    circular = send(org, alice)
    client.force_login(staff)

    assert client.get(url("circular_new", org)).status_code == 403
    assert client.post(url("circular_new", org), {"title": "x", "text": "y"}).status_code == 403
    page = client.get(url("circulars", org)).content.decode()
    assert circular.title in page and "ยังไม่รับทราบ" in page
    detail = client.get(url("circular", org, circular.pk)).content.decode()
    assert "รับทราบ" in detail and "ยังไม่รับทราบ (" not in detail  # no status for plain staff

    response = client.post(url("circular_acknowledge", org, circular.pk))
    client.post(url("circular_acknowledge", org, circular.pk))

    assert response.status_code == 302
    assert circular.acknowledgements.filter(user=staff).count() == 1
    assert "คุณรับทราบหนังสือเวียนนี้แล้ว" in client.get(url("circular", org, circular.pk)).content.decode()


def test_acknowledging_takes_a_post(client, org, alice):
    circular = send(org, alice)
    client.force_login(alice)
    assert client.get(url("circular_acknowledge", org, circular.pk)).status_code == 405
    assert not circular.acknowledgements.exists()


def test_the_sender_and_executives_see_who_has_not_acknowledged(client, org, make_member):
    officer = make_member(org, Role.OFFICER, "officer").user
    executive = make_member(org, Role.EXECUTIVE, "mayor").user
    reader = make_member(org, Role.STAFF, "somsri", user__first_name="สมศรี").user
    make_member(org, Role.STAFF, "somchai", user__first_name="สมชายใจดี")
    circular = send(org, officer)
    circulars.acknowledge(circular=circular, user=reader)

    for viewer in (officer, executive):
        client.force_login(viewer)
        page = client.get(url("circular", org, circular.pk)).content.decode()
        assert "1/4" in page and "25%" in page
        assert "สมศรี" in page and "สมชายใจดี" in page


def test_another_officer_does_not_see_the_status(client, org, make_member):
    sender = make_member(org, Role.OFFICER, "sender").user
    other = make_member(org, Role.OFFICER, "other").user
    circular = send(org, sender)
    client.force_login(other)
    page = client.get(url("circular", org, circular.pk)).content.decode()
    assert "การรับทราบ</h2>" not in page


def test_a_non_recipient_cannot_open_or_acknowledge(
    client, org, alice, make_member, finance, works
):
    builder = make_member(org, Role.STAFF, "builder", division=works).user
    circular = send(org, alice, divisions=[finance])
    client.force_login(builder)

    assert client.get(url("circular", org, circular.pk)).status_code == 404
    assert client.post(url("circular_acknowledge", org, circular.pk)).status_code == 404
    assert circular.title not in client.get(url("circulars", org)).content.decode()
    assert not circular.acknowledgements.exists()


def test_another_orgs_circular_is_absent(client, org, other_org, alice, bob):
    theirs = send(other_org, bob)
    client.force_login(alice)
    assert client.get(url("circular", org, theirs.pk)).status_code == 404
    assert client.post(url("circular_acknowledge", org, theirs.pk)).status_code == 404
    assert client.get(url("circular", other_org, theirs.pk)).status_code == 403
    assert not theirs.acknowledgements.exists()


def test_the_area_front_page_links_the_pages(client, org, make_member):
    client.force_login(make_member(org, Role.STAFF, "somsri").user)
    page = client.get(reverse("org:integrity", args=[org.slug])).content.decode()
    for name in ("circulars", "meetings", "trainings", "km"):
        assert url(name, org) in page
