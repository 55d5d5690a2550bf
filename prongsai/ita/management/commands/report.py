"""`manage.py report KIND --org SLUG --year YYYY --format pdf|docx|html --out FILE`.

The kinds come from `prongsai.ita.reports.registry`: o42 and o43 here, and
whatever other apps register (with their own options, such as `--quarter`).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from prongsai.ita import reports
from prongsai.orgs.models import Organization

FORMATS = ("pdf", "docx", "html")


class Command(BaseCommand):
    help = "Write a report (O42 plan, O43 results, …) of an org's fiscal year to a file."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = reports.kinds()
        parser.add_argument("kind", help="one of: " + ", ".join(k.name for k in kinds))
        parser.add_argument("--org", required=True, help="the org's slug, e.g. prasat-thong")
        parser.add_argument(
            "--year", required=True, type=int, help="the fiscal year, Buddhist era, e.g. 2566"
        )
        parser.add_argument("--format", default="pdf", choices=FORMATS, dest="fmt")
        parser.add_argument("--out", required=True, help="file to write, or - for stdout")
        parser.add_argument(
            "--arabic-digits",
            action="store_true",
            help="write numbers, years and page numbers in 0-9 rather than Thai digits",
        )
        # The kinds' own options; each kind refuses those it does not take.
        seen: set[str] = set()
        for kind in kinds:
            for option in kind.options:
                if option.name in seen:
                    continue
                seen.add(option.name)
                parser.add_argument(
                    f"--{option.name}",
                    type=option.type,
                    choices=option.choices,
                    default=None,
                    help=f"{option.help} ({kind.name})",
                )

    def handle(self, *args, **options) -> None:
        kind = reports.get(options["kind"])
        if kind is None:
            raise CommandError(
                _("ไม่รู้จักรายงาน “%(name)s” ใช้ได้: %(kinds)s")
                % {"name": options["kind"], "kinds": ", ".join(k.name for k in reports.kinds())}
            )
        org = Organization.objects.filter(slug=options["org"]).first()
        if org is None:
            raise CommandError(_("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": options["org"]})
        extra = {
            option.name: options.get(option.name.replace("-", "_"))
            for k in reports.kinds()
            for option in k.options
        }
        try:
            output = reports.build(
                kind.name,
                org,
                options["year"],
                options["fmt"],
                thai_digits=not options["arabic_digits"],
                options=extra,
            )
        except reports.ReportError as error:
            raise CommandError(str(error)) from error
        if options["out"] == "-":
            sys.stdout.buffer.write(output.content)
            sys.stdout.buffer.flush()
            return
        path = Path(options["out"])
        try:
            path.write_bytes(output.content)
        except OSError as error:
            raise CommandError(
                _("เขียนไฟล์ %(path)s ไม่ได้: %(error)s") % {"path": path, "error": error}
            ) from error
        if options["verbosity"]:
            self.stderr.write(f"{path} ({len(output.content):,} bytes)")
