"""Forms of the staff's budget pages: they parse and check; `budget` does the work."""

import uuid
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prongsai.integrity import budget
from prongsai.orgs.models import Division, Membership, Organization

TEXT_ERRORS = {"required": _("กรุณาพิมพ์ข้อความ")}


class BudgetQuestionForm(forms.Form):
    intent = forms.ChoiceField(
        label=_("ต้องการ"),
        choices=budget.Intent.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("กรุณาเลือกว่าต้องการถาม แสดงความคิดเห็น หรือทักท้วง"),
            "invalid_choice": _("กรุณาเลือกว่าต้องการถาม แสดงความคิดเห็น หรือทักท้วง"),
        },
    )
    item = forms.CharField(
        label=_("รายการงบประมาณหรือโครงการ"),
        max_length=budget.ITEM_MAX_LENGTH,
        help_text=_("เช่น โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๓ หรือ ค่าวัสดุสำนักงาน"),
        error_messages={
            "required": _("กรุณาระบุรายการงบประมาณหรือโครงการ"),
            "max_length": _("ยาวเกิน %(limit_value)d ตัวอักษร"),
        },
    )
    text = forms.CharField(
        label=_("ข้อความ"),
        max_length=budget.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={**TEXT_ERRORS, "max_length": _("ยาวเกิน %(limit_value)d ตัวอักษร")},
    )
    anonymous = forms.BooleanField(
        label=_("ไม่ระบุชื่อ"),
        required=False,
        help_text=_(
            "ระบบจะไม่บันทึกว่าใครเป็นผู้ส่ง ทั้งในเรื่อง ในบันทึกการใช้งาน และเวลาที่ส่ง"
            " (บันทึกเพียงวันที่) ผู้ดูแลระบบก็ไม่สามารถทราบได้"
        ),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Random, never derived from the user: a re-sent form finds its first case,
        # and the key says nothing of who sent it.
        self.fields["idempotency_key"].initial = uuid.uuid4().hex


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("คำตอบ"),
        max_length=budget.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("กรุณาพิมพ์คำตอบ"),
            "max_length": _("ยาวเกิน %(limit_value)d ตัวอักษร"),
        },
    )
    close = forms.BooleanField(
        label=_("ตอบครบถ้วนแล้ว ปิดเรื่อง"),
        required=False,
        help_text=_("ไม่เลือก = ตอบไว้ก่อน เรื่องยังเปิดอยู่เพื่อตอบเพิ่มได้"),
    )


class AmountField(forms.CharField):
    """Baht as people type it: "150,000", "๑๕๐๐๐", "2500.50"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value) -> Decimal:
        value = super().clean(value)
        try:
            return budget.parse_amount(value)
        except ValidationError as error:
            raise ValidationError(error.message_dict["amount"]) from None


class ProposalForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณที่เสนอ"), coerce=int)
    division = forms.ModelChoiceField(
        label=_("สำนัก/กอง"),
        queryset=Division.objects.none(),
        error_messages={
            "required": _("กรุณาเลือกสำนัก/กองที่เสนอ"),
            "invalid_choice": _("ไม่พบสำนัก/กองนี้ในหน่วยงาน"),
        },
    )
    item = forms.CharField(
        label=_("รายการที่เสนอ"),
        max_length=300,
        error_messages={
            "required": _("กรุณาระบุรายการที่เสนอ"),
            "max_length": _("ยาวเกิน %(limit_value)d ตัวอักษร"),
        },
    )
    reason = forms.CharField(
        label=_("เหตุผลความจำเป็น"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("กรุณาระบุเหตุผลความจำเป็น"),
            "max_length": _("ยาวเกิน %(limit_value)d ตัวอักษร"),
        },
    )
    amount = AmountField(
        label=_("ประมาณการ (บาท)"),
        help_text=_("เช่น 150,000 หรือ 2,500.50"),
        error_messages={"required": _("กรุณาระบุประมาณการเป็นจำนวนเงิน (บาท)")},
    )

    def __init__(self, org: Organization, membership: Membership, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = budget.proposal_years()
        self.fields["fiscal_year"].choices = [(y, str(y)) for y in years]
        self.fields["fiscal_year"].error_messages["invalid_choice"] = _(
            "เสนอได้เฉพาะปีงบประมาณ %(years)s"
        ) % {"years": ", ".join(str(y) for y in years)}
        self.fields["fiscal_year"].initial = budget.next_fiscal_year()
        self.fields["division"].queryset = Division.objects.for_org(org)
        self.fields["division"].initial = membership.division_id


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("ผลการพิจารณา"),
        choices=[("accept", _("นำเข้าคำของบประมาณ")), ("decline", _("ไม่นำเข้า"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกผลการพิจารณา")},
    )
    note = forms.CharField(
        label=_("ความเห็นหัวหน้าส่วนราชการ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("จำเป็นเมื่อไม่นำเข้าคำของบประมาณ"),
    )
