"""Case statistics of an org with 1,000,000 cases, against an org with 1,000.

Both orgs' cases spread over the same ten fiscal years, so one quarter holds a
fortieth of each: about 25,000 rows against 25. Answered from the index, the
cost follows the rows of the quarter; a plan that walked the org's whole
history would cost about as much as 1,000,000 rows, a thousand times more.
"""

import random
import time
from datetime import timedelta
from functools import cache

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench.runner import benchmark
from prongsai import thai
from prongsai.inbox.models import Case
from prongsai.inbox.selectors import case_counts, day_range
from prongsai.orgs.models import Organization

BIG, SMALL = 1_000_000, 1_000
BATCH = 5_000
FIRST_FY, LAST_FY = 2557, 2566
QUARTER = thai.quarter_range(LAST_FY, 2)  # Jan–Mar 2566, the quarter of the O43 report

# Roughly how cases arrive at an อบต.: LINE and the web form carry most.
CHANNEL_WEIGHTS = {
    Case.Channel.LINE: 40,
    Case.Channel.WEB: 20,
    Case.Channel.ESERVICE: 12,
    Case.Channel.PHONE: 10,
    Case.Channel.WALKIN: 8,
    Case.Channel.LIVECHAT: 4,
    Case.Channel.FACEBOOK: 3,
    Case.Channel.LETTER: 2,
    Case.Channel.WEBBOARD: 1,
}


def _org(slug: str) -> Organization:
    return Organization.objects.create(
        slug=slug, name_th=slug, short_name=slug, kind=Organization.Kind.SAO, province="สุรินทร์"
    )


def _fill(org: Organization, count: int, rng: random.Random) -> None:
    """`count` cases received at random over FIRST_FY–LAST_FY, in batches, oldest first."""
    low, _ = day_range(thai.fiscal_year_range(FIRST_FY)[0], QUARTER[0])
    _, high = day_range(QUARTER[0], thai.fiscal_year_range(LAST_FY)[1])
    seconds = int((high - low).total_seconds())
    # In time order, as cases arrive: each index grows at its end instead of all over.
    offsets = sorted(rng.randrange(seconds) for _ in range(count))
    channels, weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    kinds, statuses = Case.Kind.values, Case.Status.values
    for first in range(0, count, BATCH):
        cases = []
        for n in range(first, min(first + BATCH, count)):
            received = low + timedelta(seconds=offsets[n])
            cases.append(
                Case(
                    org=org,
                    tracking_code=f"{org.pk:02d}{n:010d}",
                    kind=rng.choice(kinds),
                    channel=rng.choices(channels, weights)[0],
                    status=rng.choice(statuses),
                    subject="เรื่องทดสอบ",
                    received_at=received,
                    due_at=received + timedelta(days=15),
                )
            )
        Case.objects.bulk_create(cases)


def _quarter_counts(org: Organization) -> dict[str, int]:
    return case_counts(org=org, start=QUARTER[0], end=QUARTER[1], by="channel")


@cache
def _orgs() -> tuple[Organization, Organization]:
    """Create both orgs once, on first use, and show how the database answers."""
    rng = random.Random(2566)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # A throw-away database: let SQLite keep the growing indexes in memory.
        cursor.execute("PRAGMA cache_size = -262144")
    with transaction.atomic():
        big, small = _org("bench-million"), _org("bench-thousand")
        _fill(big, BIG, rng)
        _fill(small, SMALL, rng)
    elapsed = time.perf_counter() - started
    with CaptureQueriesContext(connection) as queries:
        rows = [sum(_quarter_counts(org).values()) for org in (big, small)]
    print(
        f"  set-up: {BIG:,} + {SMALL:,} cases in {elapsed:.0f} s; "
        f"{QUARTER[0]}..{QUARTER[1]} holds {rows[0]:,} and {rows[1]:,} of them"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {queries[0]['sql']}")
        for row in cursor.fetchall():
            print(f"  query plan: {row[-1]}")
    return big, small


def small_org_quarter() -> None:
    _quarter_counts(_orgs()[1])


@benchmark(
    f"case_counts by channel, one quarter, {BIG:,} cases",
    baseline=small_org_quarter,
    baseline_name=f"same, {SMALL:,} cases",
)
def big_org_quarter() -> None:
    _quarter_counts(_orgs()[0])
