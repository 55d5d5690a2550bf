"""Real processes for load, fault and topology tests: gunicorn app servers, Celery workers.

Each runs as its own process group, so that `kill()` takes down the master and its
workers at once, as a crash of the machine's app server would.
"""

import functools
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import closing, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command, "-v", "0"], cwd=ROOT, env=env, check=True
    )


@functools.cache
def collected_static() -> str:
    """Static files collected once per process and shared by its instances (read-only)."""
    root = tempfile.mkdtemp(prefix="prongsai-static-")
    env = {**os.environ, "STATIC_ROOT": root, "DATA_DIR": root}
    env.pop("DATABASE_URL", None)
    manage(env, "collectstatic", "--noinput")
    return root


def prepare(env: dict[str, str], *, demo: bool = True) -> None:
    """Migrate, collect static files and (by default) load the demo, as `make run` does.

    Sets STATIC_ROOT in `env`, so the app servers started with it find the files.
    """
    env.setdefault("STATIC_ROOT", collected_static())
    manage(env, "migrate", "--noinput")
    if demo:
        manage(env, "demo")


class AppServer:
    """gunicorn serving Prongsai on a port of its own; can be killed and started again."""

    def __init__(self, env: dict[str, str], *, workers: int = 2, port: int | None = None):
        self.env = env
        self.workers = workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "prongsai.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            # Load from one address is what is measured here, not a flood to refuse;
            # and a line per sign-in would bury the figures.
            env={"RATE_LIMIT_FACTOR": "1000", "LOG_LEVEL": "WARNING", **self.env},
            start_new_session=True,
        )
        wait_for(self.url + "/healthz", self.process)

    def kill(self, signum: int = signal.SIGKILL) -> None:
        """Send `signum` to the master and its workers at once, and wait for the master."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signum)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


def wait_for(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def app_server(env: dict[str, str], *, workers: int = 2):
    """Prepare an instance and serve it; yields its base URL."""
    prepare(env)
    server = AppServer(env, workers=workers)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@contextmanager
def celery_worker(env: dict[str, str], *, concurrency: int = 2):
    """A Celery worker on the broker that REDIS_URL names; stopped warm at the end."""
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--quiet",  # no banner
            "-A",
            "prongsai",
            "worker",
            "--concurrency",
            str(concurrency),
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        yield worker
    finally:
        if worker.poll() is None:
            # SIGTERM to the main process alone is Celery's warm shutdown; its pool
            # processes must not get it too, or they die between a task and its ack.
            os.kill(worker.pid, signal.SIGTERM)
            worker.wait(timeout=60)


# Instances and their databases ---------------------------------------------------------


@contextmanager
def instance(database_url: str | None = None):
    """The environment of a fresh instance: a DATA_DIR of its own, SQLite in it unless
    `database_url` names a database."""
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as data_dir:
        env = {**os.environ, "DATA_DIR": data_dir, "ALLOWED_HOSTS": "127.0.0.1"}
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        yield env


def rows(env: dict[str, str], query: str) -> list[tuple]:
    """The rows of `query` in the database of the instance that `env` describes."""
    if database_url := env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(database_url) as connection:
            return connection.execute(query).fetchall()
    with closing(sqlite3.connect(Path(env["DATA_DIR"]) / "prongsai.sqlite3")) as connection:
        return connection.execute(query).fetchall()


@contextmanager
def postgres_database(server_url: str):
    """A throw-away database on the PostgreSQL server that `server_url` names."""
    import psycopg

    # Random, not the pid: other machines' runs may share the server.
    name = f"prongsai_throwaway_{secrets.token_hex(6)}"
    admin_url = server_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def on_each_database(run_one: Callable[[str, str | None], None]) -> None:
    """`run_one(name, database_url)` on SQLite, then on a throw-away PostgreSQL database."""
    run_one("SQLite", None)
    postgres = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    try:
        with postgres_database(postgres) as database_url:
            run_one("PostgreSQL", database_url)
    except OSError as error:  # psycopg.OperationalError is one: no server here
        print(f"PostgreSQL skipped: {error}")
