"""How the database answers a query: its plan, and whether it reads beyond one org's rows.

SQLite's EXPLAIN QUERY PLAN names a table "SEARCH … USING INDEX (org_id=?)" when
it seeks a range of an index, "SCAN" when it walks the whole table or index.
PostgreSQL's plan names "Seq Scan" for a walk; with few rows it prefers one even
where an index would serve, so the check asks with sequential scans, hash and
merge joins and materialized inner sides off: a Seq Scan, or an index scan
without a condition, is then left only where no index can answer.
"""

import json
import re
from collections.abc import Iterator

from django.db import connection, transaction

# Tables that do not grow with the number of orgs: the ITA frameworks of the years
# and Django's own lookups. Every other table holds rows of every org.
INSTANCE_TABLES = frozenset(
    {
        "ita_frameworkyear",
        "ita_tool",
        "ita_indicator",
        "ita_oititem",
        "django_content_type",
        "django_site",
        "auth_permission",
        "auth_group",
    }
)


def explain(sql: str) -> list[str]:
    """The plan of `sql` as the database prints it, one line per step."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN {sql}")
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [row[-1] for row in cursor.fetchall()]


def _pg_scans(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("Plans", ()):
        yield from _pg_scans(child)


_SQLITE_SCAN = re.compile(r"^SCAN (\w+)")


def unbounded_scans(sql: str) -> list[str]:
    """The steps of `sql`'s plan that read a growing table without seeking an index."""
    found = []
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Plain nested loops too, so that a join shows whether its inner side has an index.
            for method in ("seqscan", "hashjoin", "mergejoin", "material"):
                cursor.execute(f"SET LOCAL enable_{method} = off")
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            for node in _pg_scans(plan[0]["Plan"]):
                table = node.get("Relation Name")
                if not table or table in INSTANCE_TABLES:
                    continue
                # An index walked from end to end (for its order) bounds nothing either.
                if node["Node Type"] == "Seq Scan" or (
                    "Index" in node["Node Type"] and "Index Cond" not in node
                ):
                    found.append(f"{node['Node Type']} on {table}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            for row in cursor.fetchall():
                match = _SQLITE_SCAN.match(row[-1])
                if match and match[1] not in INSTANCE_TABLES:
                    found.append(row[-1])
    return found
