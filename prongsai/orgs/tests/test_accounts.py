"""Staff sign-in: password, lockout, second factor, password change, logout."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.orgs.models import AuditEvent
from prongsai.orgs.tests.factories import PASSWORD

LOGIN = "/accounts/login/"


def login(client, username, password=PASSWORD, ip="10.0.0.1", **data):
    return client.post(LOGIN, {"username": username, "password": password, **data}, REMOTE_ADDR=ip)


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_login_lands_in_the_staff_area_of_the_only_org(client, org, alice):
    response = login(client, "alice")
    assert response.status_code == 302
    assert response.url == f"/{org.slug}/staff/"
    event = AuditEvent.objects.get(action="login")
    assert event.actor == alice and event.ip_address == "10.0.0.1"


def test_login_follows_a_safe_next_only(client, org, alice):
    assert login(client, "alice", next="/accounts/password/").url == "/accounts/password/"
    client.logout()
    assert login(client, "alice", next="https://evil.example/").url == f"/{org.slug}/staff/"


def test_wrong_password_is_refused_in_thai_and_logged(client, alice):
    response = login(client, "alice", password="wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "ชื่อผู้ใช้" in response.content.decode()  # Django's Thai message names the fields
    event = AuditEvent.objects.get(action="login_failed")
    assert event.detail == {"username": "alice"}
    assert event.target_id == str(alice.pk)


def test_repeated_failures_lock_the_account_from_that_address(client, settings, alice):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, "alice", password="wrong")
    locked = login(client, "alice")  # even the right password is refused now
    assert locked.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="lockout", target_id=str(alice.pk)).exists()
    # The lock is on this username from this address, not on the person everywhere.
    assert login(client, "alice", ip="10.0.0.2").status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, settings, alice):
    settings.AXES_FAILURE_LIMIT = 3
    login(client, "alice", password="wrong")
    login(client, "alice", password="wrong")
    assert login(client, "alice").status_code == 302
    client.logout()
    login(client, "alice", password="wrong")
    login(client, "alice", password="wrong")
    assert login(client, "alice").status_code == 302


def test_password_change(client, alice):
    client.force_login(alice)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer new passphrase",
            "new_password2": "a much longer new passphrase",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a much longer new passphrase")
    assert AuditEvent.objects.filter(action="password_changed", actor=alice).exists()


def test_password_change_refuses_a_weak_password_and_keeps_the_old(client, alice):
    client.force_login(alice)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="password_changed").exists()


def test_logout_is_post_only_and_logged(client, alice):
    client.force_login(alice)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="logout", actor=alice).exists()


@pytest.fixture
def alice_with_otp(alice):
    return TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)


def test_otp_setup_pairs_an_app(client, alice):
    client.force_login(alice)
    page = client.get("/accounts/otp/setup/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=alice, confirmed=False)

    wrong = client.post("/accounts/otp/setup/", {"token": "000000"})
    assert "รหัสไม่ถูกต้อง" in wrong.content.decode()
    # Right after a wrong code the device makes the next guess wait.
    throttled = client.post("/accounts/otp/setup/", {"token": current_token(device)})
    assert "กรุณารอ" in throttled.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()
    assert client.post("/accounts/otp/setup/", {"token": current_token(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="otp_enabled", actor=alice).exists()


def test_otp_setup_refuses_a_malformed_token(client, alice):
    client.force_login(alice)
    client.get("/accounts/otp/setup/")
    response = client.post("/accounts/otp/setup/", {"token": "12ab"})
    assert "ตัวเลข 6 หลัก" in response.content.decode()


def test_login_with_otp_needs_the_second_step(client, org, alice_with_otp):
    response = login(client, "alice")
    assert response.url.startswith("/accounts/otp/?next=")
    # Signed in with the password alone, the staff area still asks for the code.
    staff = client.get(f"/{org.slug}/staff/")
    assert staff.status_code == 302 and staff.url.startswith("/accounts/otp/")

    bad = client.post("/accounts/otp/", {"token": "000000"})
    assert bad.status_code == 200 and "รหัสไม่ถูกต้อง" in bad.content.decode()
    assert AuditEvent.objects.filter(action="otp_failed").exists()

    alice_with_otp.refresh_from_db()
    alice_with_otp.throttle_reset()
    good = client.post(
        "/accounts/otp/",
        {"token": current_token(alice_with_otp), "next": f"/{org.slug}/staff/"},
    )
    assert good.status_code == 302 and good.url == f"/{org.slug}/staff/"
    assert client.get(f"/{org.slug}/staff/").status_code == 200


@pytest.mark.parametrize("path", ["/accounts/", "/accounts/password/", "/accounts/otp/disable/"])
def test_account_pages_need_the_second_factor(client, alice_with_otp, path):
    login(client, "alice")
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/otp/?next=")


def test_admin_needs_the_second_factor_too(client, alice_with_otp):
    alice = alice_with_otp.user
    alice.is_staff = alice.is_superuser = True
    alice.save()
    login(client, "alice")
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/otp/")
    assert "ยืนยันตัวตนขั้นที่สอง" in response.content.decode()


def test_admin_sign_in_goes_through_the_staff_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_otp_disable_needs_the_password(client, alice_with_otp):
    login(client, "alice")
    client.post("/accounts/otp/", {"token": current_token(alice_with_otp)})
    refused = client.post("/accounts/otp/disable/", {"password": "wrong"})
    assert refused.status_code == 200 and "รหัสผ่านไม่ถูกต้อง" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=alice_with_otp.user).exists()
    assert client.post("/accounts/otp/disable/", {"password": PASSWORD}).status_code == 302
    assert not TOTPDevice.objects.filter(user=alice_with_otp.user).exists()
    assert AuditEvent.objects.filter(action="otp_disabled").exists()
