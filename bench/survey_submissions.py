"""Survey answers submitted over HTTP to a real app server, none lost.

Each submission is a phone that opened the QR code's page: the time of a batch
of concurrent answers is printed as a ratio against the same number of
concurrent GET /healthz on the same server, then every acknowledged answer
(the thanks page reached) is looked up in the database.
"""

import http.cookiejar
import json
import os
import re
import sqlite3
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.submissions import app_server, postgres_database

THREADS = 8
PER_ROUND = 40
ROUNDS = 5
SURVEY_TITLE = "แบบประเมินความพึงพอใจต่อการให้บริการขององค์การบริหารส่วนตำบลปราสาททอง"


class Phone:
    """One respondent's browser; its "answered" cookie is dropped after each answer."""

    def __init__(self, url: str, survey_url: str) -> None:
        self.url = url
        self.survey_url = survey_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        page = self.opener.open(survey_url).read().decode()
        self.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        self.likert = sorted(set(re.findall(r'name="(q\d+)" value="5"', page)))

    def answer(self, token: str) -> bool:
        fields = [("csrfmiddlewaretoken", self.csrf), ("token", token)]
        fields += [(name, "4") for name in self.likert]
        request = urllib.request.Request(
            self.survey_url,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Referer": self.survey_url},
        )
        acknowledged = self.opener.open(request).geturl().endswith("/thanks/")
        for cookie in [c for c in self.cookies if c.name.startswith("answered-")]:
            self.cookies.clear(cookie.domain, cookie.path, cookie.name)
        return acknowledged

    def healthz(self, _token: str) -> bool:
        return self.opener.open(f"{self.url}/healthz").status == 200


def _survey_url(url: str) -> str:
    home = urllib.request.urlopen(f"{url}/api/v1/orgs/prasat-thong/surveys/").read().decode()
    survey = next(s for s in json.loads(home) if s["title"] == SURVEY_TITLE)
    return f"{url}/prasat-thong/surveys/{survey['id']}/"


def _batch(pool, phones, action: str, tokens: list[str]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    results = list(
        pool.map(lambda i: getattr(phones[i % THREADS], action)(tokens[i]), range(len(tokens)))
    )
    return time.perf_counter() - start, [t for t, ok in zip(tokens, results, strict=True) if ok]


def measure(url: str) -> tuple[float, float, list[str]]:
    survey_url = _survey_url(url)
    phones = [Phone(url, survey_url) for _ in range(THREADS)]
    acknowledged, subject, baseline = [], [], []
    with ThreadPoolExecutor(THREADS) as pool:
        for _ in range(ROUNDS):
            tokens = [f"bench-{uuid.uuid4().hex}" for _ in range(PER_ROUND)]
            seconds, acked = _batch(pool, phones, "answer", tokens)
            subject.append(seconds)
            acknowledged += acked
            baseline.append(_batch(pool, phones, "healthz", tokens)[0])
    return statistics.median(subject), statistics.median(baseline), acknowledged


def stored_tokens(database_url: str | None, data_dir: str) -> list[str]:
    query = "SELECT token FROM surveys_response WHERE token LIKE 'bench-%'"
    if database_url:
        import psycopg

        with psycopg.connect(database_url) as connection:
            return [row[0] for row in connection.execute(query)]
    with sqlite3.connect(Path(data_dir) / "prongsai.sqlite3") as connection:
        return [row[0] for row in connection.execute(query)]


def run_one(name: str, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-survey-") as data_dir:
        env = {**os.environ, "DATA_DIR": data_dir, "ALLOWED_HOSTS": "127.0.0.1"}
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        with app_server(env) as url:
            subject, baseline, acknowledged = measure(url)
        stored = stored_tokens(database_url, data_dir)
    lost = set(acknowledged) - set(stored)
    duplicated = len(stored) - len(set(stored))
    print(
        f"answer a survey {PER_ROUND} times, {THREADS} at a time ({name})  "
        f"{subject / baseline:5.2f}x  ({PER_ROUND / subject:.0f}/s vs "
        f"{PER_ROUND / baseline:.0f}/s GET /healthz); acknowledged {len(acknowledged)}, "
        f"stored {len(stored)}, lost {len(lost)}, duplicated {duplicated}"
    )
    if lost or duplicated:
        raise SystemExit("survey answers were lost or duplicated")


def run() -> None:
    run_one("SQLite", None)
    postgres = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    try:
        with postgres_database(postgres) as database_url:
            run_one("PostgreSQL", database_url)
    except OSError as error:
        print(f"PostgreSQL skipped: {error}")
