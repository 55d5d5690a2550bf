"""python manage.py flag_budget_questions [--org SLUG] [--force]

E-mails each org's executives the staff budget questions left unanswered past
the time limit; run it daily (cron or Celery beat). A second run the same day
sends nothing unless --force.
"""

from django.core.management.base import BaseCommand, CommandError

from prongsai.integrity import budget
from prongsai.orgs.models import Organization


class Command(BaseCommand):
    help = "แจ้งผู้บริหารทางอีเมลถึงคำถาม/ข้อทักท้วงเรื่องงบประมาณของบุคลากรที่ยังไม่ได้ตอบเกินกำหนด"

    def add_arguments(self, parser):
        parser.add_argument("--org", help="slug ของหน่วยงาน (ไม่ระบุ = ทุกหน่วยงานที่เปิดใช้งาน)")
        parser.add_argument("--force", action="store_true", help="ส่งอีกแม้วันนี้ส่งไปแล้ว")

    def handle(self, *args, org: str | None, force: bool, **options):
        orgs = Organization.objects.filter(is_active=True)
        if org:
            orgs = orgs.filter(slug=org)
            if not orgs.exists():
                raise CommandError(f"ไม่พบหน่วยงาน “{org}”")
        for organization in orgs.order_by("slug"):
            count = budget.flag_overdue_questions(org=organization, force=force)
            if count:
                self.stdout.write(f"{organization.slug}: แจ้งผู้บริหาร {count} เรื่องที่เกินกำหนด")
