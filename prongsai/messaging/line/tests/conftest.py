"""The fake LINE platform as a fixture, the org's LINE account, and signed deliveries to it."""

import pytest

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.messaging.line.models import LineAccount
from prongsai.messaging.line.tests.fake_line import FakeLine, sign, webhook_body

SECRET = "test-channel-secret"
TOKEN = "test-access-token"


@pytest.fixture
def fake_line(settings):
    fake = FakeLine()
    settings.LINE_API_BASE_URL = fake.url
    settings.LINE_DATA_API_BASE_URL = fake.url
    yield fake
    fake.close()


@pytest.fixture
def account(org):
    account = LineAccount(org=org, basic_id="@test")
    account.channel_secret = SECRET
    account.access_token = TOKEN
    account.save()
    return account


@pytest.fixture
def road(org):
    return ServiceFactory(org=org, code="road", name="ถนนชำรุด", kind=Service.Kind.COMPLAINT)


@pytest.fixture
def deliver(client, org):
    """POST events to the org's webhook, signed (or not) like LINE does."""

    def post(*events: dict, secret: str = SECRET, signature: str | None = None):
        body = webhook_body(*events)
        headers = {}
        if signature is None:
            headers["HTTP_X_LINE_SIGNATURE"] = sign(body, secret)
        elif signature:
            headers["HTTP_X_LINE_SIGNATURE"] = signature
        return client.post(
            f"/{org.slug}/line/webhook/", body, content_type="application/json", **headers
        )

    return post
