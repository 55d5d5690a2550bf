"""One org's pages as the instance grows from 5 orgs to 500, on PostgreSQL and on SQLite.

`scale_data` makes 5 orgs with 20,000 cases (1x) and the pages of the first org
are timed; more orgs are then added, up to 500 with 2,000,000 cases (100x), and
the same org's pages are timed again. Each org has the same data at every size,
so a page that reads only its org's rows through an index costs the same: the
ratio of its time at Nx to its time at 1x stays near 1. Each time is also shown
against GET /healthz measured in the same rounds, and at the largest size the
plan of every query that reads cases, timelines or survey responses is printed,
with any step that reads a table beyond one org's rows.

Generation runs within a time budget (BENCH_SCALE_SECONDS, per database, 420 by
default): where the rows per second measured so far cannot reach a size in time,
the largest multiple of 10x that they can is measured instead, and that is said.
"""

import logging
import os
import re
import subprocess
import sys
import time

from bench.servers import instance, on_each_database

BASE_ORGS, BASE_CASES = 5, 20_000
# The sizes tried, as multiples of the base; SQLite, embedded, is for one org or a few.
FACTORS = {"PostgreSQL": (1, 10, 100), "SQLite": (1, 10)}
BUDGET = float(os.environ.get("BENCH_SCALE_SECONDS", "420"))
ROUNDS, NUMBER = 5, 3
BIG_TABLES = ("inbox_case", "inbox_caseevent", "surveys_response", "surveys_answer")


def run() -> None:
    """Each database in a process of its own, with its own throw-away instance."""
    on_each_database(_child)


def _child(database: str, database_url: str | None) -> None:
    with instance(database_url) as env:
        subprocess.run([sys.executable, "-m", "bench.scale", database], env=env, check=True)


def main(database: str) -> None:
    import django
    from django.conf import settings
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    django.setup()
    logging.disable(logging.INFO)  # not a line per login of the measuring client
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    call_command("migrate", verbosity=0)

    from prongsai.scale.generate import generate

    print(f"== {database}: one org's pages as the instance grows (budget {BUDGET:.0f} s)")
    started, timings, rate = time.perf_counter(), {}, None
    for wanted in FACTORS[database]:
        factor = wanted
        if rate is not None:
            factor = _affordable(wanted, rate, BUDGET - (time.perf_counter() - started))
            if factor <= max(timings):
                break
        orgs, cases = BASE_ORGS * factor, BASE_CASES * factor
        result = generate(orgs=orgs, cases=cases)
        total = rate["rows"] + result.total_rows if rate else result.total_rows
        print(
            f"  {factor}x: {orgs} orgs, {cases:,} cases, {total:,} rows in all; "
            f"generated {result.total_rows:,} rows in {result.seconds:.1f} s "
            f"({result.total_rows / result.seconds:,.0f} rows/s)"
        )
        rate = {
            "orgs": orgs,
            "rows": total,
            "rows_per_org": result.total_rows / result.created,
            "per_second": result.total_rows / result.seconds,
        }
        timings[factor] = _measure()
    _report(timings)
    _plans()


def _affordable(wanted: int, rate: dict, left: float) -> int:
    """`wanted`, or the largest multiple of 10 below it that the budget left can generate."""
    per_factor = rate["rows_per_org"] * BASE_ORGS / rate["per_second"]
    done = rate["orgs"] // BASE_ORGS
    needed = per_factor * (wanted - done)
    if needed <= left:
        return wanted
    factor = (done + int(left / per_factor)) // 10 * 10
    print(
        f"  {wanted}x ({BASE_CASES * wanted:,} cases) would take about {needed:.0f} s more "
        f"at {rate['per_second']:,.0f} rows/s; {left:.0f} s of the budget are left"
        + (f": measured at {factor}x instead" if factor > done else "")
    )
    return factor


def _client():
    from django.test import Client

    from prongsai.orgs.models import Membership, Organization

    org = Organization.objects.get(slug="scale-0001")
    client = Client()
    client.force_login(Membership.objects.get(org=org, role=Membership.Role.ADMIN).user)
    return org, client


def _measure() -> dict[str, tuple[float, float]]:
    """{page: (median seconds, median seconds of GET /healthz)} for the first org."""
    from bench.runner import Benchmark, measure
    from prongsai.scale.pages import pages

    org, client = _client()

    def healthz() -> None:
        assert client.get("/healthz").status_code == 200

    timings = {}
    for page in pages(org):

        def subject(url=page.url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        timings[page.name] = measure(
            Benchmark(page.name, subject, healthz, "GET /healthz", ROUNDS, NUMBER)
        )
    return timings


def _report(timings: dict[int, dict[str, tuple[float, float]]]) -> None:
    first, last = min(timings), max(timings)
    width = max(len(name) for name in timings[first])
    print(
        f"  {'page of scale-0001':<{width}}  {f'{last}x / {first}x':>9}  "
        f"{'vs /healthz at ' + str(first) + 'x':>18}  {'vs /healthz at ' + str(last) + 'x':>18}"
    )
    for name, (small, small_base) in timings[first].items():
        big, big_base = timings[last][name]
        print(
            f"  {name:<{width}}  {big / small:8.2f}x  "
            f"{small / small_base:6.1f}x ({small * 1e3:5.1f} ms)  "
            f"{big / big_base:6.1f}x ({big * 1e3:5.1f} ms)"
        )


def _shape(sql: str) -> str:
    """A query without its values, so that the twelve months of a table count once."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def _plans() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from prongsai.scale.pages import pages
    from prongsai.scale.plans import explain, unbounded_scans

    org, client = _client()
    seen, unbounded = set(), []
    print("  query plans at the largest size (queries that read cases, timelines, responses):")
    for page in pages(org):
        with CaptureQueriesContext(connection) as queries:
            client.get(page.url)
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT"):
                continue
            unbounded += [(page.name, step) for step in unbounded_scans(sql)]
            if not any(f'"{table}"' in sql for table in BIG_TABLES) or _shape(sql) in seen:
                continue
            seen.add(_shape(sql))
            print(f"  -- {page.name}: {sql[:160]}{'…' if len(sql) > 160 else ''}")
            for line in explain(sql):
                print(f"       {line}")
    # The planner may still hash a small table whole (services, divisions, users) where
    # that costs less than seeking each row; the check asks whether an index could answer.
    if unbounded:
        for name, step in unbounded:
            print(f"  NOT INDEX-BACKED on {name}: {step}")
    else:
        print(
            "  index check: asked to seek (no sequential scans, hash or merge joins, "
            "materialized loops), every query of these pages reads its org's rows by an index"
        )


if __name__ == "__main__":
    main(sys.argv[1])
