"""`manage.py escalate_cases`: tell division heads, then executives, of late matters.

Celery beat runs it every 15 minutes with a broker; the embedded default runs
this command from cron as often. A second run escalates nothing twice.
"""

from django.core.management.base import BaseCommand

from prongsai.inbox import escalation


class Command(BaseCommand):
    help = "ยกระดับเรื่องที่เกินกำหนด: แจ้งหัวหน้าส่วนราชการ และแจ้งผู้บริหารเมื่อยังค้างอยู่"

    def handle(self, *args, **options) -> None:
        steps = escalation.escalate_overdue()
        if options["verbosity"]:
            self.stdout.write(f"escalated {steps}")
