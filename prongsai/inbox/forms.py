import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Service
from prongsai.inbox.models import Case
from prongsai.orgs.models import Division, Organization


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content when the case is saved."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ContactFields(forms.Form):
    """The reporter's contact data, asked with the PDPA notice and consent."""

    reporter_name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200, required=False)
    reporter_phone = forms.RegexField(
        label=_("โทรศัพท์"),
        regex=r"^[0-9+\-\s()]{6,30}$",
        required=False,
        error_messages={"invalid": _("หมายเลขโทรศัพท์ไม่ถูกต้อง")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("อีเมล"),
        required=False,
        help_text=_("ถ้าให้ไว้ จะได้รับแจ้งความคืบหน้าทางอีเมล"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("ข้าพเจ้ายินยอมให้หน่วยงานใช้ข้อมูลติดต่อนี้เพื่อดำเนินการและแจ้งผลเรื่องนี้เท่านั้น"),
        required=False,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A fresh key each time the empty form is shown; a re-sent form repeats it.
        self.fields["idempotency_key"].initial = uuid.uuid4().hex

    def contact_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("reporter_name", "reporter_phone", "reporter_email", "consent")
        }


class LocationFields(forms.Form):
    village_no = forms.IntegerField(
        label=_("หมู่ที่"),
        min_value=1,
        max_value=99,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(label=_("สถานที่/จุดสังเกต"), max_length=300, required=False)
    latitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        required=False,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
        widget=forms.HiddenInput,
    )

    def location_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("village_no", "address", "latitude", "longitude")
        }


class ComplaintForm(ContactFields, LocationFields):
    """The citizen's complaint form: anonymous unless they give contact data."""

    service = forms.ModelChoiceField(
        label=_("เรื่องที่ต้องการร้องเรียน"),
        queryset=Service.objects.none(),
        empty_label=_("— เลือกหมวดเรื่อง —"),
        error_messages={"required": _("กรุณาเลือกหมวดเรื่อง")},
    )
    subject = forms.CharField(
        label=_("หัวเรื่อง"),
        max_length=200,
        error_messages={"required": _("กรุณาระบุหัวเรื่อง")},
    )
    text = forms.CharField(
        label=_("รายละเอียด"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("กรุณาเล่ารายละเอียดของเรื่อง")},
    )
    photos = MultipleFileField(
        label=_("ภาพถ่ายหรือเอกสาร (ไม่เกิน 5 ไฟล์)"),
        help_text=_("JPEG, PNG, WebP หรือ PDF ไฟล์ละไม่เกิน 10 MB; ระบบลบพิกัดในรูปออกก่อนเก็บ"),
    )

    field_order = [
        "service",
        "subject",
        "text",
        "village_no",
        "address",
        "latitude",
        "longitude",
        "photos",
        "reporter_name",
        "reporter_phone",
        "reporter_email",
        "consent",
        "idempotency_key",
    ]

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.for_org(org).filter(
            is_active=True, kind__in=[Service.Kind.COMPLAINT, Service.Kind.CORRUPTION]
        )


class TrackLookupForm(forms.Form):
    code = forms.CharField(
        label=_("รหัสติดตามเรื่อง"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )


class StaffCaseForm(ContactFields, LocationFields):
    """A case that came by phone, in person or by letter, logged by staff."""

    STAFF_CHANNELS = [
        Case.Channel.PHONE,
        Case.Channel.WALKIN,
        Case.Channel.LETTER,
        Case.Channel.FACEBOOK,
    ]

    channel = forms.ChoiceField(label=_("ช่องทาง"))
    kind = forms.ChoiceField(label=_("ประเภท"), choices=Case.Kind.choices)
    service = forms.ModelChoiceField(
        label=_("บริการ/หมวดเรื่อง"), queryset=Service.objects.none(), required=False
    )
    division = forms.ModelChoiceField(
        label=_("ส่งให้สำนัก/กอง"), queryset=Division.objects.none(), required=False
    )
    subject = forms.CharField(label=_("หัวเรื่อง"), max_length=200)
    text = forms.CharField(
        label=_("รายละเอียด"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    received_at = forms.DateTimeField(
        label=_("วันเวลาที่รับเรื่อง"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    photos = MultipleFileField(label=_("ไฟล์แนบ"))

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [(c.value, c.label) for c in self.STAFF_CHANNELS]
        self.fields["service"].queryset = Service.objects.for_org(org).filter(is_active=True)
        self.fields["division"].queryset = Division.objects.for_org(org)
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        # The reporter agreed in person or on the phone; the officer records it.
        self.fields["consent"].label = _("ผู้แจ้งยินยอมให้ใช้ข้อมูลติดต่อเพื่อดำเนินการเรื่องนี้")

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now():
            raise ValidationError(_("วันเวลาที่รับเรื่องต้องไม่อยู่ในอนาคต"))
        return received_at


class CaseFilterForm(forms.Form):
    """The staff inbox filters; every field is optional and bad values are ignored."""

    q = forms.CharField(label=_("ค้นหา"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("สถานะ"),
        required=False,
        choices=[("", _("ทั้งหมด")), ("open", _("ยังไม่ปิด")), *Case.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("ประเภท"), required=False, choices=[("", _("ทั้งหมด")), *Case.Kind.choices]
    )
    channel = forms.ChoiceField(
        label=_("ช่องทาง"), required=False, choices=[("", _("ทั้งหมด")), *Case.Channel.choices]
    )
    division = forms.ModelChoiceField(
        label=_("สำนัก/กอง"),
        required=False,
        queryset=Division.objects.none(),
        empty_label=_("ทั้งหมด"),
    )
    start = forms.DateField(
        label=_("ตั้งแต่วันที่"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("ถึงวันที่"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.BooleanField(label=_("เฉพาะเรื่องที่เกินกำหนด"), required=False)
    escalated = forms.TypedChoiceField(
        label=_("การยกระดับ"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("ทั้งหมด")), *Case.Escalation.choices[1:]],
    )
    mine = forms.BooleanField(label=_("เฉพาะเรื่องของฉัน"), required=False)

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.for_org(org)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("มอบหมายให้"), queryset=None)

    def __init__(self, members, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members
        self.fields["assignee"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


class ForwardForm(forms.Form):
    division = forms.ModelChoiceField(label=_("ส่งต่อให้"), queryset=None)
    text = forms.CharField(
        label=_("บันทึกถึงสำนัก/กองที่รับเรื่อง"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.for_org(org)


class MessageForm(forms.Form):
    """A public reply or an internal note, with files."""

    text = forms.CharField(
        label=_("ข้อความ"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = MultipleFileField(label=_("ไฟล์แนบ"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("สถานะ"), choices=[(s.value, s.label) for s in Case.OPEN_STATUSES]
    )


def _photo_field(label) -> MultipleFileField:
    return MultipleFileField(label=label, widget=MultipleFileInput(attrs={"accept": "image/*"}))


class CloseForm(forms.Form):
    """Closing with the result; a physical problem is resolved only with photos of the fix."""

    status = forms.ChoiceField(
        label=_("ผลการปิดเรื่อง"), choices=[(s.value, s.label) for s in Case.CLOSED_STATUSES]
    )
    resolution = forms.CharField(
        label=_("ผลการดำเนินการ (แจ้งผู้แจ้ง)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("กรุณาระบุผลการดำเนินการ")},
    )
    before_photos = _photo_field(_("ภาพก่อนแก้ไข"))
    after_photos = _photo_field(_("ภาพหลังแก้ไข"))

    def __init__(self, *args, physical: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if physical:
            self.fields["after_photos"].help_text = _(
                "ต้องแนบภาพหลังแก้ไข และภาพก่อนแก้ไขถ้าเรื่องยังไม่มีภาพ"
            )


class BoardForm(forms.Form):
    """Keep a matter off the public board (a private detail in it), or show it again."""

    hidden = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReporterUpdateForm(forms.Form):
    """What the reporter adds to an open matter from the tracking page."""

    text = forms.CharField(
        label=_("ข้อมูลเพิ่มเติม"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photos = MultipleFileField(
        label=_("ภาพถ่ายหรือเอกสารเพิ่มเติม (ไม่เกิน 5 ไฟล์)"),
        help_text=_("JPEG, PNG, WebP หรือ PDF ไฟล์ละไม่เกิน 10 MB"),
    )


class ReopenForm(forms.Form):
    """The reporter says a resolved matter is not fixed, and why."""

    reason = forms.CharField(
        label=_("เหตุผลที่ขอเปิดเรื่องใหม่"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("กรุณาบอกเหตุผลที่ขอเปิดเรื่องใหม่")},
    )
    photos = _photo_field(_("ภาพสภาพปัจจุบัน (ถ้ามี)"))
