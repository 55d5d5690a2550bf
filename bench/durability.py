"""Nothing acknowledged is lost or doubled when the app server is killed mid-request.

Clients send complaints through the public form, and LINE conversations to the
webhook, while the app server is killed with SIGKILL (master and workers at
once, as a crash would) and started again, each time after a given number of
finished submissions. A client that gets no answer, or a 5xx, does what a
citizen pressing "send" again does: it resends the same form with the same
idempotency key until it gets the receipt. A LINE delivery that got no 200 is
redelivered with isRedelivery=true, as LINE does, and some acknowledged ones
are redelivered too. Afterwards every acknowledged submission must be stored
exactly once, with the tracking code its sender was shown, and every LINE
conversation must have had its tracking code from the bot: a process killed
before answering leaves the answer in the outbox, which the sweep sends (a push
once the reply token has expired).

Printed as ratios: the throughput of a run with kills against the same run
without, and the time from a kill to the next receipt against a GET /healthz.
"""

import http.client
import itertools
import json
import re
import statistics
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from bench.servers import AppServer, instance, manage, on_each_database, prepare, rows
from bench.submissions import Citizen
from prongsai.messaging.line.tests.fake_line import (
    PUSH,
    REPLY,
    FakeLine,
    sign,
    text,
    webhook_body,
)

SECRET = "prasat-thong-demo-secret"  # the demo org's channel secret (README)
RETRY_PAUSE = 0.05  # seconds before sending again
WAIT = 120  # seconds: longer than any step of a run should ever take

# The two kinds of LINE conversation: a question (filed by its second message)
# and a complaint (filed by its third, then closed with "เสร็จ").
QUESTION = ("ถามคำถาม", "ขอทราบกำหนดเก็บขยะ")
COMPLAINT = ("แจ้งเรื่อง", "ถนนชำรุด", "ถนนหน้าบ้านเป็นหลุมใหญ่", "เสร็จ")
FILED_BY = {QUESTION: 1, COMPLAINT: 2}


