"""Staff upload of an existing O42/O43 report: choose a file, check the preview, save.

The uploaded bytes wait in the session (compressed, at most MAX_FILE_SIZE) between
the preview and the confirmation, and are parsed again on confirmation: what
is saved never comes from the browser's copy of the preview.
"""

import base64
import hashlib
import secrets
import zlib
from datetime import date

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from prongsai.ita.importing import MAX_FILE_SIZE, SUFFIXES, ReportError, parse_report, save_report
from prongsai.ita.importing.save import ResponsibleMatcher, plan_contents
from prongsai.orgs.models import Membership, validate_fiscal_year
from prongsai.orgs.permissions import staff_required
from prongsai.thai.calendar import fiscal_year
from prongsai.thai.formatting import format_month_range

EDITORS = (Membership.Role.ADMIN, Membership.Role.OFFICER)
SESSION_KEY = "ita_import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("ไฟล์รายงาน"),
        help_text=gettext_lazy(
            "ไฟล์ข้อความแบบแท็บ (.txt, .tsv), HTML (.html) หรือ Word (.docx) ไม่เกิน 5 MB"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    fiscal_year = forms.IntegerField(
        label=gettext_lazy("ปีงบประมาณของแผน (พ.ศ.)"),
        validators=[validate_fiscal_year],
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        year = cleaned.get("fiscal_year")
        if upload is None or year is None:
            return cleaned
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("ไฟล์ใหญ่เกิน %(size)s MB") % {"size": MAX_FILE_SIZE // (1024 * 1024)}
            )
        data = upload.read()
        try:
            cleaned["report"] = parse_report(data, fiscal_year=year, filename=upload.name)
        except ReportError as error:
            raise forms.ValidationError(error.messages) from None
        cleaned["data"] = data
        return cleaned


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(required=False)

    def __init__(self, *args, existing_measures: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_measures = existing_measures
        self.fields["replace"].label = _(
            "แทนที่มาตรการเดิม %(count)s ข้อ พร้อมวิธีการและหลักฐานทั้งหมดของแผนนี้"
        ) % {"count": existing_measures}

    def clean_replace(self):
        replace = self.cleaned_data["replace"]
        if self.existing_measures and not replace:
            raise forms.ValidationError(_("แผนนี้มีมาตรการอยู่แล้ว: ยืนยันการแทนที่ก่อนบันทึก"))
        return replace


def _store(request, *, data: bytes, filename: str, year: int) -> None:
    request.session[SESSION_KEY] = {
        "org": request.org.pk,
        "year": year,
        "name": filename[:200],
        "data": base64.b64encode(zlib.compress(data)).decode("ascii"),
        "sha256": hashlib.sha256(data).hexdigest(),
        "token": secrets.token_urlsafe(16),
    }


def _pending(request) -> tuple[dict, bytes] | None:
    """The file waiting for confirmation in this org, or None."""
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict) or stored.get("org") != request.org.pk:
        return None
    try:
        # Read one byte past the limit, so an oversized entry shows and is refused.
        data = zlib.decompressobj().decompress(base64.b64decode(stored["data"]), MAX_FILE_SIZE + 1)
    except (KeyError, ValueError, zlib.error):
        return None
    if len(data) > MAX_FILE_SIZE or hashlib.sha256(data).hexdigest() != stored.get("sha256"):
        return None
    return stored, data


def _preview_rows(report, org) -> list[dict]:
    matcher = ResponsibleMatcher.for_org(org)
    measures = []
    for measure in report.measures:
        steps = []
        for step in measure.steps:
            divisions, positions = matcher.match(step.responsible)
            months = ""
            if step.start_month and step.end_month:
                months = format_month_range(step.start_month, step.end_month, full_year=True)
            steps.append(
                {
                    # Each field as its paragraphs, so the preview shows where they break.
                    "method": step.method.split("\n"),
                    "responsible": step.responsible.split("\n") if step.responsible else [],
                    "period": step.period_label.split("\n") if step.period_label else [],
                    "result": step.result.split("\n") if step.result else [],
                    "suggestion": step.suggestion.split("\n") if step.suggestion else [],
                    "links": [*divisions, *positions],
                    "months": months,
                }
            )
        measures.append({"measure": measure, "steps": steps, "rows": max(len(steps), 1)})
    return measures


@require_http_methods(["GET", "POST"])
@staff_required(*EDITORS)
def import_upload(request):
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"fiscal_year": fiscal_year(date.today())},
    )
    if request.method == "POST" and form.is_valid():
        _store(
            request,
            data=form.cleaned_data["data"],
            filename=form.cleaned_data["file"].name,
            year=form.cleaned_data["fiscal_year"],
        )
        return redirect("org:ita_import_preview", request.org.slug)
    return render(request, "ita/import/upload.html", {"form": form})


@require_http_methods(["GET", "POST"])
@staff_required(*EDITORS)
def import_preview(request):
    pending = _pending(request)
    if pending is None:
        messages.warning(request, _("ไม่พบไฟล์ที่รอนำเข้า กรุณาเลือกไฟล์อีกครั้ง"))
        return redirect("org:ita_import", request.org.slug)
    stored, data = pending
    year = stored["year"]
    try:
        report = parse_report(data, fiscal_year=year, filename=stored["name"])
    except ReportError as error:
        request.session.pop(SESSION_KEY, None)
        for message in error.messages:
            messages.error(request, message)
        return redirect("org:ita_import", request.org.slug)
    existing = plan_contents(org=request.org, fiscal_year=year)
    form = ConfirmForm(
        request.POST or None,
        initial={"token": stored["token"]},
        existing_measures=existing.measures,
    )
    if request.method == "POST" and form.is_valid():
        if not secrets.compare_digest(form.cleaned_data["token"], stored["token"]):
            messages.error(request, _("ไฟล์ที่รอนำเข้าเปลี่ยนไปแล้ว กรุณาตรวจสอบตัวอย่างอีกครั้ง"))
            return redirect("org:ita_import_preview", request.org.slug)
        try:
            save_report(
                org=request.org,
                fiscal_year=year,
                report=report,
                replace=form.cleaned_data["replace"],
                request=request,
                filename=stored["name"],
            )
        except ReportError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            request.session.pop(SESSION_KEY, None)
            messages.success(
                request,
                _("นำเข้าแผนปีงบประมาณ %(year)s แล้ว: %(measures)s มาตรการ %(steps)s วิธีการ")
                % {"year": year, "measures": len(report.measures), "steps": report.step_count},
            )
            return redirect("org:ita_plan", request.org.slug, year)
    context = {
        "form": form,
        "report": report,
        "measures": _preview_rows(report, request.org),
        "year": year,
        "filename": stored["name"],
        "existing": existing,
    }
    return render(request, "ita/import/preview.html", context)
