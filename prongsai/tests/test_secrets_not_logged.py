"""No secret reaches a log record or an error report, whatever the log level.

Every log record of the root logger at DEBUG is kept (message, arguments and
traceback) while passwords, TOTP codes, LINE and
Messenger secrets, API tokens and Open311 keys go through the app, on the
happy path and on the error paths that log. Forced exceptions in views that
hold a secret in POST, GET or a header show that the e-mailed error report
hides it too.
"""

import base64
import hashlib
import hmac
import json
import logging
import time
import uuid

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from prongsai.eservices.open311 import keys
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.messenger.models import MessengerPage
from prongsai.orgs import tokens
from prongsai.orgs.models import Membership
from prongsai.orgs.tests.factories import PASSWORD
from prongsai.orgs.views import accounts

LINE_SECRET = "line-channel-secret-" + uuid.uuid4().hex
LINE_TOKEN = "line-access-token-" + uuid.uuid4().hex
FB_SECRET = "fb-app-secret-" + uuid.uuid4().hex
FB_TOKEN = "fb-page-token-" + uuid.uuid4().hex
FB_VERIFY = "fb-verify-token-" + uuid.uuid4().hex
WRONG_PASSWORD = "wrong-password-" + uuid.uuid4().hex
NEW_PASSWORD = "new-password-" + uuid.uuid4().hex
# Nothing listens here: every call to LINE or Facebook fails, and failures are logged.
DEAD_URL = "http://127.0.0.1:9"


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        parts = [record.getMessage(), repr(record.args)]
        if record.exc_info:
            parts.append(logging.Formatter().formatException(record.exc_info))
        self.texts.append("\n".join(parts))


