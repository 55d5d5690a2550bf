"""python manage.py import_report FILE --org SLUG --year YYYY [--dry-run] [--replace]"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from prongsai.ita.importing import (
    MAX_FILE_SIZE,
    ParsedReport,
    ReportError,
    parse_report,
    save_report,
)
from prongsai.ita.importing.save import plan_contents
from prongsai.orgs.models import Organization, validate_fiscal_year


class Command(BaseCommand):
    help = "นำเข้ารายงานมาตรการ O42/O43 จากไฟล์ .txt/.tsv (แท็บ), .html หรือ .docx เข้าแผนของหน่วยงาน"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", required=True, help="slug ของหน่วยงาน เช่น prasat-thong")
        parser.add_argument("--year", required=True, type=int, help="ปีงบประมาณ พ.ศ. เช่น 2566")
        parser.add_argument("--dry-run", action="store_true", help="อ่านและสรุปเท่านั้น ไม่บันทึก")
        parser.add_argument("--replace", action="store_true", help="แทนที่มาตรการเดิมของแผนปีนั้น (ถ้ามี)")

    def handle(
        self, *args, file: Path, org: str, year: int, dry_run: bool, replace: bool, **options
    ):
        try:
            validate_fiscal_year(year)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"ไม่พบหน่วยงาน “{org}”")
        try:
            if file.stat().st_size > MAX_FILE_SIZE:
                raise CommandError(f"ไฟล์ใหญ่เกิน {MAX_FILE_SIZE // (1024 * 1024)} MB: {file}")
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"เปิดไฟล์ไม่ได้: {file} ({error.strerror})") from None
        try:
            report = parse_report(data, fiscal_year=year, filename=file.name)
        except ReportError as error:
            raise CommandError(f"นำเข้า {file.name} ไม่ได้:\n" + "\n".join(error.messages)) from None
        self.summarise(report)
        existing = plan_contents(org=organization, fiscal_year=year)
        if existing.measures and not replace:
            raise CommandError(
                f"แผนปีงบประมาณ {year} ของ {organization.short_name} มีมาตรการอยู่แล้ว "
                f"{existing.measures} ข้อ: ใช้ --replace เพื่อแทนที่"
            )
        if dry_run:
            note = f" (จะแทนที่ {existing.measures} มาตรการเดิม)" if existing.measures else ""
            self.stdout.write(f"ทดลองอ่านเท่านั้น ยังไม่ได้บันทึก{note}")
            return
        try:
            save_report(
                org=organization,
                fiscal_year=year,
                report=report,
                replace=replace,
                filename=file.name,
            )
        except ReportError as error:
            raise CommandError("\n".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"บันทึกแผนปีงบประมาณ {year} ของ {organization.short_name} แล้ว: "
                f"{len(report.measures)} มาตรการ {report.step_count} วิธีการ"
            )
        )

    def summarise(self, report: ParsedReport) -> None:
        if report.title:
            self.stdout.write(report.title.replace("\n", " "))
        for measure in report.measures:
            tools = f" ({', '.join(measure.tools)})" if measure.tools else ""
            self.stdout.write(f"{measure.number}. {measure.title.replace(chr(10), ' ')}{tools}")
            for order, step in enumerate(measure.steps, 1):
                period = f" [{step.period_label.splitlines()[0]}]" if step.period_label else ""
                self.stdout.write(f"   {order}) {step.method[:70]}{period}")
        self.stdout.write(f"รวม {len(report.measures)} มาตรการ {report.step_count} วิธีการ")
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"คำเตือน: {warning}"))
