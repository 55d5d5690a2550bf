"""The per-org pages read one org's rows through an index, whatever the number of orgs."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.scale.generate import generate
from prongsai.scale.pages import pages
from prongsai.scale.plans import explain, unbounded_scans

pytestmark = pytest.mark.django_db


def page_queries(client, org) -> list[tuple[str, str]]:
    """(page, SQL) of every SELECT the pages of `org` run, once caches are warm."""
    found = []
    for page in pages(org):
        client.get(page.url)  # the org and host lookups are cached from here on
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        found += [(page.name, q["sql"]) for q in queries.captured_queries]
    return [(name, sql) for name, sql in found if sql.startswith("SELECT")]


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="on tables of a few rows PostgreSQL may walk a whole index for its order, as "
    "autovacuum's statistics happen to be; `make bench scale` checks its plans at 500 orgs",
)
def test_no_query_of_the_pages_reads_beyond_the_orgs_rows(admin_client, generated):
    generate(orgs=4, cases=400)  # other orgs' rows around the first's
    queries = page_queries(admin_client, generated)
    assert len(queries) > 50
    unbounded = [(name, step) for name, sql in queries for step in unbounded_scans(sql)]
    assert unbounded == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own words for its plans")
def test_sqlite_seeks_the_case_indexes(admin_client, generated):
    case_queries = [
        sql for _name, sql in page_queries(admin_client, generated) if '"inbox_case"' in sql
    ]
    assert case_queries
    for sql in case_queries:
        # A subquery reads the table under an alias, which the plan names instead.
        names = {"inbox_case", *re.findall(r'"inbox_case" (U\d+)', sql)}
        steps = [line for line in explain(sql) if any(f" {name} " in f" {line} " for name in names)]
        assert steps, sql
        assert not any(line.startswith(f"SCAN {name} ") for line in steps for name in names), steps
        assert all(
            "USING INDEX" in line or "USING COVERING INDEX" in line or "PRIMARY KEY" in line
            for line in steps
            if line.startswith("SEARCH ")
        ), steps


def test_the_check_finds_a_query_that_walks_every_org():
    generate(orgs=2, cases=20)
    assert unbounded_scans('SELECT COUNT(*) FROM "inbox_case" WHERE "subject" LIKE \'%ถนน%\'')
