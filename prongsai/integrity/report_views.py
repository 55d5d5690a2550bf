"""The quarterly executive reports in the staff area: the kept PDFs, making one, a preview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.integrity import quarterly
from prongsai.integrity.models import QuarterlyReport
from prongsai.orgs import audit
from prongsai.orgs.models import Membership, validate_fiscal_year
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org
from prongsai.thai import fiscal_quarter
from prongsai.typesetting import TypesettingError

Role = Membership.Role
# Who reads the reports, and who may make one on demand.
READERS = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
MAKERS = (Role.ADMIN, Role.EXECUTIVE)


def _quarter(year: int, quarter: int) -> tuple[int, int]:
    """The asked quarter if it has begun; else 404 (nothing to report yet)."""
    try:
        validate_fiscal_year(year)
    except ValidationError:
        raise Http404(_("ไม่มีปีงบประมาณนี้")) from None
    if quarter not in quarterly.QUARTERS or (year, quarter) > fiscal_quarter(timezone.localdate()):
        raise Http404(_("ไม่มีไตรมาสนี้"))
    return year, quarter


@require_GET
@staff_required(*READERS)
def quarterly_reports(request):
    """The org's kept reports, newest first, with the form to make one (admins, executives)."""
    reports = QuarterlyReport.objects.for_org(request.org)
    current_year, current_quarter = fiscal_quarter(timezone.localdate())
    context = {
        "reports": reports,
        "can_make": request.membership.role in MAKERS,
        "years": range(current_year, current_year - 5, -1),
        "quarters": quarterly.QUARTERS,
        "current": (current_year, current_quarter),
        "last_ended": quarterly.last_ended_quarter(),
    }
    return render(request, "integrity/reports/list.html", context)


@require_POST
@staff_required(*MAKERS)
def quarterly_report_make(request):
    """Make (or make again) the PDF of a quarter now, rather than wait for the schedule."""
    try:
        year, quarter = int(request.POST.get("year", "")), int(request.POST.get("quarter", ""))
        _quarter(year, quarter)
    except (ValueError, Http404):
        messages.error(request, _("เลือกปีงบประมาณและไตรมาสที่เริ่มแล้ว (ไตรมาส 1-4)"))
        return redirect("org:quarterly_reports", request.org.slug)
    try:
        report = quarterly.store_report(org=request.org, fiscal_year=year, quarter=quarter)
    except TypesettingError:
        messages.error(request, _("สร้างไฟล์ PDF ไม่สำเร็จ กรุณาลองใหม่หรือแจ้งผู้ดูแลระบบ"))
        return redirect("org:quarterly_reports", request.org.slug)
    with transaction.atomic():
        audit.record(
            action="quarterly_report_made",
            request=request,
            target=report,
            detail={"fiscal_year": year, "quarter": quarter},
        )
    messages.success(
        request,
        _("จัดทำรายงานไตรมาสที่ %(quarter)s ปีงบประมาณ %(year)s แล้ว")
        % {"quarter": quarter, "year": year},
    )
    return redirect("org:quarterly_reports", request.org.slug)


@require_GET
@staff_required(*READERS)
def quarterly_report_file(request, year: int, quarter: int):
    """The kept PDF: shown in the browser, or with ?download=1 saved as a file."""
    report = get_for_org(QuarterlyReport.objects, request.org, fiscal_year=year, quarter=quarter)
    if not report.pdf:
        raise Http404(_("ยังไม่มีไฟล์รายงานนี้"))
    try:
        handle = report.pdf.open("rb")
    except FileNotFoundError:
        raise Http404(_("ยังไม่มีไฟล์รายงานนี้")) from None
    name = f"{quarterly.filename(request.org, year, quarter)}.pdf"
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=request.GET.get("download") == "1",
        filename=name,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@staff_required(*READERS)
def quarterly_report_preview(request, year: int, quarter: int):
    """The quarter as it stands now, as a page: what the next PDF would say."""
    year, quarter = _quarter(year, quarter)
    data = quarterly.quarterly_data(org=request.org, fiscal_year=year, quarter=quarter)
    kept = QuarterlyReport.objects.for_org(request.org).filter(fiscal_year=year, quarter=quarter)
    context = {
        "report": data,
        "kept": kept.first(),
        "can_make": request.membership.role in MAKERS,
        "year": year,
        "quarter": quarter,
    }
    response = render(request, "integrity/reports/preview.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
