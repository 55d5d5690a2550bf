"""A fake LINE platform over real HTTP, and webhook events signed like LINE signs them.

Shared by the LINE tests, the topology test and the benchmarks: the app (or its
task workers, in another process) talks to it at LINE_API_BASE_URL.
"""

import base64
import hashlib
import hmac
import io
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

PUSH = "/v2/bot/message/push"
REPLY = "/v2/bot/message/reply"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, "JPEG")
    return out.getvalue()


class FakeLine:
    """Records what the bot sends; can be told to fail the next requests with 500.

    A reply token answers once, as LINE's do; one in `expired_tokens` not at all.
    """

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.failures = 0
        self.expired_tokens: set[str] = set()
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
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
                if self.path == REPLY:
                    with fake.lock:
                        used = body.get("replyToken") in fake.expired_tokens
                        fake.expired_tokens.add(body.get("replyToken"))
                    if used:
                        self._answer(400, b'{"message":"Invalid reply token"}', "application/json")
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
            self.arrived.notify_all()

    def sent(self, path: str) -> list[dict]:
        with self.lock:
            return [r for r in self.requests if r["path"] == path]

    def texts(self, path: str) -> list[str]:
        return [m["text"] for r in self.sent(path) for m in r["body"]["messages"] if "text" in m]

    def wait_for(self, path: str, count: int, timeout: float) -> list[dict]:
        """The requests to `path` once there are `count` of them, or as many as came in time.

        For senders in other processes (task workers), whose requests arrive when they arrive.
        """
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                sent = [r for r in self.requests if r["path"] == path]
                left = deadline - time.monotonic()
                if len(sent) >= count or left <= 0:
                    return sent
                self.arrived.wait(left)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def sign(body: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def webhook_body(*events: dict) -> bytes:
    return json.dumps({"destination": "Ubot", "events": list(events)}).encode()


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
