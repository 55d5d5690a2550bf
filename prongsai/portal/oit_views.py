"""The OIT evidence index, the public pages it generates, and the staff pages that complete it.

Public pages are cached for anonymous visitors and set no cookie. Staff pages:
admins and officers add, order and remove evidence; executives read the status.
Another org's evidence answers 404 on every route, as does a year outside
2500–2700; a year without a framework answers 404 with a Thai explanation.
"""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai import thai
from prongsai.inbox import statistics
from prongsai.inbox.attachments import stored_file_response
from prongsai.inbox.forms import apply_errors
from prongsai.integrity import gifts
from prongsai.ita.models import FrameworkYear
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org
from prongsai.portal import documents, oit
from prongsai.portal.caching import cached_public_page
from prongsai.portal.evidence import add_evidence, move_evidence, remove_evidence
from prongsai.portal.models import OitEvidence
from prongsai.portal.oit_forms import evidence_forms

Role = Membership.Role
EDITORS = (Role.ADMIN, Role.OFFICER)
READERS = (Role.ADMIN, Role.OFFICER, Role.EXECUTIVE)


def _framework(year: int) -> FrameworkYear | None:
    if not oit.is_fiscal_year(year):
        raise Http404(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๖"))
    return oit.framework_for(fiscal_year=year)


def _not_found(request, message: str, *, years=(), name: str = "org:oit") -> HttpResponse:
    """A 404 that says why in Thai, and offers the years that do exist."""
    links = [(year, reverse(name, args=[request.org.slug, year])) for year in years]
    context = {"message": message, "years": links}
    return render(request, "portal/oit/not_found.html", context, status=404)


def _no_framework(request, year: int, *, name: str = "org:oit") -> HttpResponse:
    message = _("ยังไม่มีกรอบการประเมิน ITA ของปีงบประมาณ %(year)s จึงยังไม่มีรายการข้อมูล OIT ของปีนี้") % {
        "year": year
    }
    return _not_found(request, message, years=oit.framework_years(), name=name)


def _year_links(request, name: str, years, current: int) -> list[dict]:
    return [
        {"year": y, "url": reverse(name, args=[request.org.slug, y]), "current": y == current}
        for y in years
    ]


# Public ----------------------------------------------------------------------------------------


@require_GET
def oit_current(request):
    year = oit.current_year()
    if year is None:
        raise Http404(_("ยังไม่มีกรอบการประเมิน ITA ในระบบ"))
    return redirect("org:oit", request.org.slug, year)


@require_GET
@cached_public_page
def index(request, year: int):
    framework = _framework(year)
    if framework is None:
        return _no_framework(request, year)
    context = {
        "index": oit.oit_index(org=request.org, framework=framework),
        "years": _year_links(request, "org:oit", oit.framework_years(), year),
        "today": timezone.localdate(),
    }
    return render(request, "portal/oit/index.html", context)


@require_GET
def evidence_file(request, year: int, pk: int):
    """A file the org published as evidence: public, but only under its own org and year."""
    if not oit.is_fiscal_year(year):
        raise Http404
    rows = OitEvidence.objects.filter(fiscal_year=year).exclude(file="")
    evidence = get_for_org(rows, request.org, pk=pk)
    content_type = documents.content_type(evidence)
    extension = evidence.file.name[evidence.file.name.rfind(".") :]
    return stored_file_response(
        evidence.file,
        content_type=content_type,
        # A sandboxed PDF or document does not open in the browser, so it is downloaded.
        as_attachment=not content_type.startswith("image/"),
        filename=f"{evidence.title[:80]}{extension}",
        cache_control="public, max-age=600",
    )


@require_GET
@cached_public_page
def no_gift(request, year: int):
    """The No Gift report of a year: the policy as announced, and the year's figures (no names)."""
    if not oit.is_fiscal_year(year):
        raise Http404
    org = request.org
    today = timezone.localdate()
    policy = oit.announced_policy(org=org, fiscal_year=year, today=today)
    announced = [p.fiscal_year for p in gifts.policies(org=org) if p.announced_on <= today]
    if policy is None:
        message = _("ยังไม่มีประกาศนโยบายไม่รับของขวัญ (No Gift Policy) ของปีงบประมาณ %(year)s") % {
            "year": year
        }
        return _not_found(request, message, years=announced, name="org:no_gift")
    summary = gifts.gift_summary(org=org, fiscal_year=year)
    start, end = summary["start"], summary["end"]
    context = {
        "policy": policy,
        "summary": summary,
        "year": year,
        "period": thai.format_date_range(start, end, thai_digits=False),
        "as_of": today if start <= today <= end else None,
        "years": _year_links(request, "org:no_gift", announced, year),
    }
    return render(request, "portal/oit/no_gift.html", context)


@require_GET
@cached_public_page
def complaint_guide(request):
    context = {
        "guide": oit.complaint_guide(org=request.org),
        "current_year": thai.fiscal_year(timezone.localdate()),
    }
    return render(request, "portal/oit/complaint_guide.html", context)


@require_GET
@cached_public_page
def service_stats(request, year: int):
    """Requests per service and quarter of a fiscal year (OIT "ข้อมูลเชิงสถิติการให้บริการ")."""
    if not oit.is_fiscal_year(year):
        raise Http404
    org = request.org
    years = statistics.fiscal_years(org=org)
    if year not in years:
        message = _("ยังไม่มีสถิติการให้บริการของปีงบประมาณ %(year)s") % {"year": year}
        return _not_found(request, message, years=years, name="org:service_stats")
    kinds = statistics.SERVICE_KINDS
    by_channel = statistics.case_table(
        org=org, fiscal_year=year, rows="channel", period="quarter", kinds=kinds
    )
    # Only the channels people used: eleven rows of "–" would hide the two that matter.
    used = [r for r in by_channel.rows if r.total and r.key in statistics.PUBLIC_CHANNELS]
    by_status = statistics.case_table(
        org=org, fiscal_year=year, rows="status", period="quarter", kinds=kinds
    )
    context = {
        "year": year,
        "period": thai.format_date_range(*thai.fiscal_year_range(year), thai_digits=False),
        "by_service": _by_quarter(statistics.service_table(org=org, fiscal_year=year)),
        "by_status": _by_quarter(by_status),
        "by_channel": _by_quarter(replace(by_channel, rows=tuple(used))),
        "as_of": timezone.localdate(),
        "years": _year_links(request, "org:service_stats", years, year),
    }
    return render(request, "portal/oit/service_stats.html", context)


def _by_quarter(table: statistics.CaseTable) -> dict:
    """A table as the template lays it out: each count beside the name of its quarter."""
    names = [period.name for period in table.periods]
    return {
        "periods": table.periods,
        "rows": [
            {
                "label": row.label,
                "cells": list(zip(names, row.counts, strict=True)),
                "total": row.total,
            }
            for row in table.rows
        ],
        "totals": list(zip(names, table.totals, strict=True)) if table.rows else [],
        "total": table.total,
    }


# Staff -----------------------------------------------------------------------------------------


def _staff_url(request, year: int, code: str = "") -> str:
    if code:
        return reverse("org:oit_staff_item", args=[request.org.slug, year, code])
    return reverse("org:oit_staff", args=[request.org.slug, year])


@staff_required(*READERS)
@require_GET
def staff_current(request):
    year = oit.current_year()
    if year is None:
        raise Http404(_("ยังไม่มีกรอบการประเมิน ITA ในระบบ"))
    return redirect("org:oit_staff", request.org.slug, year)


@staff_required(*READERS)
@require_GET
def staff_index(request, year: int):
    framework = _framework(year)
    if framework is None:
        return _no_framework(request, year, name="org:oit_staff")
    index = oit.oit_index(org=request.org, framework=framework)
    only_missing = request.GET.get("missing") == "1"
    groups = [
        {"group": group, "items": [i for i in group.items if i.is_missing or not only_missing]}
        for group in index.groups
    ]
    context = {
        "index": index,
        "groups": [g for g in groups if g["items"]],
        "only_missing": only_missing,
        "can_edit": request.membership.role in EDITORS,
        "years": _year_links(request, "org:oit_staff", oit.framework_years(), year),
    }
    response = render(request, "portal/oit/staff.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def staff_item(request, year: int, code: str):
    framework = _framework(year)
    if framework is None:
        return _no_framework(request, year, name="org:oit_staff")
    item = oit.oit_item(org=request.org, framework=framework, code=code)
    if item is None:
        raise Http404(_("ไม่มีข้อนี้ในกรอบการประเมินของปีนี้"))
    kind = request.POST.get("kind", "") if request.method == "POST" else ""
    forms = evidence_forms(request.org, request.POST, request.FILES, kind)
    if request.method == "POST":
        form = forms.get(kind)
        if form is None:
            messages.error(request, _("ไม่รู้จักชนิดหลักฐานที่ส่งมา กรุณาลองใหม่"))
        elif form.is_valid():
            try:
                evidence = add_evidence(
                    org=request.org,
                    fiscal_year=year,
                    item_code=item.code,
                    title=form.cleaned_data.get("title", ""),
                    upload=form.cleaned_data.get("file"),
                    url=form.cleaned_data.get("url", ""),
                    page=form.cleaned_data.get("page"),
                    request=request,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("เพิ่มหลักฐาน “%(title)s” ในข้อ %(code)s แล้ว")
                    % {"title": evidence.title, "code": item.code},
                )
                return redirect(_staff_url(request, year, item.code) + "#evidence")
        if form is not None:
            messages.error(request, _("ยังไม่ได้เพิ่มหลักฐาน กรุณาแก้ไขตามที่แจ้งไว้"))
    context = {"item": item, "year": year, "forms": forms, "open_form": kind}
    response = render(request, "portal/oit/staff_item.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _staff_evidence(request, year: int, pk: int) -> OitEvidence:
    if not oit.is_fiscal_year(year):
        raise Http404
    return get_for_org(OitEvidence.objects.filter(fiscal_year=year), request.org, pk=pk)


@staff_required(*EDITORS)
@require_POST
def evidence_move(request, year: int, pk: int):
    evidence = _staff_evidence(request, year, pk)
    up = request.POST.get("direction") == "up"
    move_evidence(org=request.org, evidence=evidence, up=up, request=request)
    return redirect(_staff_url(request, year, evidence.item_code) + "#evidence")


@staff_required(*EDITORS)
@require_POST
def evidence_delete(request, year: int, pk: int):
    evidence = _staff_evidence(request, year, pk)
    remove_evidence(org=request.org, evidence=evidence, request=request)
    messages.success(request, _("ลบหลักฐาน “%(title)s” แล้ว") % {"title": evidence.title})
    return redirect(_staff_url(request, year, evidence.item_code) + "#evidence")
