"""python manage.py backup [--out PATH] [--without-secret-key]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.backups.archive import BackupError
from prongsai.backups.services import create_backup


class Command(BaseCommand):
    help = (
        "สำรองฐานข้อมูล ไฟล์ที่อัปโหลด และกุญแจลับ เป็นไฟล์ .tar.gz (ค่าเริ่มต้น DATA_DIR/backups/) / "
        "back up the database, uploads and secret key into one .tar.gz"
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help="ไฟล์หรือโฟลเดอร์ปลายทาง / file or folder")
        parser.add_argument(
            "--without-secret-key",
            action="store_true",
            help="ไม่เก็บ DATA_DIR/secret_key: ความลับของ LINE/Facebook ต้องกรอกใหม่หลังกู้คืนที่อื่น"
            " / leave the key out; LINE/Facebook secrets must then be entered again elsewhere",
        )

    def handle(self, *args, out: Path | None, without_secret_key: bool, **options):
        try:
            path, manifest = create_backup(out=out, secret_key=not without_secret_key)
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts, media = manifest["counts"], manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(f"สำรองข้อมูลแล้ว / backed up: {path} ({path.stat().st_size:,} bytes)")
        )
        self.stdout.write(
            f"{manifest['engine']}: {sum(counts.values()):,} rows in {len(counts)} tables"
            f" ({counts.get('inbox_case', 0):,} cases); media: {media['files']:,} files,"
            f" {media['bytes']:,} bytes"
        )
        if manifest["secret_key"]:
            self.stdout.write(
                self.style.WARNING(
                    "ไฟล์นี้มีกุญแจลับและข้อมูลส่วนบุคคล: เก็บเป็นความลับ (mode 0600)\n"
                    "This file holds the secret key and personal data: keep it secret."
                )
            )
