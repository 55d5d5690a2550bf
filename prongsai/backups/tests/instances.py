"""Prongsai instances of their own (DATA_DIR, database), driven through manage.py in subprocesses.

The test process's own database is pytest-django's; a backup and restore needs a whole
instance as an operator has one.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

LINE_SECRETS = """
from prongsai.messaging.line.models import LineAccount

for account in LineAccount.objects.order_by("pk"):
    print(account.channel_secret)
"""

ADD_ATTACHMENTS = """
import os
from django.core.files.base import ContentFile
from prongsai.inbox.models import Attachment, Case

for case in Case.objects.order_by("pk")[:3]:
    data = os.urandom(40_000)
    attachment = Attachment(
        case=case, stored_name=os.urandom(8).hex() + ".pdf", original_name="หลักฐาน.pdf",
        content_type="application/pdf", size=len(data),
    )
    attachment.file.save(attachment.stored_name, ContentFile(data), save=False)
    attachment.save()
"""

# Deletes a case with its files, edits another, changes the LINE secret, deletes survey
# responses, overwrites one upload in place and adds a file the backup does not have.
CHANGE_EVERYTHING = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from prongsai.inbox.models import Attachment, Case
from prongsai.messaging.line.models import LineAccount
from prongsai.surveys.models import Response

first, second = Attachment.objects.order_by("pk")[:2]
for attachment in first.case.attachments.all():
    attachment.file.delete(save=False)
first.case.delete()
Case.objects.filter(pk=second.case_id).update(subject="แก้ไขหลังสำรองข้อมูล")
with open(second.file.path, "wb") as file:
    file.write(b"overwritten after the backup")
account = LineAccount.objects.get(org__slug="prasat-thong")
account.channel_secret = "another-secret"
account.save()
Response.objects.filter(pk__in=list(Response.objects.values_list("pk", flat=True)[:5])).delete()
default_storage.save("stray/after-backup.bin", ContentFile(b"not in the backup"))
"""


class Instance:
    def __init__(self, data_dir: Path, database_url: str | None = None) -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        self.env = {
            name: value
            for name, value in os.environ.items()
            if name
            not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "MEDIA_ROOT"}
        }
        self.env["DATA_DIR"] = str(data_dir)
        if database_url:
            self.env["DATABASE_URL"] = database_url

    def run(self, *command: str, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            command, cwd=ROOT, env=self.env, input=input, capture_output=True, text=True
        )

    def manage(self, *arguments: str, input: str | None = None) -> subprocess.CompletedProcess:
        return self.run(sys.executable, "manage.py", *arguments, input=input)

    def ok(self, *arguments: str, input: str | None = None) -> str:
        result = self.manage(*arguments, input=input)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def python(self, code: str) -> str:
        return self.ok("shell", "-v", "0", "--command", code)

    def line_secrets(self) -> list[str]:
        """The LINE channel secrets as the instance decrypts them."""
        return self.python(LINE_SECRETS).splitlines()

    def state(self) -> dict:
        """Every row of every table, every upload's SHA-256 and the secret key file."""
        return {
            "rows": self.rows(),
            "media": self.media_files(),
            "secret_key": (self.data_dir / "secret_key").read_bytes(),
        }

    def rows(self) -> dict[str, list[str]]:
        with closing(self.connect()) as connection:
            cursor = connection.cursor()
            if self.database_url:
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            else:
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            rows = {}
            for (table,) in cursor.fetchall():
                cursor.execute(f'SELECT * FROM "{table}"')
                rows[table] = sorted(map(repr, cursor.fetchall()))
            return rows

    def execute(self, sql: str) -> None:
        with closing(self.connect()) as connection:
            connection.execute(sql)
            connection.commit()

    def connect(self):
        if self.database_url:
            import psycopg

            return psycopg.connect(self.database_url)
        return sqlite3.connect(self.data_dir / "prongsai.sqlite3")

    def media_files(self) -> dict[str, str]:
        media = self.data_dir / "media"
        return {
            path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(media.rglob("*"))
            if path.is_file()
        }


def differences(state: dict, expected: dict) -> list[str]:
    """What differs between two states: tables by name, uploads as media/<name>, the key file."""
    tables = state["rows"].keys() | expected["rows"].keys()
    media = state["media"].keys() | expected["media"].keys()
    return sorted(
        [name for name in tables if state["rows"].get(name) != expected["rows"].get(name)]
        + [
            f"media/{name}"
            for name in media
            if state["media"].get(name) != expected["media"].get(name)
        ]
        + (["secret_key"] if state["secret_key"] != expected["secret_key"] else [])
    )


def repack(source: Path, target: Path, *, manifest=None, members=None) -> None:
    """Copy a backup file, letting `manifest(dict)` and `members(dict[name, bytes])` edit it."""
    with tarfile.open(source, "r:gz") as tar:
        contents = {member.name: tar.extractfile(member).read() for member in tar}
    data = json.loads(contents.pop("manifest.json"))
    if members:
        members(contents)
    if manifest:
        manifest(data)
    contents["manifest.json"] = json.dumps(data).encode()
    with tarfile.open(target, "w:gz") as tar:
        for name, content in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
