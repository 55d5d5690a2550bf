"""The org's ITAS links per fiscal year: the staff form and the one function that saves them."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from prongsai.orgs import audit
from prongsai.orgs.models import ItasLink, Organization, validate_fiscal_year
from prongsai.thai.calendar import fiscal_year_range
from prongsai.thai.formatting import format_date

_FIELDS = ("eit_url", "iit_url", "opens_on", "closes_on")


_URL_ERRORS = {"invalid": _("ลิงก์ไม่ถูกต้อง กรุณาคัดลอกจากระบบ ITAS ทั้งบรรทัด")}


class ItasLinkForm(forms.ModelForm):
    """Links and the invitation period; the fiscal year is typed once, when a year is added."""

    # A link pasted without its scheme is taken as https, the only scheme accepted.
    eit_url = forms.URLField(
        label=_("ลิงก์แบบวัด EIT"),
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages=_URL_ERRORS,
        help_text=_("ลิงก์แบบวัดสำหรับผู้รับบริการ ได้จากระบบ ITAS ของสำนักงาน ป.ป.ช."),
        widget=forms.URLInput(attrs={"placeholder": "https://itas.nacc.go.th/go/eit/…"}),
    )
    iit_url = forms.URLField(
        label=_("ลิงก์แบบวัด IIT"),
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages=_URL_ERRORS,
        help_text=_("ลิงก์แบบวัดสำหรับบุคลากรของหน่วยงาน"),
        widget=forms.URLInput(attrs={"placeholder": "https://itas.nacc.go.th/go/iit/…"}),
    )

    class Meta:
        model = ItasLink
        fields = ("fiscal_year", *_FIELDS)
        widgets = {
            "fiscal_year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 2500}),
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "fiscal_year": _("ปี พ.ศ. เช่น 2568"),
            "opens_on": _("หน้าแรกของเว็บไซต์แสดงคำเชิญตั้งแต่วันนี้"),
            "closes_on": _("เว้นว่างได้ถ้ายังไม่ทราบวันปิด"),
        }
        error_messages = {
            "fiscal_year": {
                "required": _("กรุณาระบุปีงบประมาณ"),
                "invalid": _("ปีงบประมาณต้องเป็นตัวเลข"),
            },
            "opens_on": {"invalid": _("วันที่ไม่ถูกต้อง")},
            "closes_on": {"invalid": _("วันที่ไม่ถูกต้อง")},
        }

    def __init__(self, org: Organization, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.org = org
        self.instance.org = org
        if self.instance.pk:
            # The year names the record (and the invitation page's address): it stays.
            del self.fields["fiscal_year"]
        for name in ("opens_on", "closes_on"):
            self.fields[name].input_formats = ["%Y-%m-%d"]

    def clean_fiscal_year(self) -> int:
        year = self.cleaned_data["fiscal_year"]
        validate_fiscal_year(year)
        if ItasLink.objects.for_org(self.org).filter(fiscal_year=year).exists():
            raise ValidationError(
                _("มีลิงก์ของปีงบประมาณ %(year)s แล้ว กรุณาแก้ไขปีนั้นแทน") % {"year": year}
            )
        return year

    def _clean_url(self, name: str) -> str:
        url = self.cleaned_data.get(name, "").strip()
        if url and not url.lower().startswith("https://"):
            raise ValidationError(_("ลิงก์ต้องขึ้นต้นด้วย https:// เพื่อความปลอดภัยของผู้ตอบ"))
        return url

    def clean_eit_url(self) -> str:
        return self._clean_url("eit_url")

    def clean_iit_url(self) -> str:
        return self._clean_url("iit_url")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        if not data.get("eit_url") and not data.get("iit_url"):
            raise ValidationError(_("กรุณาระบุลิงก์แบบวัด EIT หรือ IIT อย่างน้อยหนึ่งลิงก์"))
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if closes_on and not opens_on:
            self.add_error("opens_on", _("กรุณาระบุวันเปิดให้ตอบด้วย"))
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("วันปิดต้องไม่ก่อนวันเปิด"))
        year = data.get("fiscal_year") or self.instance.fiscal_year
        start, end = fiscal_year_range(year)
        for name in ("opens_on", "closes_on"):
            day = data.get(name)
            if day and not start <= day <= end and name not in self.errors:
                self.add_error(
                    name,
                    _("วันที่ต้องอยู่ในปีงบประมาณ %(year)s (%(start)s ถึง %(end)s)")
                    % {
                        "year": year,
                        "start": format_date(start, thai_digits=False),
                        "end": format_date(end, thai_digits=False),
                    },
                )
        return data


def save_itas_link(*, form: ItasLinkForm, actor, request=None) -> ItasLink:
    """Save a valid form's ITAS links and record who added or changed them, all or nothing."""
    link = form.instance
    created = link.pk is None
    changed = {name: str(form.cleaned_data.get(name) or "") for name in form.changed_data}
    try:
        with transaction.atomic():
            link = form.save()
            audit.record(
                action="itas_link_created" if created else "itas_link_changed",
                request=request,
                actor=actor,
                org=link.org,
                target=link,
                detail={"fiscal_year": link.fiscal_year, "changed": changed},
            )
    except IntegrityError:
        # Two admins added the same year at once; the other one's is kept.
        raise ValidationError({"fiscal_year": _("มีลิงก์ของปีงบประมาณนี้แล้ว กรุณาแก้ไขปีนั้นแทน")}) from None
    return link
