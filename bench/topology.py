"""The production topology under load: two app servers and a Celery worker, PostgreSQL, Redis.

`topology()` starts it as deploy/ does (a throw-away database and Redis database of
its own); the topology test runs a citizen → staff → LINE push flow across it, and
`run()` measures it:

- concurrent citizens submitting complaints, spread over both app servers, as a
  ratio against the same submissions to one of them;
- staff replies to LINE cases until every push has reached the (fake) LINE API
  through the worker, as a ratio against the time the replies themselves took.
"""

import http.cookiejar
import os
import re
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import redis

from bench.servers import AppServer, celery_worker, postgres_database, prepare
from prongsai.messaging.line.tests.fake_line import (
    PUSH,
    FakeLine,
    event,
    sign,
    text,
    webhook_body,
)

ORG = "prasat-thong"
OFFICER, PASSWORD = "pt-officer", "prongsai-demo"  # demo login (README)
LINE_SECRET = "prasat-thong-demo-secret"  # the demo org's channel secret (README)
CLAIM = "prongsai-topology"


@contextmanager
def spare_redis_db(redis_url: str):
    """A Redis URL on the same server as `redis_url` naming an empty database, emptied after.

    The app servers' cache and broker must not meet those of whoever uses
    `redis_url` (the test process itself); an empty database is claimed with a
    key so that two runs at once do not pick the same one.
    """
    mine = redis.Redis.from_url(redis_url)
    count = int(mine.config_get("databases").get("databases", 16))
    taken = mine.connection_pool.connection_kwargs.get("db", 0)
    for number in range(count - 1, -1, -1):
        if number == taken:
            continue
        url = urlsplit(redis_url)._replace(path=f"/{number}").geturl()
        spare = redis.Redis.from_url(url)
        if spare.dbsize() == 0 and spare.set(CLAIM, os.getpid(), nx=True, ex=6 * 3600):
            try:
                yield url
            finally:
                spare.flushdb()
            return
    raise RuntimeError(f"no empty Redis database on {redis_url}")


@dataclass
class Topology:
    env: dict[str, str]
    servers: list[AppServer]
    database_url: str
    redis_url: str
    fake_line: FakeLine
    urls: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.urls = [server.url for server in self.servers]

    def worker(self, concurrency: int = 2):
        return celery_worker(self.env, concurrency=concurrency)

    def queued(self) -> int:
        """Tasks waiting in the broker's default queue."""
        return redis.Redis.from_url(self.redis_url).llen("celery")


@contextmanager
def topology(*, postgres_url: str, redis_url: str, servers: int = 2, workers: int = 2):
    """Serve the demo from `servers` gunicorn processes on one PostgreSQL database and Redis.

    The worker is started by the caller (`Topology.worker()`), so that it can
    see what the web processes queue.
    """
    fake = FakeLine()
    with (
        postgres_database(postgres_url) as database_url,
        spare_redis_db(redis_url) as spare_url,
        tempfile.TemporaryDirectory(prefix="prongsai-topology-") as data_dir,
    ):
        # One DATA_DIR holds the shared SECRET_KEY and uploads, as a shared volume would.
        env = {
            **os.environ,
            "DATA_DIR": data_dir,
            "DATABASE_URL": database_url,
            "REDIS_URL": spare_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LINE_API_BASE_URL": fake.url,
            "LINE_DATA_API_BASE_URL": fake.url,
            # Every citizen of a load test comes from 127.0.0.1.
            "RATE_LIMIT_FACTOR": "1000",
        }
        prepare(env)
        started = [AppServer(env, workers=workers) for _ in range(servers)]
        try:
            for server in started:
                server.start()
            yield Topology(env, started, database_url, spare_url, fake)
        finally:
            for server in started:
                server.stop()
            fake.close()


