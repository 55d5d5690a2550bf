"""Corruption complaints: designated positions and the assignee see them; others see they exist."""

import pytest

from prongsai.inbox import services
from prongsai.inbox.models import Case
from prongsai.orgs.models import AuditEvent, Membership

SECRET_TEXT = "ปลัดรับเงินใต้โต๊ะจากผู้รับเหมา"
REPORTER = "นายผู้กล้า แจ้งเบาะแส"


@pytest.fixture
def complaint(org, corruption_service):
    return services.submit_case(
        org=org,
        channel=Case.Channel.WEB,
        service=corruption_service,
        subject="ทุจริตจัดซื้อ",
        text=SECRET_TEXT,
        reporter_name=REPORTER,
        reporter_phone="0811111111",
        consent=True,
    )


def page(client, user, url):
    client.force_login(user)
    return client.get(url).content.decode()


def test_the_designated_position_sees_everything_and_the_view_is_logged(
    client, org, complaint, lawyer
):
    body = page(client, lawyer, f"/{org.slug}/staff/cases/{complaint.tracking_code}/")
    assert SECRET_TEXT in body and REPORTER in body
    event = AuditEvent.objects.get(action="case_viewed")
    assert event.actor == lawyer and event.target_id == str(complaint.pk)


def test_other_officers_see_that_it_exists_not_what_or_who(client, org, complaint, officer):
    listing = page(client, officer, f"/{org.slug}/staff/cases/")
    assert complaint.tracking_code[:4] in listing
    assert "ทุจริตจัดซื้อ" not in listing and "ปกปิด" in listing
    detail = page(client, officer, f"/{org.slug}/staff/cases/{complaint.tracking_code}/")
    assert SECRET_TEXT not in detail and REPORTER not in detail and "0811111111" not in detail
    assert AuditEvent.objects.filter(action="case_viewed", actor=officer).exists()


def test_other_officers_cannot_act_on_it(client, org, complaint, officer):
    client.force_login(officer)
    response = client.post(
        f"/{org.slug}/staff/cases/{complaint.tracking_code}/note/", {"note-text": "แอบดู"}
    )
    assert response.status_code == 403
    assert not complaint.events.filter(kind="note").exists()


def test_searching_its_words_does_not_find_it(client, org, complaint, officer):
    body = page(client, officer, f"/{org.slug}/staff/cases/?q=ใต้โต๊ะ&status=")
    assert complaint.tracking_code[:4] not in body


def test_the_assignee_may_see_it(client, org, complaint, lawyer, officer):
    services.assign_case(case=complaint, assignee=officer, actor=lawyer)
    assert SECRET_TEXT in page(
        client, officer, f"/{org.slug}/staff/cases/{complaint.tracking_code}/"
    )


def test_another_org_gets_nothing(client, org, other_org, complaint, make_member):
    stranger = make_member(other_org, Membership.Role.OFFICER, "stranger").user
    client.force_login(stranger)
    assert (
        client.get(f"/{other_org.slug}/staff/cases/{complaint.tracking_code}/").status_code == 404
    )
    assert client.get(f"/{org.slug}/staff/cases/{complaint.tracking_code}/").status_code == 403


def test_the_tracking_page_shows_status_only(client, org, complaint):
    body = client.get(f"/{org.slug}/track/{complaint.tracking_code}/").content.decode()
    assert "รับเรื่องแล้ว" in body
    assert "ทุจริตจัดซื้อ" not in body and SECRET_TEXT not in body and REPORTER not in body
