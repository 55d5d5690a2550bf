"""Writing many rows fast: COPY on PostgreSQL, one prepared INSERT on SQLite.

Rows are plain tuples in the order of the fields named, with Python values as
the model would hold them (aware datetimes), except JSON, which rows give as
its text: most rows of a table repeat a few documents, encoded once.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC

from django.db import connection, models
from psycopg.copy import QueuedLibpqWriter


def _preparer(field: models.Field) -> Callable[[object], object] | None:
    """How a value of `field` is stored, for the types whose stored form is not the value.

    The same as the field's own get_db_prep_save (on SQLite naive UTC text for
    moments, text for dates and decimals), without its cost per value.
    """
    if connection.vendor == "postgresql":
        return None
    if isinstance(field, models.DateTimeField):
        return lambda value: str(value.astimezone(UTC).replace(tzinfo=None))
    if isinstance(field, models.DateField | models.DecimalField):
        return str
    return None


class RowWriter:
    """Inserts tuples into one model's table."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        meta = model._meta
        self.fields = [meta.get_field(name) for name in fields]
        self.table = connection.ops.quote_name(meta.db_table)
        self.columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.prepare = [
            (n, prepare) for n, f in enumerate(self.fields) if (prepare := _preparer(f))
        ]

    def _prepared(self, rows: Iterable[tuple]) -> Iterable[Sequence[object]]:
        for row in rows:
            if self.prepare:
                row = list(row)
                for n, prepare in self.prepare:
                    if row[n] is not None:
                        row[n] = prepare(row[n])
            yield row

    def write(self, rows: Iterable[tuple]) -> int:
        """Insert `rows`, made as they are consumed; returns how many."""
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"COPY {self.table} ({self.columns}) FROM STDIN"
                # A thread sends the data: the server stores rows while Python makes more.
                writer = QueuedLibpqWriter(cursor.cursor)
                with cursor.cursor.copy(sql, writer=writer) as copy:
                    for row in self._prepared(rows):
                        copy.write_row(row)
                        count += 1
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                batch = list(self._prepared(rows))
                cursor.executemany(
                    f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})", batch
                )
                count = len(batch)
        return count


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` primary keys that no other writer will use, for rows written with their ids.

    On PostgreSQL they come from the table's sequence, so concurrent inserts stay
    safe; SQLite has a single writer, whose transaction holds the lock.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, n],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + n))
