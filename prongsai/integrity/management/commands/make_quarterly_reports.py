"""`manage.py make_quarterly_reports [--org SLUG] [--year 2566 --quarter 2]`.

Stores the quarterly executive report (PDF) of each active org, by default for
the quarter that just ended. The embedded default has no Celery beat: run this
from cron or a systemd timer on the 1st of January, April, July and October.
Running it twice replaces the reports; it never makes a second one.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.integrity import quarterly
from prongsai.orgs.models import Organization


class Command(BaseCommand):
    help = "Store the quarterly executive report of every active org (default: last quarter)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="only this org's slug, e.g. prasat-thong")
        parser.add_argument("--year", type=int, help="fiscal year, Buddhist era, e.g. 2566")
        parser.add_argument("--quarter", type=int, choices=quarterly.QUARTERS, help="1-4")

    def handle(self, *args, **options) -> None:
        year, quarter = options["year"], options["quarter"]
        if (year is None) != (quarter is None):
            raise CommandError(_("ระบุ --year และ --quarter คู่กัน หรือไม่ระบุทั้งสอง"))
        if year is None:
            year, quarter = quarterly.last_ended_quarter()
        orgs = Organization.objects.filter(is_active=True).order_by("slug")
        if options["org"]:
            orgs = orgs.filter(slug=options["org"])
            if not orgs.exists():
                raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["org"]})
        stored, failed = quarterly.store_due_reports(orgs=orgs, fiscal_year=year, quarter=quarter)
        if options["verbosity"]:
            for report in stored:
                self.stdout.write(f"{report.org.slug} {year} Q{quarter}: {report.pdf.name}")
        if failed:
            raise CommandError(
                _("จัดทำรายงานไม่สำเร็จ: %(slugs)s") % {"slugs": ", ".join(o.slug for o in failed)}
            )
