"""Personal API tokens on /accounts/tokens/: created once-visible, revoked, audit-logged."""

import hashlib
import re

from prongsai.orgs import tokens
from prongsai.orgs.models import ApiToken, AuditEvent

URL = "/accounts/tokens/"


def revoke_url(api_token: ApiToken) -> str:
    return f"/accounts/tokens/{api_token.pk}/revoke/"


def shown_token(response) -> str:
    match = re.search(r'<p class="secret">(psai_[\w-]+)</p>', response.content.decode())
    assert match, "the new token should be on the page"
    return match.group(1)


def test_it_needs_a_signed_in_user(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert client.post(URL, {"label": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_the_account_page_links_to_it(client, alice):
    client.force_login(alice)
    assert f'href="{URL}"' in client.get("/accounts/").content.decode()


def test_a_new_token_is_shown_once_and_stored_as_its_digest(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"label": "สคริปต์รายงาน"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = shown_token(response)

    api_token = ApiToken.objects.get()
    assert api_token.user == alice and api_token.label == "สคริปต์รายงาน"
    assert api_token.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token.startswith(api_token.prefix) and len(api_token.prefix) < len(token) // 3
    assert token not in {str(value) for value in ApiToken.objects.values_list().get()}
    assert tokens.authenticate(token) == api_token

    again = client.get(URL).content.decode()
    assert token not in again
    assert api_token.prefix in again and "สคริปต์รายงาน" in again


def test_creating_is_audit_logged(client, alice):
    client.force_login(alice)
    client.post(URL, {"label": "สคริปต์รายงาน"}, REMOTE_ADDR="10.0.0.7")
    event = AuditEvent.objects.get(action="api_token_created")
    api_token = ApiToken.objects.get()
    assert (event.actor, event.target_id, event.ip_address) == (
        alice,
        str(api_token.pk),
        "10.0.0.7",
    )
    assert api_token.digest not in str(event.detail) + event.target_repr


def test_a_token_needs_a_label(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"label": "  "})
    assert response.status_code == 200
    assert "กรุณาตั้งชื่อโทเค็น" in response.content.decode()
    assert not ApiToken.objects.exists()
    response = client.post(URL, {"label": "ก" * 101})
    assert "ไม่เกิน 100 ตัวอักษร" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token_and_is_logged(client, alice):
    client.force_login(alice)
    api_token, token = tokens.issue_token(user=alice, label="เก่า")
    response = client.post(revoke_url(api_token))
    assert response.status_code == 302 and response.url == URL
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None and not api_token.is_active
    assert tokens.authenticate(token) is None
    assert AuditEvent.objects.filter(action="api_token_revoked", actor=alice).count() == 1
    page = client.get(URL).content.decode()
    assert "ยกเลิกแล้วเมื่อ" in page and revoke_url(api_token) not in page
    # Revoking twice changes nothing and logs nothing more.
    client.post(revoke_url(api_token))
    assert AuditEvent.objects.filter(action="api_token_revoked").count() == 1


def test_revoking_is_a_post(client, alice):
    client.force_login(alice)
    api_token, _ = tokens.issue_token(user=alice, label="x")
    assert client.get(revoke_url(api_token)).status_code == 405
    api_token.refresh_from_db()
    assert api_token.is_active


def test_nobody_sees_or_revokes_another_users_tokens(client, alice, bob):
    bobs, _ = tokens.issue_token(user=bob, label="ของบ็อบ")
    client.force_login(alice)
    assert "ของบ็อบ" not in client.get(URL).content.decode()
    assert client.post(revoke_url(bobs)).status_code == 404
    bobs.refresh_from_db()
    assert bobs.is_active


def test_a_user_with_totp_needs_the_second_factor_first(client, alice):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=alice, name="แอป", confirmed=True)
    client.force_login(alice)
    response = client.post(URL, {"label": "x"})
    assert response.status_code == 302 and "/accounts/otp/" in response.url
    assert not ApiToken.objects.exists()
