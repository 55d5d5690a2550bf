"""Open311 keys: issued and revoked by the org's admins, stored as digests only."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from prongsai.eservices.models import Open311Key
from prongsai.eservices.open311 import keys
from prongsai.orgs.models import AuditEvent, Membership, Organization


def keys_url(org):
    return reverse("org:open311_keys", args=[org.slug])


def revoke_url(org, key):
    return reverse("org:open311_key_revoke", args=[org.slug, key.pk])


def test_a_key_is_stored_as_its_digest_only(org, alice):
    key, raw = keys.issue_key(org=org, name="แอปแจ้งเหตุ", actor=alice)
    assert len(raw) >= 40
    key.refresh_from_db()
    assert key.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert key.prefix == raw[:8]
    assert key.created_by == alice
    stored = [str(v) for v in Open311Key.objects.values_list().get()]
    assert raw not in stored
    assert keys.active_key(org=org, raw=raw) == key
    event = AuditEvent.objects.get(action="open311_key_issued")
    assert (event.actor, event.org, event.target_id) == (alice, org, str(key.pk))


def test_a_key_works_only_for_its_own_org(org, other_org, alice):
    _key, raw = keys.issue_key(org=org, name="แอป", actor=alice)
    assert keys.active_key(org=other_org, raw=raw) is None
    assert keys.active_key(org=org, raw="") is None
    assert keys.active_key(org=org, raw=raw + "x") is None


def test_revoking_stops_the_key_and_is_audited(org, alice):
    key, raw = keys.issue_key(org=org, name="แอป", actor=alice)
    keys.revoke_key(key=key, actor=alice)
    assert key.revoked_at is not None
    assert keys.active_key(org=org, raw=raw) is None
    assert AuditEvent.objects.filter(action="open311_key_revoked", actor=alice).exists()
    with pytest.raises(ValidationError):
        keys.revoke_key(key=key, actor=alice)


def test_a_key_needs_a_name(org, alice):
    with pytest.raises(ValidationError):
        keys.issue_key(org=org, name="  ", actor=alice)
    assert not Open311Key.objects.exists()


def test_the_admin_issues_a_key_and_sees_it_once(client, org, alice):
    client.force_login(alice)
    page = client.get(keys_url(org))
    assert page.status_code == 200
    assert "http://testserver/alice-town/open311/v2/" in page.content.decode()

    response = client.post(keys_url(org), {"name": "แอปแจ้งเหตุ"})
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    raw = response.context["new_key"]
    key = Open311Key.objects.get()
    assert (key.org, key.name, key.created_by) == (org, "แอปแจ้งเหตุ", alice)
    assert key.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw in response.content.decode()

    again = client.get(keys_url(org)).content.decode()
    assert raw not in again
    assert key.prefix in again
    assert "แอปแจ้งเหตุ" in again


def test_a_key_issued_by_nobody_is_listed(client, org, alice):
    keys.store_known_key(org=org, name="คีย์สาธิต", raw="alice-town-demo-key")
    client.force_login(alice)
    page = client.get(keys_url(org)).content.decode()
    assert "คีย์สาธิต" in page
    assert "alice-to…" in page


def test_a_nameless_key_is_refused(client, org, alice):
    client.force_login(alice)
    response = client.post(keys_url(org), {"name": ""})
    assert response.status_code == 200
    assert "กรุณาระบุชื่อผู้ใช้คีย์" in response.content.decode()
    assert not response.context["new_key"]
    assert not Open311Key.objects.exists()


def test_the_admin_revokes_a_key(client, org, alice):
    key, raw = keys.issue_key(org=org, name="แอป", actor=alice)
    client.force_login(alice)
    response = client.post(revoke_url(org, key), follow=True)
    assert response.redirect_chain[-1][0] == keys_url(org)
    assert "ยกเลิกคีย์ของ แอป แล้ว" in response.content.decode()
    assert keys.active_key(org=org, raw=raw) is None
    assert AuditEvent.objects.filter(action="open311_key_revoked").count() == 1

    response = client.post(revoke_url(org, key), follow=True)
    assert "คีย์นี้ถูกยกเลิกไปแล้ว" in response.content.decode()
    assert AuditEvent.objects.filter(action="open311_key_revoked").count() == 1


def test_revoking_only_allows_post(client, org, alice):
    key, raw = keys.issue_key(org=org, name="แอป", actor=alice)
    client.force_login(alice)
    assert client.get(revoke_url(org, key)).status_code == 405
    assert keys.active_key(org=org, raw=raw) == key


def test_it_validates_ownership(client, org, other_org, alice, bob):
    key, raw = keys.issue_key(org=org, name="แอปของอลิซ", actor=alice)
    client.force_login(bob)
    # Bob is an admin, but of his own org: alice's key is not there.
    response = client.post(reverse("org:open311_key_revoke", args=[other_org.slug, key.pk]))
    assert response.status_code == 404
    assert "แอปของอลิซ" not in client.get(keys_url(other_org)).content.decode()
    assert client.get(keys_url(org)).status_code == 403
    assert client.post(revoke_url(org, key)).status_code == 403
    assert keys.active_key(org=org, raw=raw) == key


@pytest.mark.parametrize(
    "role", [Membership.Role.OFFICER, Membership.Role.EXECUTIVE, Membership.Role.STAFF]
)
def test_only_admins_manage_keys(client, org, make_member, role):
    client.force_login(make_member(org, role, "someone").user)
    assert client.get(keys_url(org)).status_code == 403
    assert client.post(keys_url(org), {"name": "แอป"}).status_code == 403
    assert not Open311Key.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, org):
    response = client.get(keys_url(org))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_demo_key_is_loaded_once(db):
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)
    demo = Organization.objects.get(slug="prasat-thong")
    key = Open311Key.objects.get()
    assert key.org == demo
    assert keys.active_key(org=demo, raw="prasat-thong-demo-key") == key
    assert (
        keys.active_key(org=Organization.objects.get(slug="ban-mai"), raw="prasat-thong-demo-key")
        is None
    )
