"""The backup file: a tar.gz of the database, the uploads and the secret key, with a manifest.

Members: `database.sqlite3` or `database.pgdump`, `media/…` (the whole MEDIA_ROOT tree),
`secret_key` (unless left out) and, last, `manifest.json`, which records the size and
SHA-256 of every other member, so that a restore can refuse a damaged or foreign file
before it touches anything.
"""

import hashlib
import io
import json
import os
import re
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath

FORMAT = "prongsai-backup"
VERSION = 1
MANIFEST = "manifest.json"
SECRET_KEY = "secret_key"
MEDIA = "media"
DATABASES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Table names go into SQL of the PostgreSQL restore; Django's are always plain identifiers.
TABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, Thai and English."""


def _damaged(path: Path, detail: str) -> BackupError:
    return BackupError(
        f"ไฟล์สำรองเสียหายหรือไม่ใช่ไฟล์สำรองของ Prongsai: {path} ({detail})\n"
        f"The file is damaged or not a Prongsai backup: {path} ({detail})"
    )


class _Hashing:
    """A file read through once, for tarfile, while its SHA-256 is taken."""

    def __init__(self, file) -> None:
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        return data


class ArchiveWriter:
    """Writes a backup file that only appears under its name once it is complete.

    It is created with mode 0600 from the start: it holds personal data and may hold
    the secret key that decrypts the channels' secrets.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(f".{path.name}.partial")
        fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self.raw = os.fdopen(fd, "wb")
        # Closed by finish() or abort().
        self.tar = tarfile.open(fileobj=self.raw, mode="w:gz", compresslevel=6)  # noqa: SIM115
        self.files: dict[str, dict] = {}

    def add(self, name: str, source: Path, *, mode: int = 0o644) -> None:
        info = tarfile.TarInfo(name)
        stat = source.stat()
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), mode
        with source.open("rb") as file:
            hashing = _Hashing(file)
            self.tar.addfile(info, hashing)
        self.files[name] = {"size": info.size, "sha256": hashing.sha256.hexdigest()}

    def add_tree(self, prefix: str, root: Path) -> None:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                self.add(f"{prefix}/{path.relative_to(root).as_posix()}", path)

    def finish(self, manifest: dict) -> None:
        data = json.dumps({**manifest, "files": self.files}, ensure_ascii=False, indent=1)
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data.encode()), int(time.time()), 0o644
        self.tar.addfile(info, io.BytesIO(data.encode()))
        self.tar.close()
        self.raw.flush()
        os.fsync(self.raw.fileno())
        self.raw.close()
        os.replace(self.partial, self.path)

    def abort(self) -> None:
        self.tar.close()
        self.raw.close()
        self.partial.unlink(missing_ok=True)


def _member_name(path: Path, member: tarfile.TarInfo) -> str:
    name = PurePosixPath(member.name)
    parts = name.parts
    allowed = str(name) in {MANIFEST, SECRET_KEY, *DATABASES.values()} or (
        len(parts) > 1 and parts[0] == MEDIA
    )
    if (
        not allowed
        or name.is_absolute()
        or any(part in {"", ".", ".."} for part in parts)
        or not member.isreg()
    ):
        raise _damaged(path, f"unexpected member {member.name!r}")
    return str(name)


def extract(path: Path, into: Path) -> dict:
    """Unpack the backup at `path` into the empty directory `into` and check it whole.

    Returns the manifest; raises BackupError when the file is damaged, foreign or of
    a newer format, in which case only `into` has been written to.
    """
    found: dict[str, dict] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                name = _member_name(path, member)
                if name in found:
                    raise _damaged(path, f"{name} twice")
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                sha256 = hashlib.sha256()
                with open(target, "xb") as out:
                    while chunk := source.read(CHUNK):
                        sha256.update(chunk)
                        out.write(chunk)
                found[name] = {"size": member.size, "sha256": sha256.hexdigest()}
    except FileNotFoundError:
        raise BackupError(f"ไม่พบไฟล์สำรอง: {path}\nNo such backup file: {path}") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise _damaged(path, str(error) or type(error).__name__) from None
    if MANIFEST not in found:
        raise _damaged(path, f"no {MANIFEST}")
    manifest = _read_manifest(path, into / MANIFEST)
    del found[MANIFEST]
    expected = manifest["files"]
    if names := sorted(
        n for n in found.keys() | expected.keys() if found.get(n) != expected.get(n)
    ):
        raise _damaged(path, "checksum or member list differs: " + ", ".join(names[:5]))
    return manifest


def _read_manifest(path: Path, file: Path) -> dict:
    try:
        manifest = json.loads(file.read_text())
    except (UnicodeDecodeError, ValueError):
        raise _damaged(path, f"unreadable {MANIFEST}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(path, f"no {FORMAT} manifest")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"ไฟล์สำรองรูปแบบ {manifest.get('version')!r} ใหม่กว่าที่ Prongsai รุ่นนี้อ่านได้ ({VERSION})"
            f": ปรับรุ่น Prongsai ก่อน\n"
            f"Backup format {manifest.get('version')!r} is not {VERSION}: upgrade Prongsai first"
        )
    try:
        manifest["files"] = {
            str(name): {"size": int(record["size"]), "sha256": str(record["sha256"])}
            for name, record in manifest["files"].items()
        }
        engine, counts, migrations = manifest["engine"], manifest["counts"], manifest["migrations"]
        valid = (
            engine in DATABASES
            and DATABASES[engine] in manifest["files"]
            and all(TABLE_NAME.match(table) for table in counts)
            and all(type(count) is int and count >= 0 for count in counts.values())
            and all(isinstance(names, list) for names in migrations.values())
        )
    except (AttributeError, KeyError, TypeError, ValueError):
        valid = False
    if not valid:
        raise _damaged(path, f"invalid {MANIFEST}")
    return manifest