class Browser:
    """One person's browser: cookies, and the CSRF token of the last form it loaded."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str) -> str:
        return self.opener.open(url, timeout=30).read().decode()

    def post(self, url: str, form: dict, *, token_from: str | None = None) -> str:
        """POST `form` with the CSRF token of the page at `token_from` (default: `url`)."""
        page = self.get(token_from or url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **form}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            self.last_url = response.geturl()
            return response.read().decode()


class Staff(Browser):
    """A case officer working the inbox through any of the app servers."""

    def sign_in(self, server: str, username: str = OFFICER, password: str = PASSWORD) -> None:
        self.post(f"{server}/accounts/login/", {"username": username, "password": password})
        if "/staff/" not in self.last_url:
            raise RuntimeError(f"{username} could not sign in on {server}")

    def find_case(self, server: str, words: str) -> str:
        """The tracking code of the one case the inbox search finds for `words`."""
        query = urllib.parse.urlencode({"q": words})
        page = self.get(f"{server}/{ORG}/staff/cases/?{query}")
        [code] = set(re.findall(rf'href="/{ORG}/staff/cases/([0-9A-Z]+)/"', page))
        return code

    def act(self, server: str, code: str, action: str, form: dict) -> None:
        case = f"{server}/{ORG}/staff/cases/{code}/"
        page = self.post(f"{case}{action}/", form, token_from=case)
        if "บันทึกแล้ว" not in page:
            raise RuntimeError(f"{action} on {code} was not saved")


class LineUser:
    """A citizen chatting with the org's LINE OA; LINE posts their events to a server."""

    def __init__(self) -> None:
        self.id = "U" + uuid.uuid4().hex

    def send(self, server: str, *events: dict) -> None:
        body = webhook_body(*events)
        request = urllib.request.Request(
            f"{server}/{ORG}/line/webhook/",
            data=body,
            headers={
                "Content-Type": "application/json",
                "X-Line-Signature": sign(body, LINE_SECRET),
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise RuntimeError(f"the webhook answered {response.status}")

    def complain(self, server: str, details: str) -> None:
        """Report a broken road in the three steps the bot asks for."""
        self.send(server, text("แจ้งเรื่อง", user=self.id))
        self.send(server, event(kind="postback", postback={"data": "service=road"}, user=self.id))
        self.send(server, text(details, user=self.id))


# The benchmark --------------------------------------------------------------------------

CITIZENS = 8  # at a time
SUBMISSIONS = 48
REPLIES = 24
ROUNDS = 3


class Citizen(Browser):
    """Opens the complaint form on its server and sends it, as often as told."""

    def __init__(self, server: str) -> None:
        super().__init__()
        self.url = f"{server}/{ORG}/complain/"
        self.road = re.search(r'<option value="(\d+)"[^>]*>ถนนชำรุด', self.get(self.url))[1]

    def submit(self, key: str) -> None:
        form = {"service": self.road, "subject": "ทดสอบภาระ", "text": key, "idempotency_key": key}
        self.post(self.url, form)
        if "/track/" not in self.last_url:
            raise RuntimeError("a complaint was not acknowledged")


def _submit_all(citizens: list[Citizen]) -> float:
    """Seconds for SUBMISSIONS complaints, CITIZENS at a time, each citizen on its server."""
    start = time.perf_counter()
    with ThreadPoolExecutor(len(citizens)) as pool:
        list(
            pool.map(
                lambda n: citizens[n % len(citizens)].submit(f"topology-{uuid.uuid4().hex}"),
                range(SUBMISSIONS),
            )
        )
    return time.perf_counter() - start


def _replies_until_pushed(top: Topology, staff: Staff, codes: list[str]) -> tuple[float, float]:
    """Seconds for staff to reply to every case, and until every push reached LINE."""
    before = len(top.fake_line.sent(PUSH))
    start = time.perf_counter()
    with ThreadPoolExecutor(CITIZENS) as pool:
        list(
            pool.map(
                lambda n: staff.act(
                    top.urls[n % 2], codes[n], "reply", {"reply-text": f"ตอบกลับ {n}"}
                ),
                range(len(codes)),
            )
        )
    replied = time.perf_counter() - start
    arrived = top.fake_line.wait_for(PUSH, before + len(codes), timeout=120)
    if len(arrived) < before + len(codes):
        raise RuntimeError("LINE pushes were lost")
    return replied, time.perf_counter() - start


def run() -> None:
    postgres = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        with topology(postgres_url=postgres, redis_url=redis_url) as top, top.worker():
            both = [Citizen(top.urls[n % 2]) for n in range(CITIZENS)]
            one = [Citizen(top.urls[0]) for _ in range(CITIZENS)]
            spread, single = [], []
            for _ in range(ROUNDS):
                spread.append(_submit_all(both))
                single.append(_submit_all(one))

            staff = Staff()
            staff.sign_in(top.urls[1])
            citizens = [LineUser() for _ in range(REPLIES)]
            with ThreadPoolExecutor(CITIZENS) as pool:
                list(
                    pool.map(
                        lambda n: citizens[n].complain(top.urls[n % 2], f"หลุม {citizens[n].id}"),
                        range(REPLIES),
                    )
                )
            codes = [staff.find_case(top.urls[0], citizen.id) for citizen in citizens]
            replied, pushed = zip(
                *(_replies_until_pushed(top, staff, codes) for _ in range(ROUNDS)), strict=True
            )
    except (OSError, redis.ConnectionError) as error:  # no PostgreSQL or Redis here
        print(f"topology skipped: {error}")
        return
    spread, single = statistics.median(spread), statistics.median(single)
    replied, pushed = statistics.median(replied), statistics.median(pushed)
    print(
        f"submit {SUBMISSIONS} complaints, {CITIZENS} at a time, over 2 app servers vs 1  "
        f"{spread / single:5.2f}x  ({SUBMISSIONS / spread:.0f}/s vs {SUBMISSIONS / single:.0f}/s)"
    )
    print(
        f"{REPLIES} staff replies until their LINE pushes arrive via the worker  "
        f"{pushed / replied:5.2f}x  ({pushed * 1e3:.0f} ms vs {replied * 1e3:.0f} ms "
        f"for the replies alone)"
    )


if __name__ == "__main__":
    run()
