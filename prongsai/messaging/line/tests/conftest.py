"""A fake LINE platform over real HTTP, and webhook bodies signed like LINE signs them."""

import base64
import hashlib
import hmac
import io
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from prongsai.eservices.models import Service
from prongsai.eservices.tests.factories import ServiceFactory
from prongsai.messaging.line.models import LineAccount

SECRET = "test-channel-secret"
TOKEN = "test-access-token"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, "JPEG")
    return out.getvalue()


class FakeLine:
    """Records what the bot sends; can be told to fail the next requests with 500."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.failures = 0
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                fake.record(self, None)
                if self.path.endswith("/content"):
                    self._answer(200, jpeg(), "image/jpeg")
                else:
                    self._answer(404, b"{}", "application/json")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake.lock:
                    failing = fake.failures > 0
                    fake.failures -= failing
                if failing:
                    self._answer(500, b'{"message":"fake outage"}', "application/json")
                    return
                fake.record(self, body)
                sent = [
                    {"id": str(n), "quoteToken": "q"}
                    for n, _ in enumerate(body.get("messages", []))
                ]
                self._answer(200, json.dumps({"sentMessages": sent}).encode(), "application/json")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def record(self, handler, body) -> None:
        with self.lock:
            self.requests.append(
                {
                    "method": handler.command,
                    "path": handler.path,
                    "headers": dict(handler.headers),
                    "body": body,
                }
            )

    def sent(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]

    def texts(self, path: str) -> list[str]:
        return [m["text"] for r in self.sent(path) for m in r["body"]["messages"]]


@pytest.fixture
def fake_line(settings):
    fake = FakeLine()
    settings.LINE_API_BASE_URL = fake.url
    settings.LINE_DATA_API_BASE_URL = fake.url
    yield fake
    fake.server.shutdown()


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


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def event(
    message: dict | None = None, *, user: str = "U1234", kind: str = "message", **extra
) -> dict:
    """One webhook event as LINE sends it."""
    data = {
        "type": kind,
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user},
        "webhookEventId": uuid.uuid4().hex.upper()[:26],
        "deliveryContext": {"isRedelivery": False},
        "replyToken": uuid.uuid4().hex,
        **extra,
    }
    if message is not None:
        data["message"] = {"id": str(uuid.uuid4().int)[:18], "quoteToken": "q", **message}
    return data


def text(value: str, **extra) -> dict:
    return event({"type": "text", "text": value}, **extra)


@pytest.fixture
def deliver(client, org):
    """POST events to the org's webhook, signed (or not) like LINE does."""

    def post(*events: dict, secret: str = SECRET, signature: str | None = None):
        body = json.dumps({"destination": "Ubot", "events": list(events)}).encode()
        headers = {}
        if signature is None:
            headers["HTTP_X_LINE_SIGNATURE"] = sign(body, secret)
        elif signature:
            headers["HTTP_X_LINE_SIGNATURE"] = signature
        return client.post(
            f"/{org.slug}/line/webhook/", body, content_type="application/json", **headers
        )

    return post