class Tally:
    """What the clients of a run have seen, shared between their threads."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.answered_at: list[float] = []  # when each request was answered
        self.finished = 0  # submissions or conversations completed
        self.disruptions: Counter[str] = Counter()  # requests that got no answer, by why
        self.failure: BaseException | None = None

    def disrupted(self, why: str) -> None:
        with self.changed:
            self.disruptions[why] += 1
            self.changed.notify_all()

    def acknowledge(self) -> None:
        with self.changed:
            self.answered_at.append(time.perf_counter())
            self.changed.notify_all()

    def finish(self) -> None:
        with self.changed:
            self.finished += 1
            self.changed.notify_all()

    def unanswered(self) -> int:
        """Requests that a dead server refused or cut off."""
        return self.disruptions["refused"] + self.disruptions["cut"]

    def fail(self, error: BaseException) -> None:
        with self.changed:
            self.failure = self.failure or error
            self.changed.notify_all()

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        with self.changed:
            if not self.changed.wait_for(lambda: self.failure or condition(), timeout=WAIT):
                raise RuntimeError(f"waited {WAIT} s for {what}")
            if self.failure:
                raise RuntimeError("a client failed") from self.failure


def _why_unanswered(error: Exception) -> str | None:
    """How a request went unanswered by a server that is down or dying; None for an answer."""
    if isinstance(error, urllib.error.HTTPError):
        return "5xx" if error.code >= 500 else None
    if isinstance(error, urllib.error.URLError):  # the request could not be sent
        return "refused" if isinstance(error.reason, ConnectionRefusedError) else "cut"
    return "cut"  # sent, but the answer never came whole: in flight at the kill


def persist(tally: Tally, send: Callable[[bool], object]) -> object:
    """`send(again)` until the server answers; its answer. 4xx and others are failures."""
    again = False
    while True:
        try:
            answer = send(again)
        except (OSError, http.client.HTTPException) as error:
            if (why := _why_unanswered(error)) is None:
                raise
            tally.disrupted(why)
            time.sleep(RETRY_PAUSE)
            again = True
        else:
            tally.acknowledge()
            return answer


@dataclass
class Run:
    jobs: int
    seconds: float
    disruptions: Counter
    # Seconds from each kill to the next acknowledged request.
    recoveries: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.jobs / self.seconds


def storm(
    server: AppServer, job: Callable[[object, Tally], None], clients: list, *, jobs: int, kills: int
) -> Run:
    """Clients do `job(client, tally)` over and over until `jobs` are done, while the
    server is killed `kills` times, evenly spread over the jobs, and restarted.

    Clients take new jobs until the end, so at each kill they are all sending;
    the server restarts only once a request has gone unanswered, so every kill
    disrupted something.
    """
    tally, stop = Tally(), threading.Event()

    def work(client) -> None:
        try:
            while not stop.is_set():
                job(client, tally)
                tally.finish()
        except BaseException as error:
            tally.fail(error)

    threads = [threading.Thread(target=work, args=[client]) for client in clients]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    recoveries = []
    try:
        for n in range(1, kills + 1):
            tally.wait_until(lambda n=n: tally.finished >= jobs * n // (kills + 1), "jobs")
            with tally.changed:
                unanswered = tally.unanswered()
            killed_at = time.perf_counter()
            server.kill()
            tally.wait_until(
                lambda u=unanswered: tally.unanswered() > u, "a request to go unanswered"
            )
            server.start()
            with tally.changed:
                answered = len(tally.answered_at)  # those before are answers sent before the kill
            tally.wait_until(lambda a=answered: len(tally.answered_at) > a, "an answer")
            recoveries.append(tally.answered_at[answered] - killed_at)
        tally.wait_until(lambda: tally.finished >= jobs, "the last jobs")
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    if tally.failure:
        raise RuntimeError("a client failed") from tally.failure
    return Run(tally.finished, time.perf_counter() - start, tally.disruptions, recoveries)


# A case, its code, and whether its timeline starts as every case's does.
CASES = (
    "SELECT c.idempotency_key, c.tracking_code, EXISTS (SELECT 1 FROM inbox_caseevent e "
    "WHERE e.case_id = c.id AND e.kind = 'created') FROM inbox_case c "
)


# Complaints through the public form ---------------------------------------------


class Complaints:
    """Citizens sending the complaint form, each until they get its receipt."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = f"durable-{uuid.uuid4().hex[:8]}"
        self.receipts: dict[str, str] = {}  # idempotency key → tracking code shown

    def clients(self, count: int) -> list[Citizen]:
        return [Citizen(self.url) for _ in range(count)]

    def job(self, citizen: Citizen, tally: Tally) -> None:
        key = f"{self.prefix}-{uuid.uuid4().hex}"

        def send(_again: bool) -> str:
            if (code := citizen.receipt(key)) is None:
                raise AssertionError("the complaint form was refused")
            return code

        self.receipts[key] = persist(tally, send)

    def check(self, env: dict[str, str]) -> dict[str, int]:
        stored, half_saved = defaultdict(list), 0
        for key, code, complete in rows(
            env, CASES + f"WHERE c.idempotency_key LIKE '{self.prefix}-%'"
        ):
            stored[key].append(code)
            half_saved += not complete
        return {
            "acknowledged": len(self.receipts),
            "stored": sum(map(len, stored.values())),
            "lost": sum(key not in stored for key in self.receipts),
            "duplicated": sum(len(codes) - 1 for codes in stored.values()),
            "wrong code": sum(
                stored[key] != [code] for key, code in self.receipts.items() if key in stored
            ),
            "half saved": half_saved,
            # Every client resends until answered, so nothing stored goes unacknowledged.
            "unacknowledged": sum(key not in self.receipts for key in stored),
        }


# LINE conversations through the webhook -----------------------------------------


