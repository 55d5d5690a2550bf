"""Back up an instance, change and delete things, restore: everything is back, byte for byte.

On SQLite always, on PostgreSQL when DATABASE_URL names a server (each instance gets a
throw-away database there).
"""

import json
import os
import re
import shutil
import stat
import tarfile
import threading
import time
from contextlib import ExitStack, closing

import pytest

from bench.servers import postgres_database
from prongsai.backups.tests.instances import (
    ADD_ATTACHMENTS,
    CHANGE_EVERYTHING,
    Instance,
    differences,
    repack,
)

POSTGRES_URL = os.environ.get("DATABASE_URL", "")
ENGINES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not re.match(r"^postgres(ql)?://", POSTGRES_URL),
            reason="DATABASE_URL names no PostgreSQL server",
        ),
    ),
]
DEMO_LINE_SECRET = "prasat-thong-demo-secret"


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture(scope="module")
def new_instance(engine, tmp_path_factory):
    """Makes instances with their own DATA_DIR and, on PostgreSQL, their own database."""
    with ExitStack() as stack:

        def make() -> Instance:
            url = None
            if engine == "postgresql":
                url = stack.enter_context(postgres_database(POSTGRES_URL))
            return Instance(tmp_path_factory.mktemp("instance"), url)

        yield make


@pytest.fixture(scope="module")
def source(new_instance, tmp_path_factory):
    """The demo with attachments, backed up; returns the instance, backup file and state."""
    instance = new_instance()
    instance.ok("migrate", "--noinput", "-v", "0")
    instance.ok("demo", "-v", "0")
    instance.python(ADD_ATTACHMENTS)
    archive = tmp_path_factory.mktemp("backups") / "backup.tar.gz"
    instance.ok("backup", "--out", str(archive))
    assert instance.line_secrets() == [DEMO_LINE_SECRET]
    return instance, archive, instance.state()


def test_the_backup_file_is_private_and_holds_everything(source, engine):
    _, archive, before = source
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == engine
    attachments = len(before["rows"]["inbox_attachment"])
    assert attachments > 3  # the demo's proof photos and the three added
    assert manifest["counts"]["inbox_attachment"] == attachments
    assert manifest["migrations"]["inbox"][0] == "0001_initial"
    assert manifest["secret_key"] is True
    assert {f"media/{name}" for name in before["media"]} | {"secret_key"} <= set(names)
    assert sum(name.startswith("cases/") for name in before["media"]) == attachments


def test_restore_brings_back_what_was_changed_and_deleted(source):
    instance, archive, before = source
    instance.python(CHANGE_EVERYTHING)
    changed = instance.state()
    assert instance.line_secrets() == ["another-secret"]
    assert len(changed["rows"]["inbox_case"]) < len(before["rows"]["inbox_case"])
    assert "stray/after-backup.bin" in changed["media"]

    output = instance.ok("restore", str(archive), "--noinput")

    assert "restored" in output
    assert differences(instance.state(), before) == []
    assert instance.line_secrets() == [DEMO_LINE_SECRET]


def test_a_backup_restored_on_another_machine_decrypts_the_channel_secrets(source, new_instance):
    _, archive, before = source
    elsewhere = new_instance()  # nothing but its own, freshly generated secret key

    elsewhere.ok("restore", str(archive), "--noinput")

    assert elsewhere.line_secrets() == [DEMO_LINE_SECRET]
    assert differences(elsewhere.state(), before) == []


def test_without_the_secret_key_a_restore_elsewhere_warns_that_secrets_are_lost(
    source, engine, new_instance, tmp_path
):
    if engine != "sqlite":
        pytest.skip("the key handling does not depend on the engine")
    instance, _, _ = source
    archive = tmp_path / "keyless.tar.gz"
    instance.ok("backup", "--out", str(archive), "--without-secret-key")
    with tarfile.open(archive) as tar:
        assert "secret_key" not in tar.getnames()
    elsewhere = new_instance()

    result = elsewhere.manage("restore", str(archive), "--noinput")

    assert result.returncode == 0, result.stderr
    assert "LINE/Facebook" in result.stderr
    key_file = "secret_key"
    assert (elsewhere.data_dir / key_file).read_bytes() != (
        instance.data_dir / key_file
    ).read_bytes()
    assert elsewhere.line_secrets() == [""]  # cannot be decrypted: entered again by the admin


