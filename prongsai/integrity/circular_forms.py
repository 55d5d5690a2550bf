"""Forms of the circular, meeting, training and KM pages of the staff integrity area."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from prongsai.integrity import circulars as service
from prongsai.integrity.models import Circular, KmArticle, Meeting, Training
from prongsai.orgs.models import Division, Membership, Organization
from prongsai.surveys.models import Survey

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_OURS_PEOPLE = _("เลือกได้เฉพาะบุคลากรของหน่วยงาน")
NOT_OURS_DIVISION = _("เลือกได้เฉพาะสำนัก/กองของหน่วยงาน")


def person_labeller(org: Organization):
    """A label for each user: the name, and the position or division in the org."""
    memberships = {
        m.user_id: m for m in Membership.objects.for_org(org).select_related("division", "position")
    }

    def label(user) -> str:
        name = user.get_full_name() or user.username
        membership = memberships.get(user.pk)
        where = membership and (membership.position or membership.division)
        return f"{name} ({where})" if where else name

    return label


def people_field(label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_OURS_PEOPLE, "invalid_pk_value": NOT_OURS_PEOPLE},
    )


def set_people(field: forms.ModelMultipleChoiceField, org: Organization, also=()) -> None:
    field.queryset = service.staff_users(org=org, also=also).order_by(
        "first_name", "last_name", "username"
    )
    field.label_from_instance = person_labeller(org)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks what each one really is."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class CircularForm(forms.Form):
    number = forms.CharField(
        label=_("เลขที่หนังสือ"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("เช่น ศก 12345/ว 123")}),
    )
    title = forms.CharField(
        label=_("เรื่อง"), max_length=300, error_messages={"required": _("กรอกเรื่องของหนังสือเวียน")}
    )
    text = forms.CharField(
        label=_("ข้อความ"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("กรอกข้อความของหนังสือเวียน")},
    )
    divisions = forms.ModelMultipleChoiceField(
        label=_("ส่งถึงสำนัก/กอง"),
        queryset=Division.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("ไม่เลือก = ส่งถึงบุคลากรทุกคนของหน่วยงาน"),
        error_messages={"invalid_choice": NOT_OURS_DIVISION, "invalid_pk_value": NOT_OURS_DIVISION},
    )
    files = MultipleFileField(label=_("ไฟล์แนบ"), required=False)

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["divisions"].queryset = Division.objects.for_org(org)
        self.fields["files"].help_text = _(
            "PDF หรือรูปภาพ (JPEG, PNG, WebP) ไม่เกิน %(n)s ไฟล์ ไฟล์ละไม่เกิน %(mb)s MB"
        ) % {"n": service.MAX_FILES, "mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}


class MeetingForm(forms.ModelForm):
    attendees = people_field(_("ผู้เข้าประชุม"))
    circulars = forms.ModelMultipleChoiceField(
        label=_("หนังสือเวียนที่แจ้งในที่ประชุม"),
        queryset=Circular.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("เลือกได้เฉพาะหนังสือเวียนของหน่วยงาน"),
            "invalid_pk_value": _("เลือกได้เฉพาะหนังสือเวียนของหน่วยงาน"),
        },
    )

    class Meta:
        model = Meeting
        fields = ["held_on", "title", "place", "agenda", "minutes", "attendees", "circulars"]
        widgets = {
            "held_on": DATE_INPUT,
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "title": {"required": _("กรอกชื่อการประชุม เช่น ประชุมพนักงานประจำเดือน")},
            "held_on": {"required": _("กรอกวันที่ประชุม"), "invalid": _("วันที่ไม่ถูกต้อง")},
        }

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.org = org
        current = self.instance.attendees.all() if self.instance.pk else ()
        set_people(self.fields["attendees"], org, also=current)
        self.fields["circulars"].queryset = Circular.objects.for_org(org)
        self.fields["circulars"].label_from_instance = circular_label


def circular_label(circular: Circular) -> str:
    return f"{circular.number} {circular.title}".strip()


class TrainingForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("หัวข้อ"),
        choices=Training.Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("หัวข้อการอบรมไม่ถูกต้อง")},
    )
    hours = forms.DecimalField(
        label=_("จำนวนชั่วโมง"),
        min_value=0,
        max_digits=5,
        decimal_places=1,
        initial=0,
        error_messages={
            "required": _("กรอกจำนวนชั่วโมง (ไม่ทราบให้ใส่ 0)"),
            "min_value": _("จำนวนชั่วโมงต้องไม่ติดลบ"),
            "invalid": _("กรอกจำนวนชั่วโมงเป็นตัวเลข เช่น 6 หรือ 7.5"),
            "max_decimal_places": _("ใส่ทศนิยมได้ 1 ตำแหน่ง เช่น 7.5"),
            "max_digits": _("จำนวนชั่วโมงมากเกินไป"),
            "max_whole_digits": _("จำนวนชั่วโมงมากเกินไป"),
        },
        widget=forms.NumberInput(attrs={"min": "0", "step": "0.5", "inputmode": "decimal"}),
    )
    attendees = people_field(_("ผู้เข้าอบรม"))

    class Meta:
        model = Training
        fields = [
            "title",
            "starts_on",
            "ends_on",
            "topics",
            "organiser",
            "hours",
            "description",
            "attendees",
            "survey",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "title": {"required": _("กรอกชื่อการอบรม")},
            "starts_on": {"required": _("กรอกวันเริ่มอบรม"), "invalid": _("วันที่ไม่ถูกต้อง")},
            "ends_on": {
                "required": _("กรอกวันสิ้นสุด (อบรมวันเดียวให้ใส่วันเดียวกับวันเริ่ม)"),
                "invalid": _("วันที่ไม่ถูกต้อง"),
            },
            "survey": {"invalid_choice": _("เลือกได้เฉพาะแบบสำรวจของหน่วยงาน")},
        }
        help_texts = {
            "organiser": _("เช่น อบต. ร่วมกับสำนักงาน ป.ป.ช. ประจำจังหวัด"),
            "survey": _("แบบสำรวจที่ใช้ประเมินผลการอบรม (สร้างได้ที่หน้าแบบสำรวจ)"),
        }

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.org = org
        current = self.instance.attendees.all() if self.instance.pk else ()
        set_people(self.fields["attendees"], org, also=current)
        self.fields["survey"].queryset = Survey.objects.for_org(org).order_by("-pk")
        self.fields["survey"].empty_label = _("— ไม่มี —")

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
        return data


class KmArticleForm(forms.ModelForm):
    class Meta:
        model = KmArticle
        fields = ["title", "division", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        error_messages = {
            "title": {"required": _("กรอกเรื่องของบทความ")},
            "body": {"required": _("กรอกเนื้อหาของบทความ")},
            "division": {"invalid_choice": NOT_OURS_DIVISION},
        }

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.org = org
        self.fields["division"].queryset = Division.objects.for_org(org)
        self.fields["division"].empty_label = _("— ทั้งหน่วยงาน —")


class KmSearchForm(forms.Form):
    q = forms.CharField(label=_("ค้นหา"), max_length=100, required=False)
    division = forms.ModelChoiceField(
        label=_("สำนัก/กอง"), queryset=Division.objects.none(), required=False
    )

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.for_org(org)
        self.fields["division"].empty_label = _("ทุกสำนัก/กอง")
