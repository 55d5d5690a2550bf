"""The LINE webhook under load: signed deliveries, redeliveries, nothing lost or doubled.

Each simulated LINE user asks a question in two events; every second event is
also redelivered, as LINE does after a timeout. The time of a round of
deliveries is printed as a ratio against as many GET /healthz on the same
server, then the stored events and cases are counted.
"""

import base64
import hashlib
import hmac
import json
import os
import sqlite3
import statistics
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.servers import app_server

SECRET = "prasat-thong-demo-secret"  # the demo org's channel secret (README)
THREADS = 8
USERS_PER_ROUND = 40
ROUNDS = 5


class _FakeLine(BaseHTTPRequestHandler):
    """Accepts the bot's replies, as LINE would, so the server has somewhere to send them."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        sent = [{"id": str(n), "quoteToken": "q"} for n, _ in enumerate(body.get("messages", []))]
        answer = json.dumps({"sentMessages": sent}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


def _event(user: str, text: str) -> dict:
    return {
        "type": "message",
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user},
        "webhookEventId": uuid.uuid4().hex.upper()[:26],
        "deliveryContext": {"isRedelivery": False},
        "replyToken": uuid.uuid4().hex,
        "message": {"id": uuid.uuid4().hex[:18], "type": "text", "text": text, "quoteToken": "q"},
    }


def _post(url: str, events: list[dict]) -> bool:
    body = json.dumps({"destination": "Ubench", "events": events}).encode()
    signature = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    request = urllib.request.Request(
        url + "/prasat-thong/line/webhook/",
        data=body,
        headers={"Content-Type": "application/json", "X-Line-Signature": signature},
    )
    return urllib.request.urlopen(request).status == 200


def _conversation(url: str) -> tuple[int, list[str]]:
    user = "U" + uuid.uuid4().hex
    ask, question = _event(user, "ถามคำถาม"), _event(user, "ขอทราบกำหนดเก็บขยะ")
    _post(url, [ask])
    _post(url, [question])
    _post(url, [{**question, "deliveryContext": {"isRedelivery": True}}])
    return 3, [ask["webhookEventId"], question["webhookEventId"]]


def measure(url: str) -> tuple[float, float, int, list[str]]:
    subject, baseline, deliveries, ids = [], [], 0, []
    with ThreadPoolExecutor(THREADS) as pool:
        for _ in range(ROUNDS):
            start = time.perf_counter()
            for posted, event_ids in pool.map(lambda _: _conversation(url), range(USERS_PER_ROUND)):
                deliveries += posted
                ids += event_ids
            subject.append(time.perf_counter() - start)
            start = time.perf_counter()
            list(
                pool.map(
                    lambda _: urllib.request.urlopen(url + "/healthz").read(),
                    range(USERS_PER_ROUND * 3),
                )
            )
            baseline.append(time.perf_counter() - start)
    return statistics.median(subject), statistics.median(baseline), deliveries, ids


def run() -> None:
    fake = ThreadingHTTPServer(("127.0.0.1", 0), _FakeLine)
    threading.Thread(target=fake.serve_forever, daemon=True).start()
    fake_url = f"http://127.0.0.1:{fake.server_address[1]}"
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-line-") as data_dir:
        env = {**os.environ, "DATA_DIR": data_dir, "ALLOWED_HOSTS": "127.0.0.1"}
        env |= {"LINE_API_BASE_URL": fake_url, "LINE_DATA_API_BASE_URL": fake_url}
        env.pop("DATABASE_URL", None)
        with app_server(env) as url:
            subject, baseline, deliveries, ids = measure(url)
        with sqlite3.connect(Path(data_dir) / "prongsai.sqlite3") as db:
            stored = [
                row[0] for row in db.execute("SELECT webhook_event_id FROM line_webhookevent")
            ]
            cases = db.execute(
                "SELECT count(*) FROM inbox_case WHERE channel='line' AND subject=?",
                ["ขอทราบกำหนดเก็บขยะ"],
            ).fetchone()[0]
    fake.shutdown()
    lost = set(ids) - set(stored)
    doubled = len(stored) - len(set(stored))
    users = USERS_PER_ROUND * ROUNDS
    print(
        f"LINE webhook, {USERS_PER_ROUND} users x 3 signed deliveries, {THREADS} at a time  "
        f"{subject / baseline:5.2f}x  ({USERS_PER_ROUND * 3 / subject:.0f}/s vs "
        f"{USERS_PER_ROUND * 3 / baseline:.0f}/s GET /healthz); deliveries {deliveries}, "
        f"events {len(ids)} stored {len(set(stored))}, lost {len(lost)}, doubled {doubled}, "
        f"cases {cases} of {users}"
    )
    if lost or doubled or cases != users:
        raise SystemExit("LINE events were lost or doubled")


if __name__ == "__main__":
    run()
