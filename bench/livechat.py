"""Live chat delivery over HTTP on a real app server: 50 chats at the same time.

Each chat has a visitor and an agent whose pages poll for new messages every
second, as the htmx pages do, and who both send a message every few seconds.
Delivery latency is the time from the start of one side's POST until the
other side's poll returns the message. Its p95 is printed as a ratio against
the p95 of bare GET /healthz round trips measured meanwhile on the same
server, then checked against the 2-second target; every message must arrive
exactly once.
"""

import http.cookiejar
import random
import re
import statistics
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field

from bench.servers import app_server, instance, on_each_database

ORG = "prasat-thong"
CHATS = 50
AGENTS = [("pt-officer", "prongsai-demo"), ("pt-admin", "prongsai-demo")]
POLL_EVERY = 1.0  # seconds, as hx-trigger="every 1s"
SEND_EVERY = (2.0, 6.0)  # seconds between one side's messages, uniformly
DURATION = 30.0
DRAIN = 3.0  # the last seconds only poll, so that every message can arrive
TARGET = 2.0

MARKER = re.compile(r"bench:([0-9a-f]{32})")
NEXT_POLL = re.compile(r"\?after=(\d+)\"")
MESSAGE_ID = re.compile(r'id="chat-msg-(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One person's browser: its own cookies and the CSRF token of its last page."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = ""

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.url + path, timeout=30) as response:
            body = response.read().decode()
        if match := CSRF.search(body):
            self.token = match[1]
        return response.status, body

    def post(self, path: str, data: dict[str, str], *, htmx: bool = False) -> str:
        headers = {"Referer": self.url + path}
        if htmx:
            # As the page sends it: the answer is the fresh form, not a redirect.
            headers["HX-Request"] = "true"
        request = urllib.request.Request(
            self.url + path,
            data=urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, **data}).encode(),
            headers=headers,
        )
        with self.opener.open(request, timeout=30) as response:
            return response.read().decode()


def sign_in(url: str, username: str, password: str) -> Browser:
    agent = Browser(url)
    agent.get("/accounts/login/")
    agent.post("/accounts/login/", {"username": username, "password": password})
    agent.get(f"/{ORG}/staff/chat/")
    return agent


@dataclass
class Side:
    """One end of a chat: where it polls, where it posts, what it has seen."""

    browser: Browser
    poll_path: str
    send_path: str
    after: int
    seen: set[str] = field(default_factory=set)  # sent or received by this side
    received: set[str] = field(default_factory=set)


@dataclass
class Ledger:
    """Send and receive times of every message, shared by all threads."""

    sent: dict[str, float] = field(default_factory=dict)
    received: dict[str, float] = field(default_factory=dict)
    duplicates: int = 0
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def open_chat(url: str, n: int, agent: Browser) -> tuple[Side, Side]:
    visitor = Browser(url)
    visitor.get(f"/{ORG}/chat/")
    visitor.post(f"/{ORG}/chat/", {"visitor_name": f"bench-{n}", "text": f"สวัสดีค่ะ {n}"})
    _, page = visitor.get(f"/{ORG}/chat/")
    _, console = agent.get(f"/{ORG}/staff/chat/")
    pk = re.search(
        rf'href="/{ORG}/staff/chat/(\d+)/">\s*<span class="chat-list__who">bench-{n}</span>',
        console,
    )[1]
    agent.post(f"/{ORG}/staff/chat/{pk}/take/", {})
    _, staff_page = agent.get(f"/{ORG}/staff/chat/{pk}/")
    _, page = visitor.get(f"/{ORG}/chat/")
    return (
        Side(visitor, f"/{ORG}/chat/messages/", f"/{ORG}/chat/send/", last_id(page)),
        Side(
            agent,
            f"/{ORG}/staff/chat/{pk}/messages/",
            f"/{ORG}/staff/chat/{pk}/send/",
            last_id(staff_page),
        ),
    )


def last_id(page: str) -> int:
    return max(int(n) for n in MESSAGE_ID.findall(page))


