from django.core.management.base import BaseCommand
from django.db import transaction

from prongsai.eservices import demo as eservices_demo
from prongsai.inbox import demo as inbox_demo
from prongsai.integrity import demo as integrity_demo
from prongsai.ita import demo as ita_demo
from prongsai.ita import framework
from prongsai.ita.models import FrameworkYear
from prongsai.messaging.boards import demo as boards_demo
from prongsai.messaging.line import demo as line_demo
from prongsai.messaging.livechat import demo as livechat_demo
from prongsai.orgs import demo as orgs_demo
from prongsai.orgs.models import Organization
from prongsai.portal import demo as portal_demo
from prongsai.portal import oit_demo
from prongsai.surveys import demo as surveys_demo


class Command(BaseCommand):
    help = "Load the demo: อบต.ปราสาททอง and a second org, with staff logins (idempotent)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            if not FrameworkYear.objects.exists():
                # Migrations load the frameworks; a flushed database (a test's) has lost them.
                framework.load_files()
            logins = orgs_demo.load()
            prasat_thong = Organization.objects.get(slug=orgs_demo.PRASAT_THONG["slug"])
            eservices_demo.load(prasat_thong)
            inbox_demo.load(prasat_thong)
            line_demo.load(prasat_thong)
            boards_demo.load(prasat_thong)
            livechat_demo.load(prasat_thong)
            surveys_demo.load(prasat_thong)
            ita_demo.load(prasat_thong)
            integrity_demo.load(prasat_thong)
            portal_demo.load(prasat_thong)
            # Last: its evidence links to the pages and reports loaded above.
            oit_demo.load(prasat_thong)
        if options["verbosity"] == 0:
            return
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Staff logins:"))
        for login in logins:
            self.stdout.write(
                f"  {login.username:<14} {login.password:<15} {login.org:<14} {login.role}"
            )
