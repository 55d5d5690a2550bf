"""The public site on a real app server: requests per second under load, and page weight.

One gunicorn server (2 workers, as `make run`, after `collectstatic`) serves the demo.
16 clients, each with a connection of its own, fetch a path as fast as the server
answers; rounds of the bare `/hello` view (bench/urls.py, same middleware), the org's
home and its OIT index alternate, so that a slow spell on the machine hits all alike.
Each page prints as a ratio of its median requests per second against hello's.
The clients run on the same cores as the server; their own work per request, the
same for every path, makes the ratios somewhat kinder than a server alone would.
Then headless Chromium loads the home page at 360 px with an empty cache, and the
bytes that crossed the wire (compressed, headers included) are added up.
"""

import http.client
import os
import statistics
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from bench.servers import app_server

THREADS = 16
PER_CLIENT = 50  # requests of each client in a round
ROUNDS = 7
TARGET_RATIO = 0.5
TARGET_KB = 250
BASELINE = ("hello", "/hello")
HOME = "/prasat-thong/"
PAGES = [("home", HOME), ("OIT index", "/prasat-thong/oit/2566/")]


def _label(name: str, path: str) -> str:
    return f"GET {path} ({name})".ljust(42)


class Client:
    """One visitor with a connection of its own; gunicorn's sync workers close it after
    each answer, and http.client opens it again for the next request."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    def get(self, path: str) -> int:
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return 0


def _round(pool: ThreadPoolExecutor, clients: list[Client], path: str) -> tuple[float, int]:
    """Requests per second of every client fetching `path` PER_CLIENT times, and the errors."""

    def run(client: Client) -> int:
        return sum(client.get(path) != 200 for _ in range(PER_CLIENT))

    start = time.perf_counter()
    errors = sum(pool.map(run, clients))
    return len(clients) * PER_CLIENT / (time.perf_counter() - start), errors


def load(url: str) -> int:
    """Print the rps of each page against hello's; return the number of failed requests."""
    clients = [Client(url) for _ in range(THREADS)]
    probe = clients[0]
    targets = [BASELINE]
    for name, path in PAGES:
        status = probe.get(path)
        if status == 404:
            print(f"{_label(name, path)}  skipped (not built yet)")
        elif status != 200:
            raise SystemExit(f"GET {path} answered {status}")
        else:
            targets.append((name, path))
    rps = {path: [] for _, path in targets}
    errors = 0
    with ThreadPoolExecutor(THREADS) as pool:
        for path in rps:  # warm the workers' caches and connections
            _round(pool, clients, path)
        for _ in range(ROUNDS):
            for path in rps:
                value, failed = _round(pool, clients, path)
                rps[path].append(value)
                errors += failed
    baseline = statistics.median(rps[BASELINE[1]])
    print(
        f"{THREADS} clients, {THREADS * PER_CLIENT} requests a round, "
        f"medians of {ROUNDS} interleaved rounds"
    )
    print(f"{_label(*BASELINE)}  1.00x  {baseline:6.0f}/s  (baseline)")
    for name, path in targets[1:]:
        median = statistics.median(rps[path])
        ratio = median / baseline
        verdict = "" if ratio >= TARGET_RATIO else "  BELOW TARGET"
        print(
            f"{_label(name, path)}  {ratio:5.2f}x  {median:6.0f}/s  "
            f"(target ≥ {TARGET_RATIO}){verdict}"
        )
    total = len(rps) * ROUNDS * THREADS * PER_CLIENT
    print(f"responses other than 200: {errors} of {total}")
    return errors


def page_weight(url: str) -> list[str]:
    """Print what loading the home page transfers; return the requests to other hosts."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_FLAGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
        page = context.new_page()
        requests = []
        page.on("requestfinished", lambda request: requests.append(request))
        page.goto(url + HOME, wait_until="networkidle")
        by_type = Counter()
        for request in requests:
            sizes = request.sizes()
            by_type[request.resource_type] += (
                sizes["responseBodySize"] + sizes["responseHeadersSize"]
            )
        elsewhere = [r.url for r in requests if not r.url.startswith((url + "/", "data:", "blob:"))]
        browser.close()
    kb = sum(by_type.values()) / 1024
    verdict = "" if kb < TARGET_KB else "  ABOVE TARGET"
    print(
        f"home page weight: {kb:.0f} KB (target < {TARGET_KB} KB), requests: {len(requests)}, "
        f"other hosts: {', '.join(elsewhere) or 'none'}{verdict}"
    )
    print("  " + ", ".join(f"{kind} {size / 1024:.0f} KB" for kind, size in by_type.most_common()))
    return elsewhere


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-portal-") as data_dir:
        env = {
            **os.environ,
            "DATA_DIR": data_dir,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
        }
        env.pop("DATABASE_URL", None)
        with app_server(env) as url:
            errors = load(url)
            elsewhere = page_weight(url)
    if errors:
        raise SystemExit(f"portal: {errors} requests did not answer 200")
    if elsewhere:
        raise SystemExit("portal: the home page loads from another host")
