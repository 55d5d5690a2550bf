"""`manage.py send_digests`: the morning digest of open matters to each division head.

Celery beat runs it at 07:00 with a broker; the embedded default runs this
command from cron. However often it runs, a person gets one digest a day.
"""

from django.core.management.base import BaseCommand

from prongsai.inbox import escalation


class Command(BaseCommand):
    help = "ส่งอีเมลสรุปเรื่องที่ยังไม่ปิดประจำวันถึงหัวหน้าส่วนราชการ (วันละครั้ง)"

    def handle(self, *args, **options) -> None:
        owed = escalation.send_division_digests()
        if options["verbosity"]:
            self.stdout.write(f"digests owed {owed}")