def test_a_backup_taken_while_the_app_writes_is_one_consistent_snapshot(
    source, new_instance, tmp_path
):
    instance, _, _ = source
    existing = len(instance.rows()["django_session"])
    stop, written = threading.Event(), []

    def write_sessions():
        with closing(instance.connect()) as connection:
            while not stop.is_set():
                connection.execute(
                    "INSERT INTO django_session (session_key, session_data, expire_date) "
                    f"VALUES ('during-backup-{len(written)}', '', '2099-01-01 00:00:00')"
                )
                connection.commit()
                written.append(1)

    writer = threading.Thread(target=write_sessions)
    writer.start()
    try:
        while not written:
            time.sleep(0.01)
        before_backup = len(written)
        archive = tmp_path / "online.tar.gz"
        instance.ok("backup", "--out", str(archive))
        after_backup = len(written)
    finally:
        stop.set()
        writer.join()
    instance.execute("DELETE FROM django_session WHERE session_key LIKE 'during-backup-%'")
    with tarfile.open(archive) as tar:
        counted = json.load(tar.extractfile("manifest.json"))["counts"]["django_session"]
    counted -= existing
    assert before_backup <= counted <= after_backup
    assert before_backup < after_backup  # the app kept writing while the backup ran

    elsewhere = new_instance()
    elsewhere.ok("restore", str(archive), "--noinput")  # refused unless rows match the counts

    assert len(elsewhere.rows()["django_session"]) == existing + counted


def _truncated(archive, target):
    target.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])


def _tampered_upload(archive, target):
    def overwrite_an_attachment(contents):
        name = next(name for name in contents if name.startswith("media/cases/"))
        contents[name] = b"x" + contents[name][1:]

    repack(archive, target, members=overwrite_an_attachment)


def _foreign(archive, target):
    with tarfile.open(target, "w:gz") as tar:
        tar.add(__file__, arcname="notes.txt")


def _other_engine(archive, target):
    names = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}

    def rename(contents):
        (name,) = set(names.values()) & contents.keys()
        contents[next(other for other in names.values() if other != name)] = contents.pop(name)

    def switch(manifest):
        manifest["engine"] = next(other for other in names if other != manifest["engine"])
        (name,) = set(names.values()) & manifest["files"].keys()
        manifest["files"][names[manifest["engine"]]] = manifest["files"].pop(name)

    repack(archive, target, members=rename, manifest=switch)


def _from_a_newer_prongsai(archive, target):
    repack(
        archive,
        target,
        manifest=lambda manifest: manifest["migrations"]["inbox"].append("9999_future"),
    )


def _counts_differ(archive, target):
    # Caught on SQLite before the swap, on PostgreSQL inside the restore's transaction.
    def one_case_more(manifest):
        manifest["counts"]["inbox_case"] += 1

    repack(archive, target, manifest=one_case_more)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_truncated, "damaged"),
        (_tampered_upload, "checksum"),
        (_foreign, "not a Prongsai backup"),
        (_other_engine, "this instance runs"),
        (_from_a_newer_prongsai, "newer Prongsai"),
        (_counts_differ, "inbox_case"),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_changes(source, tmp_path, damage, message):
    instance, archive, _ = source
    # Unlike the backup, so that a restore that went ahead all the same would show.
    instance.execute(
        "DELETE FROM inbox_caseevent WHERE id = (SELECT min(id) FROM inbox_caseevent"
        " WHERE id NOT IN (SELECT event_id FROM inbox_attachment WHERE event_id IS NOT NULL))"
    )
    (instance.data_dir / "media" / "stray.txt").write_text(str(tmp_path))
    current = instance.state()
    bad = tmp_path / "bad.tar.gz"
    damage(archive, bad)

    result = instance.manage("restore", str(bad), "--noinput")

    assert result.returncode != 0
    assert message in result.stderr
    assert "ไฟล์" in result.stderr or "ฐานข้อมูล" in result.stderr  # and in Thai
    assert differences(instance.state(), current) == []
    assert not list(instance.data_dir.glob(".prongsai-restore-*"))


def test_a_backup_of_an_older_schema_is_migrated_after_restore(source, new_instance, tmp_path):
    instance, demo_archive, _ = source
    older = new_instance()
    older.ok("migrate", "orgs", "0004", "--noinput", "-v", "0")
    archive = tmp_path / "older.tar.gz"
    older.ok("backup", "--out", str(archive))

    output = instance.ok("restore", str(archive), "--noinput")

    try:
        assert "orgs.0005_organization_domain" in output
        instance.ok("migrate", "--check")  # fails while a migration is unapplied
        assert instance.rows()["orgs_organization"] == []
    finally:
        instance.ok("restore", str(demo_archive), "--noinput")  # for the other tests


def test_make_backup_and_make_restore(source, engine, tmp_path):
    if engine != "sqlite":
        pytest.skip("once, end to end, is enough")
    instance, _, _ = source
    before = instance.state()
    archive = tmp_path / "made.tar.gz"
    make = shutil.which("make")
    # -o: never reinstall the venv here, even when pyproject.toml is newer than it.
    backup = instance.run(make, "-s", "-o", ".venv/.installed", "backup", f"BACKUP={archive}")
    assert backup.returncode == 0, backup.stderr
    instance.python(CHANGE_EVERYTHING)
    changed = instance.state()

    declined = instance.run(
        make, "-s", "-o", ".venv/.installed", "restore", f"BACKUP={archive}", input="no\n"
    )
    assert declined.returncode != 0
    assert differences(instance.state(), changed) == []

    restored = instance.run(
        make, "-s", "-o", ".venv/.installed", "restore", f"BACKUP={archive}", input="yes\n"
    )
    assert restored.returncode == 0, restored.stderr
    assert differences(instance.state(), before) == []