@pytest.fixture
def logs():
    root = logging.getLogger()
    handler, level = Everything(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


def assert_not_in(texts: list[str], *secrets: str) -> None:
    assert texts, "something was logged: the test watches the right place"
    for text in texts:
        for secret in secrets:
            assert secret not in text


@pytest.fixture
def dead_platforms(settings):
    settings.LINE_API_BASE_URL = DEAD_URL
    settings.LINE_DATA_API_BASE_URL = DEAD_URL
    settings.MESSENGER_GRAPH_URL = DEAD_URL


# Signing in ---------------------------------------------------------------------------------


def test_passwords_at_sign_in(client, alice, logs):
    client.post("/accounts/login/", {"username": "alice", "password": WRONG_PASSWORD})
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert_not_in(logs.texts, WRONG_PASSWORD, PASSWORD)


def test_totp_codes_and_keys(client, alice, logs):
    device = TOTPDevice.objects.create(user=alice, name="app", confirmed=True)
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    client.post("/accounts/otp/", {"token": wrong})
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    assert client.post("/accounts/otp/", {"token": code}).status_code == 302
    assert_not_in(logs.texts, PASSWORD, wrong, code, device.key)


def test_password_change_and_reset(client, org, alice, make_member, logs):
    client.force_login(alice)
    client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    member = make_member(org, Membership.Role.STAFF, "somchai")
    alice.refresh_from_db()  # the new password's hash keeps the session valid
    client.force_login(alice)
    page = client.post(f"/{org.slug}/staff/members/{member.pk}/password/")
    assert page.status_code == 200
    given = page.context["password"]
    assert_not_in(logs.texts, PASSWORD, NEW_PASSWORD, given)


# Integrations -------------------------------------------------------------------------------


def line_body() -> str:
    event = {
        "type": "message",
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": "U" + uuid.uuid4().hex},
        "webhookEventId": uuid.uuid4().hex,
        "deliveryContext": {"isRedelivery": False},
        "replyToken": "reply-" + uuid.uuid4().hex,
        "message": {"id": "1", "type": "text", "text": "ถนนพัง", "quoteToken": "q"},
    }
    return json.dumps({"destination": "U0", "events": [event]})


def line_signature(body: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def test_line_webhook_secret_token_and_signature(client, org, alice, dead_platforms, logs):
    client.force_login(alice)
    client.post(
        f"/{org.slug}/line/settings/",
        {"basic_id": "@alice", "channel_secret": LINE_SECRET, "access_token": LINE_TOKEN},
    )
    account = LineAccount.objects.get(org=org)
    assert account.access_token == LINE_TOKEN  # stored, and encrypted at rest:
    assert LINE_TOKEN not in account.access_token_encrypted
    body = line_body()
    signature = line_signature(body, LINE_SECRET)
    url = f"/{org.slug}/line/webhook/"
    sent = client.post(url, body, content_type="application/json", HTTP_X_LINE_SIGNATURE=signature)
    assert sent.status_code == 200
    forged = line_signature(body, "not-the-secret")
    client.post(url, body, content_type="application/json", HTTP_X_LINE_SIGNATURE=forged)
    ciphertexts = [account.channel_secret_encrypted, account.access_token_encrypted]
    assert_not_in(logs.texts, LINE_SECRET, LINE_TOKEN, signature, forged, *ciphertexts)


def test_messenger_secret_token_and_signature(
    client, org, dead_platforms, logs, django_capture_on_commit_callbacks
):
    page = MessengerPage(org=org, page_id="1001", verify_token=FB_VERIFY)
    page.app_secret, page.page_token = FB_SECRET, FB_TOKEN
    page.save()
    url = f"/{org.slug}/messenger/webhook/"
    client.get(url, {"hub.mode": "subscribe", "hub.verify_token": FB_VERIFY, "hub.challenge": "1"})
    client.get(url, {"hub.mode": "subscribe", "hub.verify_token": FB_VERIFY + "x"})
    message = {
        "sender": {"id": "PSID1"},
        "recipient": {"id": "1001"},
        "timestamp": int(time.time() * 1000),
        "message": {"mid": "m_" + uuid.uuid4().hex, "text": "ไฟดับ"},
    }
    body = json.dumps({"object": "page", "entry": [{"id": "1001", "messaging": [message]}]})
    mac = hmac.new(FB_SECRET.encode(), body.encode(), hashlib.sha256).hexdigest()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=f"sha256={mac}"
        )
    client.post(url, body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256="sha256=00")
    assert_not_in(logs.texts, FB_SECRET, FB_TOKEN, FB_VERIFY, mac)


def test_api_tokens_in_the_authorization_header(client, org, alice, logs):
    _token, raw = tokens.issue_token(user=alice, label="script")
    for header in [f"Bearer {raw}", f"Bearer {raw}x", f"Token {raw}"]:
        client.get(f"/api/v1/orgs/{org.slug}/cases/", HTTP_AUTHORIZATION=header)
    client.get("/api/v1/orgs/no-such-org/cases/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert_not_in(logs.texts, raw)


def test_open311_keys_in_query_strings_and_forms(client, org, alice, logs):
    ServiceFactory(org=org, code="road")
    _key, raw = keys.issue_key(org=org, name="app", actor=alice)
    root = f"/{org.slug}/open311/v2"
    client.get(f"{root}/requests.json", {"api_key": raw, "status": "nonsense"})
    client.get(f"{root}/requests/NOPE.json", {"api_key": raw})
    client.post(f"{root}/requests.json", {"api_key": raw, "service_code": "road"})
    client.post(f"{root}/requests.json", {"api_key": raw + "x", "service_code": "road"})
    assert_not_in(logs.texts, raw)


# Error reports ------------------------------------------------------------------------------


@pytest.fixture
def error_mail(settings):
    """Errors answer 500 (not raised into the test) and are e-mailed to the admins."""
    settings.ADMINS = [("Admin", "admin@example.com")]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False


def broken(*args, **kwargs):
    raise RuntimeError("something broke")


def report_texts(logs) -> list[str]:
    assert mail.outbox, "the error was e-mailed"
    texts = list(logs.texts)
    for message in mail.outbox:
        texts += [message.subject, message.body, *(body for body, _type in message.alternatives)]
    return texts


def test_a_crash_at_sign_in_reports_no_password(client, alice, error_mail, logs, monkeypatch):
    monkeypatch.setattr(accounts.LoginView, "get_success_url", broken)
    client.raise_request_exception = False
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 500
    texts = report_texts(logs)
    assert any("something broke" in text for text in texts)
    assert_not_in(texts, PASSWORD)


def test_a_crash_with_secrets_in_post_get_and_headers_reports_none(
    client, org, alice, error_mail, logs, monkeypatch
):
    from prongsai.messaging.line import services as line_services

    monkeypatch.setattr(line_services, "configure_account", broken)
    client.force_login(alice)
    client.raise_request_exception = False
    api_token = "prongsai_" + uuid.uuid4().hex
    response = client.post(
        f"/{org.slug}/line/settings/?api_key={LINE_TOKEN}x&page=2",
        {"basic_id": "@alice", "channel_secret": LINE_SECRET, "access_token": LINE_TOKEN},
        HTTP_AUTHORIZATION=f"Bearer {api_token}",
        HTTP_X_LINE_SIGNATURE=FB_SECRET,
    )
    assert response.status_code == 500
    texts = report_texts(logs)
    assert any("@alice" in text for text in texts), "the report still shows what is not secret"
    assert_not_in(texts, LINE_SECRET, LINE_TOKEN, api_token, FB_SECRET)


def test_a_crash_in_open311_reports_no_key(client, org, alice, error_mail, logs, monkeypatch):
    from prongsai.eservices.open311 import service_requests

    ServiceFactory(org=org, code="road")
    _key, raw = keys.issue_key(org=org, name="app", actor=alice)
    monkeypatch.setattr(service_requests, "file_request", broken)
    client.raise_request_exception = False
    data = {"api_key": raw, "service_code": "road", "address_string": "หน้าวัด"}
    response = client.post(f"/{org.slug}/open311/v2/requests.json", data)
    assert response.status_code == 500
    assert_not_in(report_texts(logs), raw)


def test_credentials_in_urls_are_hidden_from_the_settings_in_reports(settings):
    from prongsai.exception_reports import ExceptionReporterFilter

    settings.CELERY_BROKER_URL = "redis://:hunter2-secret@redis.internal:6379/0"
    safe = ExceptionReporterFilter().get_safe_settings()
    assert "hunter2-secret" not in safe["CELERY_BROKER_URL"]
    assert safe["CELERY_BROKER_URL"].endswith("@redis.internal:6379/0")
