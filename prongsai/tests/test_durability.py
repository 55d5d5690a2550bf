"""A crash of the app server loses and doubles nothing it acknowledged.

A real gunicorn is killed with SIGKILL, master and workers at once, while
clients submit, and started again; clients resend what got no answer, as a
citizen pressing "send" again and LINE's redelivery do; what the bot owed when
it was killed is sent by the outbox's sweep. The run is on SQLite,
or on a throw-away database of the PostgreSQL server that DATABASE_URL names.
"""

import os

import pytest

from bench.durability import Complaints, Conversations, durable_instance, storm, sweep_outbox
from bench.servers import postgres_database

KILLS = 2
CLIENTS = 4


@pytest.fixture(scope="module")
def served():
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        with durable_instance() as parts:
            yield parts
        return
    with postgres_database(database_url) as url, durable_instance(url) as parts:
        yield parts


def _disrupted_every_kill(run) -> None:
    assert len(run.recoveries) == KILLS
    # A kill that left no request unanswered would prove nothing.
    assert run.disruptions["refused"] + run.disruptions["cut"] >= KILLS
    # A dead server answers nothing: a 5xx would be the restarted app failing.
    assert run.disruptions["5xx"] == 0


def test_every_acknowledged_complaint_is_stored_once_with_its_code(served):
    server, _line, env = served
    complaints = Complaints(server.url)

    run = storm(server, complaints.job, complaints.clients(CLIENTS), jobs=30, kills=KILLS)

    _disrupted_every_kill(run)
    assert run.jobs >= 30
    assert complaints.check(env) == {
        "acknowledged": run.jobs,
        "stored": run.jobs,
        "lost": 0,
        "duplicated": 0,
        "wrong code": 0,
        "half saved": 0,
        "unacknowledged": 0,
    }


def test_every_line_event_is_handled_once_and_each_conversation_files_one_case(served):
    server, line, env = served
    conversations = Conversations(server.url, line)

    run = storm(server, conversations.job, conversations.clients(CLIENTS), jobs=8, kills=KILLS)
    sweep_outbox(env)

    _disrupted_every_kill(run)
    counts = conversations.check(env)
    assert counts["conversations"] == run.jobs >= 8
    assert counts["redelivered after a 200"] > 0
    assert counts["stored"] == counts["events"]
    assert {k: counts[k] for k in ("lost", "duplicated", "wrong code", "half saved")} == {
        "lost": 0,
        "duplicated": 0,
        "wrong code": 0,
        "half saved": 0,
    }
    assert counts["conversations without a case"] == counts["duplicated cases"] == 0
    # Each citizen got their tracking code, though a kill fell between a commit and its reply.
    assert counts["codes never replied"] == 0


def test_the_check_sees_a_lost_submission_and_a_wrong_code(served):
    server, _line, env = served
    complaints = Complaints(server.url)
    run = storm(server, complaints.job, complaints.clients(1), jobs=2, kills=0)
    shown = next(iter(complaints.receipts))
    complaints.receipts[shown] = "WRONG"
    complaints.receipts[f"{complaints.prefix}-never-sent"] = "NEVERSEEN"

    counts = complaints.check(env)

    assert (counts["lost"], counts["wrong code"], counts["stored"]) == (1, 1, run.jobs)