class Conversations:
    """LINE users talking to the bot; each event is delivered until LINE gets a 200."""

    def __init__(self, url: str, line: FakeLine) -> None:
        self.url = url
        self.line = line
        self.prefix = f"Udurable{uuid.uuid4().hex[:8]}"
        self.counter = itertools.count()
        self.events: dict[str, str] = {}  # webhook event id → user
        self.filed: dict[str, dict] = {}  # user → the event that files their case
        self.redeliveries = 0  # of events already acknowledged

    def clients(self, count: int) -> list[None]:
        return [None] * count

    def _deliver(self, tally: Tally, event: dict, *, redelivery: bool = False) -> None:
        def send(again: bool) -> None:
            context = {"isRedelivery": redelivery or again}
            body = webhook_body({**event, "deliveryContext": context})
            request = urllib.request.Request(
                self.url + "/prasat-thong/line/webhook/",
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "X-Line-Signature": sign(body, SECRET),
                },
            )
            if urllib.request.urlopen(request, timeout=WAIT).status != 200:
                raise AssertionError("the webhook did not answer 200")

        persist(tally, send)

    def job(self, _client: None, tally: Tally) -> None:
        n = next(self.counter)
        user = f"{self.prefix}{n:05d}"
        messages = COMPLAINT if n % 2 else QUESTION
        for position, message in enumerate(messages):
            event = text(message, user=user)
            self.events[event["webhookEventId"]] = user
            if position == FILED_BY[messages]:
                self.filed[user] = event
            self._deliver(tally, event)
            if n % 3 == 0:  # LINE also redelivers some events it had an answer for
                self.redeliveries += 1
                self._deliver(tally, event, redelivery=True)

    def check(self, env: dict[str, str]) -> dict[str, int]:
        events = Counter(
            row[0]
            for row in rows(env, "SELECT webhook_event_id FROM line_webhookevent")
            if row[0] in self.events
        )
        cases = defaultdict(list)  # user → tracking codes of cases filed by their events
        half_saved = 0
        query = CASES + (
            "WHERE c.channel = 'line' AND EXISTS "
            "(SELECT 1 FROM line_linereport r WHERE r.case_id = c.id)"
        )
        for key, code, complete in rows(env, query):
            if (user := self.events.get(key.removeprefix("line-"))) is not None:
                cases[user].append(code)
                half_saved += not complete
        replied = {}  # user → the tracking code the bot's answer to the filing event showed
        tokens = {event["replyToken"]: user for user, event in self.filed.items()}
        # An answer sent after its reply token expired is pushed, with its outbox uuid as retry key.
        pushed_tokens = {
            str(uuid.UUID(str(key))): (json.loads(args) if isinstance(args, str) else args)[1]
            for key, args in rows(
                env,
                "SELECT uuid, args FROM outbox_message "
                "WHERE task = 'prongsai.messaging.line.tasks.send_reply'",
            )
        }
        answers = [(r["body"].get("replyToken"), r) for r in self.line.sent(REPLY)]
        answers += [
            (pushed_tokens.get(r["headers"].get("X-Line-Retry-Key")), r)
            for r in self.line.sent(PUSH)
        ]
        pushed = 0
        for token, request in answers:
            # A request cut off by a kill may have come without its body.
            if (user := tokens.get(token)) is not None:
                answer = request["body"]["messages"][0]["text"]
                shown = re.search(r"\b([0-9A-Z]{4})-([0-9A-Z]{4})\b", answer)
                replied[user] = shown[1] + shown[2] if shown else answer
                pushed += request["path"] == PUSH
        return {
            "conversations": len(self.filed),
            "events": len(self.events),
            "redelivered after a 200": self.redeliveries,
            "stored": events.total(),
            "lost": sum(event not in events for event in self.events),
            "duplicated": sum(count - 1 for count in events.values()),
            "conversations without a case": sum(user not in cases for user in self.filed),
            "duplicated cases": sum(len(codes) - 1 for codes in cases.values()),
            "half saved": half_saved,
            "wrong code": sum(cases.get(user) != [code] for user, code in replied.items()),
            "codes pushed after the reply token expired": pushed,
            "codes never replied": sum(user not in replied for user in self.filed),
        }