def run_side(me: Side, ledger: Ledger, start: float, stop: float) -> None:
    """One browser tab: poll every second from a random phase, send now and then.

    A poll also returns the tab's own messages; only the other side's count.
    """
    next_poll = start + random.uniform(0, POLL_EVERY)
    next_send = start + random.uniform(*SEND_EVERY)
    while (now := time.perf_counter()) < stop:
        if next_send <= next_poll and next_send < stop - DRAIN:
            time.sleep(max(0.0, next_send - now))
            marker = uuid.uuid4().hex
            me.seen.add(marker)
            with ledger.lock:
                ledger.sent[marker] = time.perf_counter()
            try:
                me.browser.post(me.send_path, {"text": f"bench:{marker} ข้อความ 🙏"}, htmx=True)
            except OSError:
                with ledger.lock:
                    ledger.errors += 1
                    del ledger.sent[marker]
            next_send += random.uniform(*SEND_EVERY)
            continue
        time.sleep(max(0.0, next_poll - now))
        next_poll = max(next_poll + POLL_EVERY, time.perf_counter())
        try:
            status, body = me.browser.get(f"{me.poll_path}?after={me.after}")
        except OSError:
            with ledger.lock:
                ledger.errors += 1
            continue
        if status != 200:
            continue
        arrived = time.perf_counter()
        me.after = max(int(n) for n in NEXT_POLL.findall(body) or MESSAGE_ID.findall(body))
        with ledger.lock:
            for marker in MARKER.findall(body):
                if marker in me.seen:
                    if marker in me.received:
                        ledger.duplicates += 1
                    continue
                me.seen.add(marker)
                me.received.add(marker)
                ledger.received[marker] = arrived


def echo(url: str, stop: float, times: list[float]) -> None:
    browser = Browser(url)
    while time.perf_counter() < stop:
        began = time.perf_counter()
        browser.get("/healthz")
        times.append(time.perf_counter() - began)
        time.sleep(0.2)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def measure(url: str, duration: float) -> tuple[list[float], list[float], Ledger]:
    agents = [sign_in(url, *login) for login in AGENTS]
    chats = [open_chat(url, n, agents[n % len(agents)]) for n in range(CHATS)]
    ledger, echo_times = Ledger(), []
    start = time.perf_counter()
    stop = start + duration
    # Two tabs a chat, the visitor's and the agent's; one more measures the plainest
    # round trip meanwhile.
    threads = [threading.Thread(target=echo, args=(url, stop, echo_times))]
    for side in (side for chat in chats for side in chat):
        threads.append(threading.Thread(target=run_side, args=(side, ledger, start, stop)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = [
        ledger.received[marker] - sent
        for marker, sent in ledger.sent.items()
        if marker in ledger.received
    ]
    return latencies, echo_times, ledger


def run_one(name: str, database_url: str | None, duration: float) -> None:
    with instance(database_url) as env, app_server(env) as url:
        latencies, echo_times, ledger = measure(url, duration)
    lost = len(ledger.sent) - len(latencies)
    subject, baseline = p95(latencies), p95(echo_times)
    verdict = "met" if subject <= TARGET and not lost and not ledger.duplicates else "MISSED"
    print(
        f"live chat delivery p95, {CHATS} chats polling every {POLL_EVERY:g} s ({name})  "
        f"{subject / baseline:5.0f}x  ({subject * 1e3:.0f} ms, median "
        f"{statistics.median(latencies) * 1e3:.0f} ms, max {max(latencies) * 1e3:.0f} ms "
        f"vs {baseline * 1e3:.1f} ms GET /healthz p95); "
        f"{len(ledger.sent)} messages, lost {lost}, duplicated {ledger.duplicates}, "
        f"errors {ledger.errors}; target {TARGET:g} s {verdict}"
    )


def run(duration: float = DURATION) -> None:
    on_each_database(lambda name, database_url: run_one(name, database_url, duration))


if __name__ == "__main__":
    run()
