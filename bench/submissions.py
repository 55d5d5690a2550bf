"""Complaints submitted over HTTP to a real app server, on SQLite and on PostgreSQL.

Prints the time of a batch of concurrent submissions as a ratio against the
same number of concurrent GET /healthz on the same server (the plainest
request it serves), then checks that every acknowledged submission is stored
exactly once.
"""

import http.cookiejar
import queue
import re
import statistics
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from bench.servers import app_server, instance, on_each_database, rows

THREADS = 8
PER_ROUND = 40
ROUNDS = 5


class Citizen:
    """One browser: its own cookies, a CSRF token, and a form to fill."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = self.opener.open(f"{url}/prasat-thong/complain/").read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        self.service = re.search(r'<option value="(\d+)"[^>]*>ถนนชำรุด', page)[1]

    def submit(self, key: str) -> bool:
        return self.receipt(key) is not None

    def receipt(self, key: str) -> str | None:
        """Send the form with `key`; the tracking code of the receipt page, if it was reached."""
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "service": self.service,
                "subject": "ทดสอบภาระ",
                "text": "หลุมบนถนน",
                "idempotency_key": key,
            }
        ).encode()
        request = urllib.request.Request(
            f"{self.url}/prasat-thong/complain/",
            data=data,
            headers={"Referer": f"{self.url}/prasat-thong/complain/"},
        )
        # The receipt page, reached by the redirect, is the acknowledgement.
        receipt = re.search(r"/track/([^/]+)/", self.opener.open(request).geturl())
        return receipt[1] if receipt else None

    def healthz(self, _key: str) -> bool:
        return self.opener.open(f"{self.url}/healthz").status == 200


def _batch(pool, clients: queue.Queue, action: str, keys: list[str]) -> tuple[float, list[str]]:
    def one(key: str) -> bool:
        client = clients.get()  # each client (a browser) does one thing at a time
        try:
            return getattr(client, action)(key)
        finally:
            clients.put(client)

    start = time.perf_counter()
    results = list(pool.map(one, keys))
    return time.perf_counter() - start, [k for k, ok in zip(keys, results, strict=True) if ok]


def measure(make_client: Callable[[], object], action: str) -> tuple[float, float, list[str]]:
    """Median seconds of a round of `action` and of GET /healthz, and the acknowledged keys.

    Each client has an `action(key) -> bool` (True when acknowledged) and `healthz`.
    """
    clients = queue.Queue()
    for _ in range(THREADS):
        clients.put(make_client())
    acknowledged, subject, baseline = [], [], []
    with ThreadPoolExecutor(THREADS) as pool:
        for _ in range(ROUNDS):
            keys = [f"bench-{uuid.uuid4().hex}" for _ in range(PER_ROUND)]
            seconds, acked = _batch(pool, clients, action, keys)
            subject.append(seconds)
            acknowledged += acked
            baseline.append(_batch(pool, clients, "healthz", keys)[0])
    return statistics.median(subject), statistics.median(baseline), acknowledged


def load_test(
    *,
    what: str,
    database: str,
    database_url: str | None,
    make_client: Callable[[str], object],
    action: str,
    stored_query: str,
) -> None:
    """Serve a fresh instance, run the rounds, and check every acknowledged key is stored once."""
    with instance(database_url) as env:
        with app_server(env) as url:
            subject, baseline, acknowledged = measure(lambda: make_client(url), action)
        stored = [row[0] for row in rows(env, stored_query)]
    lost = set(acknowledged) - set(stored)
    duplicated = len(stored) - len(set(stored))
    print(
        f"{what} {PER_ROUND} times, {THREADS} at a time ({database})  {subject / baseline:5.2f}x  "
        f"({PER_ROUND / subject:.0f}/s vs {PER_ROUND / baseline:.0f}/s GET /healthz); "
        f"acknowledged {len(acknowledged)}, stored {len(stored)}, "
        f"lost {len(lost)}, duplicated {duplicated}"
    )
    if lost or duplicated:
        raise SystemExit(f"{what}: acknowledged submissions were lost or duplicated")


def run() -> None:
    on_each_database(
        lambda database, database_url: load_test(
            what="submit a complaint",
            database=database,
            database_url=database_url,
            make_client=Citizen,
            action="submit",
            stored_query=(
                "SELECT idempotency_key FROM inbox_case WHERE idempotency_key LIKE 'bench-%'"
            ),
        )
    )


if __name__ == "__main__":
    run()
