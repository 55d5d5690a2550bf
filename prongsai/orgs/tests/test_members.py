"""An org's admin adds staff, changes their role, suspends them, resets a password."""

import pytest
from django.contrib.auth import get_user_model

from prongsai.orgs.models import AuditEvent, Membership
from prongsai.orgs.tests.factories import DivisionFactory

Role = Membership.Role


def new_member(**extra) -> dict:
    return {
        "username": "somsri.k",
        "first_name": "สมศรี",
        "last_name": "ขยันดี",
        "email": "",
        "role": Role.OFFICER,
        **extra,
    }


def test_the_admin_adds_a_member_with_a_temporary_password(client, org, alice):
    division = DivisionFactory(org=org, name="กองคลัง")
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/members/new/", new_member(division=division.pk))
    password = response.context["password"]
    assert password and password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    membership = Membership.objects.get(org=org, user__username="somsri.k")
    assert (membership.role, membership.division) == (Role.OFFICER, division)
    assert membership.user.check_password(password)
    assert AuditEvent.objects.filter(action="member_added").exists()
    client.logout()
    login = client.post("/accounts/login/", {"username": "somsri.k", "password": password})
    assert login.status_code == 302 and login.url == f"/{org.slug}/staff/"


def test_someone_of_another_org_keeps_their_password(client, org, alice, bob):
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/members/new/", new_member(username="bob"))
    assert response.context["password"] is None
    assert Membership.objects.filter(org=org, user=bob).exists()
    again = client.post(f"/{org.slug}/staff/members/new/", new_member(username="bob"))
    assert "เป็นบุคลากรของหน่วยงานอยู่แล้ว" in again.content.decode()


def test_bad_input_saves_nothing(client, org, other_org, alice):
    client.force_login(alice)
    theirs = DivisionFactory(org=other_org)
    response = client.post(
        f"/{org.slug}/staff/members/new/", new_member(username="no spaces!", division=theirs.pk)
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="no spaces!").exists()


def test_suspending_and_changing_a_role(client, org, alice, make_member):
    carol = make_member(org, Role.STAFF, "carol")
    client.force_login(alice)
    client.post(f"/{org.slug}/staff/members/{carol.pk}/", {"role": Role.EXECUTIVE})
    carol.refresh_from_db()
    assert carol.role == Role.EXECUTIVE and not carol.is_active
    client.force_login(carol.user)
    assert client.get(f"/{org.slug}/staff/").status_code == 403


def test_an_admin_cannot_lock_themself_out(client, org, alice):
    mine = Membership.objects.get(org=org, user=alice)
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/members/{mine.pk}/", {"role": Role.STAFF})
    assert "ของตนเองไม่ได้" in response.content.decode()
    mine.refresh_from_db()
    assert mine.role == Role.ADMIN and mine.is_active


def test_a_password_reset_ends_the_members_sessions(client, org, alice, make_member):
    carol = make_member(org, Role.STAFF, "carol")
    carol_client = type(client)()
    carol_client.force_login(carol.user)
    assert carol_client.get(f"/{org.slug}/staff/").status_code == 200
    client.force_login(alice)
    response = client.post(f"/{org.slug}/staff/members/{carol.pk}/password/")
    carol.user.refresh_from_db()
    assert carol.user.check_password(response.context["password"])
    assert carol_client.get(f"/{org.slug}/staff/").status_code == 302  # signed out
    assert AuditEvent.objects.filter(action="member_password_reset").exists()


@pytest.mark.parametrize("path", ["staff/members/new/", "staff/members/{pk}/"])
def test_only_this_orgs_admins(client, org, other_org, bob, make_member, path):
    carol = make_member(org, Role.STAFF, "carol")
    client.force_login(make_member(org, Role.OFFICER, "officer").user)
    assert client.get(f"/{org.slug}/" + path.format(pk=carol.pk)).status_code == 403
    client.force_login(bob)
    assert client.get(f"/{other_org.slug}/staff/members/{carol.pk}/").status_code == 404