def sweep_outbox(env: dict[str, str]) -> None:
    """Run the outbox's sweep as cron or beat runs it a few minutes later (beyond the grace
    period and the lease of an attempt the kill cut short), without waiting for them."""
    sweep = "from prongsai.outbox.tests.clock import sweep_later; sweep_later()"
    manage(env, "shell", "-c", sweep)


# Running it -----------------------------------------------------------------------


@contextmanager
def durable_instance(database_url: str | None = None) -> Iterator[tuple[AppServer, FakeLine, dict]]:
    """A fresh instance served by a killable app server, with a fake LINE to reply to."""
    line = FakeLine()
    try:
        with instance(database_url) as env:
            env |= {"LINE_API_BASE_URL": line.url, "LINE_DATA_API_BASE_URL": line.url}
            # Tasks run in the request (embedded default): a kill is the only fault here.
            env.pop("REDIS_URL", None)
            prepare(env)
            server = AppServer(env)
            server.start()
            try:
                yield server, line, env
            finally:
                server.stop()
    finally:
        line.close()


def healthz_seconds(url: str, count: int = 20) -> float:
    """Median seconds of a GET /healthz: a round trip the server does almost nothing for."""
    seconds = []
    for _ in range(count):
        start = time.perf_counter()
        urllib.request.urlopen(url + "/healthz").read()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


CLIENTS = 8
KILLS = 3
SUBMISSIONS = 300
CONVERSATIONS = 60


def _bench_one(database: str, database_url: str | None) -> bool:
    """Print the figures on one database; False if anything was lost or doubled."""
    sound = True
    with durable_instance(database_url) as (server, line, env):
        healthz = healthz_seconds(server.url)
        for name, load, jobs in (
            ("complaint form", Complaints(server.url), SUBMISSIONS),
            ("LINE conversations", Conversations(server.url, line), CONVERSATIONS),
        ):
            calm = storm(server, load.job, load.clients(CLIENTS), jobs=jobs, kills=0)
            stormy = storm(server, load.job, load.clients(CLIENTS), jobs=jobs, kills=KILLS)
            sweep_outbox(env)
            counts = load.check(env)
            recovery = statistics.median(stormy.recoveries)
            print(
                f"{name}, {jobs} by {CLIENTS} clients, {KILLS} SIGKILLs ({database})  "
                f"{stormy.rate / calm.rate:5.2f}x  "
                f"({stormy.rate:.1f}/s vs {calm.rate:.1f}/s without kills)\n"
                f"  recovery from a kill  {recovery / healthz:5.0f}x  "
                f"({recovery:.2f} s to the next answer vs {healthz * 1e3:.1f} ms GET /healthz)\n"
                f"  unanswered during the kills: {_listed(stormy.disruptions)}\n"
                f"  both runs: {_listed(counts)}"
            )
            faults = {k: v for k, v in counts.items() if k not in INFORMATIVE and v}
            faults |= {f"{k} without kills": v for k, v in calm.disruptions.items()}
            if stormy.disruptions["5xx"]:  # a dead server answers nothing: the app failed
                faults["5xx"] = stormy.disruptions["5xx"]
            if faults:
                print(f"  FAULTS: {_listed(faults)}")
                sound = False
    return sound


# The counts that are not faults.
INFORMATIVE = {
    "acknowledged",
    "stored",
    "conversations",
    "events",
    "redelivered after a 200",
    "codes pushed after the reply token expired",
}


def _listed(counts: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def run() -> None:
    results = []
    on_each_database(lambda database, url: results.append(_bench_one(database, url)))
    if not all(results):
        raise SystemExit("durability: acknowledged submissions were lost or doubled")


if __name__ == "__main__":
    run()
