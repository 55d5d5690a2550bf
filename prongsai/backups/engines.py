"""Copying the database out and back in, for each engine Prongsai runs on.

Each engine dumps a consistent snapshot together with the migration state and row
counts read from that same snapshot, and restores all or nothing: SQLite through its
backup API (one write transaction on the live file), PostgreSQL in one transaction
that first drops the current tables, so that an older backup never meets newer tables.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from prongsai.backups.archive import DATABASES, BackupError


@dataclass
class Snapshot:
    migrations: dict[str, list[str]]
    counts: dict[str, int]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _snapshot(cursor, tables: list[str]) -> Snapshot:
    """Migration state and row counts, read through a DB-API cursor of either engine."""
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return Snapshot(migrations=migrations, counts=counts)


def _count_mismatch(expected: dict[str, int], found: dict[str, int]) -> str:
    return ", ".join(
        f"{table}: {found.get(table)} ≠ {expected.get(table)}"
        for table in sorted(expected.keys() | found.keys())
        if expected.get(table) != found.get(table)
    )[:300]


class SQLite:
    name = "sqlite"
    label = "SQLite"

    def __init__(self, database: dict) -> None:
        self.path = Path(database["NAME"])

    def dump(self, into: Path) -> Snapshot:
        if not self.path.exists():
            raise BackupError(
                f"ไม่พบฐานข้อมูล {self.path}\nNo database at {self.path}: nothing to back up"
            )
        # The backup API reads one consistent snapshot while the app keeps writing (WAL).
        with (
            closing(sqlite3.connect(self.path, timeout=20)) as live,
            closing(sqlite3.connect(into)) as copy,
        ):
            live.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            return self._snapshot(copy)

    def _snapshot(self, connection: sqlite3.Connection) -> Snapshot:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return _snapshot(connection.cursor(), tables)

    def check(self, dump: Path, manifest: dict) -> None:
        try:
            with closing(sqlite3.connect(f"file:{dump}?mode=ro", uri=True)) as copy:
                result = copy.execute("PRAGMA quick_check").fetchone()[0]
                counts = self._snapshot(copy).counts if result == "ok" else {}
        except sqlite3.DatabaseError as error:
            result, counts = str(error), {}
        if result != "ok" or counts != manifest["counts"]:
            detail = result if result != "ok" else _count_mismatch(manifest["counts"], counts)
            raise BackupError(
                f"ฐานข้อมูลในไฟล์สำรองเสียหาย ({detail})\n"
                f"The database in the backup is damaged ({detail})"
            )

    def restore(self, dump: Path, manifest: dict) -> None:
        connections[DEFAULT_DB_ALIAS].close()
        # Written in one transaction on the live file, through its WAL: readers see the
        # old database or the restored one, never a mix, and a failure leaves it as it was.
        with (
            closing(sqlite3.connect(f"file:{dump}?mode=ro", uri=True)) as copy,
            closing(sqlite3.connect(self.path, timeout=20)) as live,
        ):
            copy.backup(live)


class PostgreSQL:
    name = "postgresql"
    label = "PostgreSQL"

    def __init__(self, database: dict) -> None:
        self.database = database

    def _environ(self) -> dict[str, str]:
        """libpq's variables for pg_dump, pg_restore and psql: no password on a command line."""
        db = self.database
        settings_env = {
            "PGDATABASE": db["NAME"],
            "PGUSER": db.get("USER"),
            "PGPASSWORD": db.get("PASSWORD"),
            "PGHOST": db.get("HOST"),
            "PGPORT": str(db.get("PORT") or ""),
        }
        for option, variable in {
            "sslmode": "PGSSLMODE",
            "sslrootcert": "PGSSLROOTCERT",
            "sslcert": "PGSSLCERT",
            "sslkey": "PGSSLKEY",
            "options": "PGOPTIONS",
        }.items():
            settings_env[variable] = db.get("OPTIONS", {}).get(option)
        return {**os.environ, **{k: str(v) for k, v in settings_env.items() if v}}

    def _run(self, program: str, *arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [self._program(program), *arguments], env=self._environ(), capture_output=True
        )

    def dump(self, into: Path) -> Snapshot:
        import psycopg

        # pg_dump reads the snapshot this transaction exports, so the manifest's counts
        # and migrations describe exactly the rows in the dump.
        with psycopg.connect("", **self._conninfo()) as connection:
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            connection.read_only = True
            cursor = connection.cursor()
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
            snapshot = _snapshot(cursor, [row[0] for row in cursor.fetchall()])
            # Uncompressed: the archive around it is gzipped once.
            result = self._run(
                "pg_dump",
                "--format=custom",
                "--compress=0",
                f"--snapshot={snapshot_id}",
                f"--file={into}",
            )
        if result.returncode:
            raise BackupError(
                f"pg_dump ไม่สำเร็จ / pg_dump failed:\n{result.stderr.decode(errors='replace')}"
            )
        return snapshot

    def _conninfo(self) -> dict[str, str]:
        names = {"PGDATABASE": "dbname", "PGUSER": "user", "PGPASSWORD": "password"}
        names |= {"PGHOST": "host", "PGPORT": "port", "PGSSLMODE": "sslmode"}
        names |= {"PGSSLROOTCERT": "sslrootcert", "PGSSLCERT": "sslcert", "PGSSLKEY": "sslkey"}
        names |= {"PGOPTIONS": "options"}
        environ = self._environ()
        return {key: environ[variable] for variable, key in names.items() if variable in environ}

    def check(self, dump: Path, manifest: dict) -> None:
        result = self._run("pg_restore", "--list", str(dump))
        if result.returncode:
            detail = result.stderr.decode(errors="replace").strip()
            raise BackupError(
                f"ฐานข้อมูลในไฟล์สำรองเสียหาย ({detail})\n"
                f"The database in the backup is damaged ({detail})"
            )

    def restore(self, dump: Path, manifest: dict) -> None:
        connections[DEFAULT_DB_ALIAS].close()
        with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as psql_errors:
            # Only ever committed by the COMMIT written below, after pg_restore succeeded
            # and every table holds the rows the manifest counted; any error before
            # ends psql (ON_ERROR_STOP) and the server rolls the transaction back.
            psql = subprocess.Popen(
                [self._program("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1"],
                env=self._environ(),
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=psql_errors,
            )
            pg_restore = subprocess.Popen(
                [self._program("pg_restore"), "--no-owner", "--no-privileges", "--file=-", dump],
                env=self._environ(),
                stdout=subprocess.PIPE,
                stderr=restore_errors,
            )
            try:
                psql.stdin.write(b"BEGIN;\n" + DROP_TABLES.encode())
                shutil.copyfileobj(pg_restore.stdout, psql.stdin, CHUNK)
                if pg_restore.wait() == 0:
                    psql.stdin.write(_count_check(manifest["counts"]).encode() + b"COMMIT;\n")
                psql.stdin.close()
            except BrokenPipeError:
                pass  # psql stopped at an error, reported below
            finally:
                if pg_restore.poll() is None:
                    pg_restore.kill()
                pg_restore.wait()
                psql.wait()
            if pg_restore.returncode or psql.returncode:
                restore_errors.seek(0)
                psql_errors.seek(0)
                detail = (restore_errors.read() + psql_errors.read()).decode(errors="replace")
                raise BackupError(
                    "กู้คืนฐานข้อมูลไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ\n"
                    "Restoring the database failed, the current data is unchanged:\n"
                    + detail[-2000:]
                )
        # Restored tables have no planner statistics until autovacuum gets to them.
        self._run("psql", "--no-psqlrc", "--quiet", "--command=ANALYZE")

    def _program(self, name: str) -> str:
        program = shutil.which(name)
        if program is None:
            raise BackupError(
                f"ไม่พบโปรแกรม {name}: ติดตั้ง postgresql-client\n"
                f"{name} is missing: install postgresql-client"
            )
        return program


CHUNK = 1024 * 1024

DROP_TABLES = """
DO $drop$
DECLARE name text;
BEGIN
  FOR name IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', name);
  END LOOP;
  FOR name IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %I CASCADE', name);
  END LOOP;
END $drop$;
"""


def _count_check(counts: dict[str, int]) -> str:
    """A block that aborts the restore's transaction unless every table has its counted rows.

    Table names were checked to be plain identifiers when the manifest was read.
    """
    checks = "".join(
        f"  SELECT count(*) INTO found FROM {_quote(table)};\n"
        f"  IF found <> {int(count)} THEN\n"
        f"    RAISE EXCEPTION 'table {table}: % rows, the backup counted {int(count)}', found;\n"
        f"  END IF;\n"
        for table, count in sorted(counts.items())
    )
    # pg_restore's script empties search_path; the tables are in the default schema.
    return f"RESET search_path;\nDO $check$\nDECLARE found bigint;\nBEGIN\n{checks}END $check$;\n"


def current_engine() -> SQLite | PostgreSQL:
    database = settings.DATABASES[DEFAULT_DB_ALIAS]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return SQLite(database)
    if engine in {"postgresql", "postgis"}:
        return PostgreSQL(database)
    raise BackupError(
        f"สำรองข้อมูลได้เฉพาะ {', '.join(DATABASES)}: ไม่รองรับ {engine}\n"
        f"Backups support {', '.join(DATABASES)} only, not {engine}"
    )
