"""python manage.py restore BACKUP [--noinput]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from prongsai.backups.archive import BackupError
from prongsai.backups.services import restore_backup, staged_backup


class Command(BaseCommand):
    help = (
        "กู้คืนฐานข้อมูล ไฟล์ที่อัปโหลด และกุญแจลับ จากไฟล์ของคำสั่ง backup แทนข้อมูลปัจจุบันทั้งหมด"
        " แล้ว migrate / replace all data with a backup, then migrate"
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="ไม่ถามยืนยัน / do not ask for confirmation",
        )

    def handle(self, *args, backup: Path, interactive: bool, **options):
        try:
            with staged_backup(backup) as staged:
                self.summarise(staged.manifest)
                if interactive and not self.confirmed():
                    raise CommandError("ยกเลิก ไม่มีอะไรเปลี่ยน / cancelled, nothing changed")
                restored = restore_backup(staged)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS("กู้คืนแล้ว / restored"))
        if restored.migrated:
            self.stdout.write(
                f"ไฟล์สำรองมาจากรุ่นก่อน: migrate แล้ว {len(restored.migrated)} รายการ"
                f" / the backup was older: applied {', '.join(restored.migrated)}"
            )
        if restored.secret_key_restored:
            self.stdout.write("กุญแจลับถูกกู้คืนด้วย / the secret key file was restored too")
        if not restored.field_key_matches:
            self.stderr.write(
                self.style.WARNING(
                    "กุญแจเข้ารหัสต่างจากตอนสำรอง: ต้องกรอก secret ของ LINE/Facebook ใหม่"
                    " หรือตั้ง SECRET_KEY/FIELD_ENCRYPTION_KEY ให้เหมือนเครื่องเดิม\n"
                    "The encryption key differs from the backup's: enter the LINE/Facebook"
                    " secrets again, or set SECRET_KEY/FIELD_ENCRYPTION_KEY as on the old server."
                )
            )
        self.stdout.write("เริ่ม app server และ worker ใหม่ / restart the app servers and workers")

    def confirmed(self) -> bool:
        try:
            return input("พิมพ์ yes เพื่อกู้คืน / type yes to restore: ").strip() == "yes"
        except EOFError:
            return False

    def summarise(self, manifest: dict) -> None:
        counts, media = manifest["counts"], manifest["media"]
        database = settings.DATABASES["default"]["NAME"]
        self.stdout.write(
            f"ไฟล์สำรอง / backup: {manifest['created_at']}, Prongsai {manifest['prongsai']},"
            f" {manifest['engine']}, {counts.get('inbox_case', 0):,} cases,"
            f" {media['files']:,} media files ({media['bytes']:,} bytes)\n"
            f"จะแทนที่ / will replace: database {database}, {settings.MEDIA_ROOT}"
            + (f", {settings.DATA_DIR}/secret_key" if manifest["secret_key"] else "")
        )
