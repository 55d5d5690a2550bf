"""The audit log: who did what to which object, when, from where; never rewritten."""

import pytest
from django.test import RequestFactory

from prongsai.orgs import audit
from prongsai.orgs.models import AuditEvent, Division
from prongsai.orgs.tests.factories import DivisionFactory


def test_record_takes_actor_org_and_address_from_the_request(org, alice):
    request = RequestFactory().post(
        "/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0 (Android)"
    )
    request.user = alice
    request.org = org
    division = DivisionFactory(org=org, name="กองช่าง")

    event = audit.record(action="admin_change", request=request, target=division, detail={"a": 1})

    event.refresh_from_db()
    assert event.actor == alice and event.actor_name == "alice"
    assert event.org == org
    assert event.ip_address == "203.0.113.7"
    assert event.user_agent == "Mozilla/5.0 (Android)"
    assert (event.target_type, event.target_id, event.target_repr) == (
        "orgs.division",
        str(division.pk),
        "กองช่าง",
    )
    assert event.detail == {"a": 1}


def test_record_finds_the_org_of_the_target(org, alice):
    event = audit.record(action="admin_change", actor=alice, target=DivisionFactory(org=org))
    assert event.org == org


def test_events_cannot_be_rewritten(org, alice):
    event = audit.record(action="login", actor=alice)
    event.action = "nothing happened"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "login"


def test_the_trail_outlives_the_account(alice):
    event = audit.record(action="login", actor=alice)
    alice.delete()
    event.refresh_from_db()
    assert event.actor is None and event.actor_name == "alice"


@pytest.fixture
def superuser(alice):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    return alice


def test_admin_changes_are_audited_with_the_changed_fields(client, org, superuser):
    division = DivisionFactory(org=org, name="กองช่าง")
    client.force_login(superuser)
    response = client.post(
        f"/admin/orgs/division/{division.pk}/change/",
        {"org": org.pk, "name": "กองช่างและโยธา", "short_name": "", "order": 0},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin_change")
    assert event.actor == superuser and event.org == org
    assert event.detail == {"fields": ["name"]}
    assert event.target_repr == "กองช่างและโยธา"


def test_admin_deletes_are_audited(client, org, superuser):
    division = DivisionFactory(org=org, name="กองชั่วคราว")
    client.force_login(superuser)
    client.post(f"/admin/orgs/division/{division.pk}/delete/", {"post": "yes"})
    assert not Division.objects.filter(pk=division.pk).exists()
    event = AuditEvent.objects.get(action="admin_delete")
    assert event.target_repr == "กองชั่วคราว" and event.org == org


def test_nobody_edits_or_deletes_the_trail_in_the_admin(client, superuser):
    event = audit.record(action="login", actor=superuser)
    client.force_login(superuser)
    assert client.get(f"/admin/orgs/auditevent/{event.pk}/delete/").status_code == 403
    client.post(f"/admin/orgs/auditevent/{event.pk}/change/", {"action": "x"})
    assert AuditEvent.objects.get(pk=event.pk).action == "login"


def test_staff_audit_page_lists_and_filters_events(client, org, alice, make_member):
    carol = make_member(org, username="carol").user
    audit.record(action="login", actor=carol)
    audit.record(action="password_changed", actor=carol, org=org)
    audit.record(action="login", actor=alice)
    client.force_login(alice)
    url = f"/{org.slug}/staff/audit/"

    body = client.get(url, {"action": "password_changed"}).content.decode()
    assert "เปลี่ยนรหัสผ่าน" in body and "carol" in body

    rows = client.get(url, {"actor": "carol"}).context["page"].object_list
    assert {e.actor_name for e in rows} == {"carol"}
    assert len(rows) == 2
