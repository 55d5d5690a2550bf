"""Forms of the property-loan and No Gift pages. They parse; the services in
`property` and `gifts` decide what is allowed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai import thai
from prongsai.integrity import property as loans
from prongsai.integrity.models import GiftDeclaration, GiftPolicy, PropertyItem
from prongsai.orgs.models import Organization

ISO_DATE = "%Y-%m-%d"


def date_field(label, required: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        input_formats=[ISO_DATE],
        error_messages={
            "required": required,
            "invalid": _("วันที่ไม่ถูกต้อง กรุณาเลือกจากปฏิทิน"),
        },
        **kwargs,
    )


class PropertyItemForm(forms.ModelForm):
    class Meta:
        model = PropertyItem
        fields = list(loans.ITEM_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"code": _("เช่น 416-58-0003 (ถ้ามี)")}
        error_messages = {"name": {"required": _("กรุณาระบุชื่อทรัพย์สิน")}}


class LoanRequestForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("ทรัพย์สินที่ขอยืม"),
        queryset=PropertyItem.objects.none(),
        empty_label=_("— เลือกรายการ —"),
        error_messages={
            "required": _("กรุณาเลือกทรัพย์สินที่ขอยืม"),
            "invalid_choice": _("รายการนี้ไม่มีหรืองดให้ยืมแล้ว กรุณาเลือกใหม่"),
        },
    )
    purpose = forms.CharField(
        label=_("เพื่อใช้ในราชการเรื่อง"),
        max_length=300,
        error_messages={"required": _("กรุณาระบุว่ายืมไปใช้ในราชการเรื่องใด")},
    )
    starts_on = date_field(_("วันที่ยืม"), _("กรุณาระบุวันที่ยืม"))
    due_on = date_field(_("กำหนดคืน"), _("กรุณาระบุกำหนดคืน"), help_text=_("นับรวมวันที่ยืมและวันกำหนดคืน"))

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = loans.lendable_items(org=org)
        today = timezone.localdate().isoformat()
        self.fields["starts_on"].widget.attrs["min"] = today
        self.fields["due_on"].widget.attrs["min"] = today

    def clean(self):
        data = super().clean()
        starts_on, due_on = data.get("starts_on"), data.get("due_on")
        if starts_on and due_on and due_on < starts_on:
            self.add_error("due_on", _("กำหนดคืนต้องไม่ก่อนวันที่ยืม"))
        return data


class ReturnForm(forms.Form):
    returned_on = date_field(_("วันที่คืน"), _("กรุณาระบุวันที่คืน"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"returned_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["returned_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class GiftPolicyForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int)
    announced_on = date_field(_("วันที่ประกาศ"), _("กรุณาระบุวันที่ประกาศ"))
    text = forms.CharField(
        label=_("ข้อความนโยบาย"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("กรุณาพิมพ์ข้อความนโยบาย")},
    )

    def __init__(self, *args, policy: GiftPolicy | None = None, **kwargs):
        if policy is not None:
            kwargs.setdefault(
                "initial",
                {
                    "fiscal_year": policy.fiscal_year,
                    "announced_on": policy.announced_on,
                    "text": policy.text,
                },
            )
        super().__init__(*args, **kwargs)
        current = thai.fiscal_year(timezone.localdate())
        self.fields["fiscal_year"].choices = [
            (year, str(year)) for year in range(current + 1, current - 4, -1)
        ]
        self.fields["fiscal_year"].error_messages["invalid_choice"] = _("กรุณาเลือกปีงบประมาณ")


class GiftDeclarationForm(forms.Form):
    received_on = date_field(_("วันที่ได้รับ"), _("กรุณาระบุวันที่ได้รับ"))
    giver = forms.CharField(
        label=_("ผู้ให้"),
        max_length=200,
        help_text=_("ชื่อบุคคลหรือหน่วยงาน/บริษัทที่ให้"),
        error_messages={"required": _("กรุณาระบุผู้ให้")},
    )
    description = forms.CharField(
        label=_("สิ่งที่ได้รับ"),
        max_length=300,
        error_messages={"required": _("กรุณาระบุสิ่งที่ได้รับ")},
    )
    value = forms.DecimalField(
        label=_("มูลค่าโดยประมาณ (บาท)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "required": _("กรุณาระบุมูลค่าโดยประมาณ (ไม่ทราบให้ใส่ 0)"),
            "invalid": _("กรุณาระบุมูลค่าเป็นตัวเลข"),
            "min_value": _("มูลค่าต้องไม่ติดลบ"),
            "max_digits": _("มูลค่าสูงเกินไป กรุณาตรวจสอบ"),
            "max_whole_digits": _("มูลค่าสูงเกินไป กรุณาตรวจสอบ"),
            "max_decimal_places": _("ระบุทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
        },
    )
    occasion = forms.CharField(
        label=_("โอกาส"), max_length=200, required=False, help_text=_("เช่น ปีใหม่ งานบุญ")
    )
    handling = forms.ChoiceField(
        label=_("การดำเนินการ"),
        choices=GiftDeclaration.Handling.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("กรุณาเลือกการดำเนินการกับสิ่งที่ได้รับ"),
            "invalid_choice": _("กรุณาเลือกการดำเนินการกับสิ่งที่ได้รับ"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].widget.attrs["max"] = timezone.localdate().isoformat()
