"""The O42 plan and O43 results reports: staff buttons and the org's public pages."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prongsai.ita.models import Plan
from prongsai.ita.reports import kinds as report_kinds
from prongsai.ita.reports.data import KINDS, get_plan, report_data
from prongsai.ita.reports.measures import FORMATS, render_data
from prongsai.orgs import audit
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.typesetting import TypesettingError

Role = Membership.Role
REPORT_ROLES = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)
FILE_FORMATS = ("pdf", "docx")


def _plan(request, year: int, kind: str) -> Plan:
    if kind not in KINDS:
        raise Http404(_("ไม่มีรายงานนี้"))
    plan = get_plan(org=request.org, fiscal_year=year)
    if plan is None:
        raise Http404(_("ยังไม่มีแผนมาตรการของปีงบประมาณนี้"))
    return plan


def is_published(plan: Plan, kind: str) -> bool:
    return plan.o42_published if kind == "o42" else plan.o43_published


def _file(request, data: dict, fmt: str, *, private: bool) -> HttpResponse:
    try:
        output = render_data(data, fmt)
    except TypesettingError:
        return HttpResponse(
            _("สร้างไฟล์ PDF ไม่สำเร็จ กรุณาลองใหม่หรือแจ้งผู้ดูแลระบบ"),
            status=500,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


@require_GET
@staff_required(*REPORT_ROLES)
def staff_report(request, year: int, kind: str, fmt: str):
    """The report for staff: a page that warns about figures it could not compute, or a file."""
    if fmt not in FORMATS:
        raise Http404(_("ไม่มีรูปแบบไฟล์นี้"))
    plan = _plan(request, year, kind)
    thai_digits = request.GET.get("digits") != "arabic"
    data = report_data(plan, kind, thai_digits=thai_digits)
    if fmt == "html":
        context = {
            "report": data,
            "year": year,
            "kind": kind,
            "kinds": [k for k in report_kinds() if k.name in KINDS],
            "published": is_published(plan, kind),
        }
        response = render(request, "ita/reports/staff_report.html", context)
        response["Cache-Control"] = "private, no-store"
        return response
    audit.record(
        action="ita_report_exported",
        request=request,
        target=plan,
        detail={"kind": kind, "format": fmt, "thai_digits": thai_digits},
    )
    return _file(request, data, fmt, private=True)


def _published_plan(request, year: int, kind: str) -> Plan:
    plan = _plan(request, year, kind)
    if not is_published(plan, kind):
        raise Http404(_("รายงานนี้ยังไม่เผยแพร่"))
    return plan


@require_GET
def public_report(request, year: int, kind: str):
    """A published O42 or O43 on the org's public pages; figure problems are never shown."""
    plan = _published_plan(request, year, kind)
    context = {"report": report_data(plan, kind), "year": year, "kind": kind}
    return render(request, "ita/reports/public_report.html", context)


@require_GET
def public_report_file(request, year: int, kind: str, fmt: str):
    """The PDF or DOCX of a published report."""
    if fmt not in FILE_FORMATS:
        raise Http404(_("ไม่มีรูปแบบไฟล์นี้"))
    plan = _published_plan(request, year, kind)
    return _file(request, report_data(plan, kind), fmt, private=False)
