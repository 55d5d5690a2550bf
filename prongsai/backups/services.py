"""Backing up and restoring a whole instance: its database, uploads and secret key.

The secret key file (DATA_DIR/secret_key, the embedded default's generated key) goes
into the backup, since the LINE and Facebook secrets in the database are encrypted
under a key derived from it: a backup restored on another machine must still decrypt
them. SECRET_KEY and FIELD_ENCRYPTION_KEY set in the environment are configuration
and stay with it; the manifest records a fingerprint of the key in use, so that a
restore can say when the channels' secrets will not decrypt.
"""

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from prongsai.backups.archive import (
    DATABASES,
    FORMAT,
    MEDIA,
    SECRET_KEY,
    VERSION,
    ArchiveWriter,
    BackupError,
    extract,
)
from prongsai.backups.engines import PostgreSQL, SQLite, current_engine


def _secret_key_file() -> Path:
    return Path(settings.DATA_DIR) / "secret_key"


def field_key_fingerprint(secret: str) -> str:
    """Tells two encryption keys apart without revealing either."""
    return hashlib.sha256(b"prongsai-field-key:" + secret.encode()).hexdigest()[:16]


def _target(out: Path | None) -> Path:
    name = f"prongsai-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    if out is None:
        directory = Path(settings.DATA_DIR) / "backups"
        directory.mkdir(mode=0o700, exist_ok=True)
        path = directory / name
    else:
        path = out / name if out.is_dir() else out
    if path.exists():
        raise BackupError(f"มีไฟล์ {path} อยู่แล้ว\n{path} exists already")
    if not path.parent.is_dir():
        raise BackupError(f"ไม่พบโฟลเดอร์ {path.parent}\nNo such directory: {path.parent}")
    return path


def create_backup(*, out: Path | None = None, secret_key: bool = True) -> tuple[Path, dict]:
    """Write a backup of this instance to `out` (a file or a folder; default DATA_DIR/backups).

    The database is copied first, the uploads after it, so that every file the copied
    rows name is in the backup. Returns the file written and its manifest.
    """
    path = _target(out)
    engine = current_engine()
    member = DATABASES[engine.name]
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".prongsai-backup-") as work:
        snapshot = engine.dump(Path(work) / member)
        writer = ArchiveWriter(path)
        try:
            writer.add(member, Path(work) / member, mode=0o600)
            if media_root.is_dir():
                writer.add_tree(MEDIA, media_root)
            with_key = secret_key and _secret_key_file().exists()
            if with_key:
                writer.add(SECRET_KEY, _secret_key_file(), mode=0o600)
            media = [record for name, record in writer.files.items() if name.startswith(MEDIA)]
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.localtime().isoformat(timespec="seconds"),
                "prongsai": version("prongsai"),
                "engine": engine.name,
                "migrations": snapshot.migrations,
                "counts": snapshot.counts,
                "media": {"files": len(media), "bytes": sum(record["size"] for record in media)},
                "secret_key": with_key,
                "field_key": field_key_fingerprint(
                    settings.FIELD_ENCRYPTION_KEY or settings.SECRET_KEY
                ),
            }
            writer.finish(manifest)
        except BaseException:
            writer.abort()
            raise
    return path, {**manifest, "files": writer.files}


@dataclass
class StagedBackup:
    """A backup unpacked beside MEDIA_ROOT and checked whole, ready to replace the data."""

    directory: Path
    manifest: dict
    engine: SQLite | PostgreSQL


@contextmanager
def staged_backup(path: Path) -> Iterator[StagedBackup]:
    """Unpack and check the backup at `path`; nothing of the instance is touched yet.

    Raises BackupError for a damaged or foreign file, another database engine, or a
    backup made by a newer Prongsai (one with migrations this code does not have).
    """
    engine = current_engine()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Beside MEDIA_ROOT, so that the restored uploads take its place by a rename.
    directory = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=".prongsai-restore-"))
    try:
        manifest = extract(path, directory)
        if manifest["engine"] != engine.name:
            other = {"sqlite": SQLite.label, "postgresql": PostgreSQL.label}[manifest["engine"]]
            raise BackupError(
                f"ไฟล์สำรองนี้เป็นฐานข้อมูล {other} แต่ระบบนี้ใช้ {engine.label}: กู้คืนข้ามชนิดไม่ได้\n"
                f"This backup holds a {other} database, this instance runs {engine.label}"
            )
        _check_migrations(manifest)
        engine.check(directory / DATABASES[engine.name], manifest)
        yield StagedBackup(directory=directory, manifest=manifest, engine=engine)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _check_migrations(manifest: dict) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        if app in loader.migrated_apps
        for name in names
        if (app, name) not in loader.disk_migrations
    ]
    if unknown:
        raise BackupError(
            f"ไฟล์สำรองมาจาก Prongsai รุ่นที่ใหม่กว่านี้ ({', '.join(unknown[:3])}): "
            "ปรับรุ่น Prongsai ก่อนกู้คืน\n"
            f"The backup comes from a newer Prongsai ({', '.join(unknown[:3])}): upgrade first"
        )


@dataclass
class Restored:
    migrated: list[str]
    secret_key_restored: bool
    field_key_matches: bool


def restore_backup(staged: StagedBackup) -> Restored:
    """Replace the database, uploads and secret key with the staged backup, then migrate.

    The uploads are swapped in first and swapped back if the database restore fails,
    which happens in one transaction; migrate then brings a backup of an older
    Prongsai up to this code's schema.
    """
    media_root = Path(settings.MEDIA_ROOT)
    restored_media = staged.directory / MEDIA
    restored_media.mkdir(exist_ok=True)
    previous_media = staged.directory / "media.previous"  # removed with the staging folder
    had_media = media_root.exists()
    try:
        if had_media:
            os.rename(media_root, previous_media)
        os.rename(restored_media, media_root)
    except OSError as error:
        if had_media and not media_root.exists():
            os.rename(previous_media, media_root)
        raise BackupError(
            f"แทนที่ {media_root} ไม่ได้ ({error.strerror}) ข้อมูลเดิมยังอยู่ครบ\n"
            f"Cannot replace {media_root} ({error.strerror}); the current data is unchanged"
        ) from None
    try:
        staged.engine.restore(staged.directory / DATABASES[staged.engine.name], staged.manifest)
    except BaseException:
        os.rename(media_root, restored_media)
        if had_media:
            os.rename(previous_media, media_root)
        raise
    key_file = staged.directory / SECRET_KEY
    if key_file.exists():
        _replace_secret_key(key_file.read_bytes())
    return Restored(
        migrated=_migrate(),
        secret_key_restored=key_file.exists(),
        field_key_matches=field_key_fingerprint(_field_secret()) == staged.manifest["field_key"],
    )


def _replace_secret_key(data: bytes) -> None:
    target = _secret_key_file()
    partial = target.with_name(".secret_key.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(partial, target)


def _field_secret() -> str:
    """The secret the channels' encryption key comes from, once app servers restart.

    As settings derive it: FIELD_ENCRYPTION_KEY, else SECRET_KEY from the environment,
    else the key file, which this process read before the restore replaced it.
    """
    return (
        settings.FIELD_ENCRYPTION_KEY
        or os.environ.get("SECRET_KEY")
        or _secret_key_file().read_text().strip()
    )


def _migrate() -> list[str]:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", interactive=False, verbosity=0)
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
