"""The LINE webhook under load: signed deliveries, redeliveries, nothing lost or doubled.

Each simulated LINE user asks a question in two events; every second event is
also redelivered, as LINE does after a timeout. The time of a round of
deliveries is printed as a ratio against as many GET /healthz on the same
server, then the stored events and cases are counted.
"""

import statistics
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from bench.servers import app_server, instance, rows
from prongsai.messaging.line.tests.fake_line import FakeLine, sign, text, webhook_body

SECRET = "prasat-thong-demo-secret"  # the demo org's channel secret (README)
THREADS = 8
USERS_PER_ROUND = 40
ROUNDS = 5


def _post(url: str, events: list[dict]) -> bool:
    body = webhook_body(*events)
    signature = sign(body, SECRET)
    request = urllib.request.Request(
        url + "/prasat-thong/line/webhook/",
        data=body,
        headers={"Content-Type": "application/json", "X-Line-Signature": signature},
    )
    return urllib.request.urlopen(request).status == 200


def _conversation(url: str) -> tuple[int, list[str]]:
    user = "U" + uuid.uuid4().hex
    ask, question = text("ถามคำถาม", user=user), text("ขอทราบกำหนดเก็บขยะ", user=user)
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
    fake = FakeLine()
    with instance() as env:
        env |= {"LINE_API_BASE_URL": fake.url, "LINE_DATA_API_BASE_URL": fake.url}
        with app_server(env) as url:
            subject, baseline, deliveries, ids = measure(url)
        stored = [row[0] for row in rows(env, "SELECT webhook_event_id FROM line_webhookevent")]
        [(cases,)] = rows(
            env,
            "SELECT count(*) FROM inbox_case WHERE channel='line' AND subject='ขอทราบกำหนดเก็บขยะ'",
        )
    fake.close()
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
