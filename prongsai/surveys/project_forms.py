"""Forms of the staff pages for participation projects, their photos and the org's villages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Division, Organization, Village
from prongsai.surveys.models import Project, ProjectPhoto
from prongsai.surveys.projects import NewPhoto, PhotoChange

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WRONG_CHOICE = _("ตัวเลือกนี้ไม่ถูกต้อง โปรดเลือกจากรายการ")


def village_label(village: Village) -> str:
    return _("หมู่ที่ %(n)s %(name)s") % {"n": village.number, "name": village.name}


class ProjectForm(forms.ModelForm):
    villages = forms.ModelMultipleChoiceField(
        label=_("หมู่บ้านที่ร่วมโครงการ"),
        queryset=Village.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("เลือกได้เฉพาะหมู่บ้านในพื้นที่ของหน่วยงาน"),
            "invalid_pk_value": _("เลือกได้เฉพาะหมู่บ้านในพื้นที่ของหน่วยงาน"),
        },
    )
    modes = forms.MultipleChoiceField(
        label=_("ประชาชนมีส่วนร่วมอย่างไร"),
        choices=Project.Mode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": WRONG_CHOICE},
    )
    budget = forms.DecimalField(
        label=_("งบประมาณ (บาท)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "min_value": _("งบประมาณต้องไม่ติดลบ"),
            "invalid": _("กรอกงบประมาณเป็นตัวเลข เช่น 25000 หรือ 25000.50"),
            "max_decimal_places": _("ใส่ทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)"),
            "max_digits": _("งบประมาณมากเกินไป"),
            "max_whole_digits": _("งบประมาณมากเกินไป"),
        },
        widget=forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
    )
    participants = forms.IntegerField(
        label=_("จำนวนผู้เข้าร่วม (คน)"),
        min_value=0,
        max_value=10_000_000,
        initial=0,
        error_messages={
            "required": _("กรอกจำนวนผู้เข้าร่วม (ไม่มีให้ใส่ 0)"),
            "min_value": _("จำนวนผู้เข้าร่วมต้องไม่ติดลบ"),
            "max_value": _("จำนวนผู้เข้าร่วมมากเกินไป"),
            "invalid": _("กรอกจำนวนผู้เข้าร่วมเป็นจำนวนเต็ม"),
        },
        widget=forms.NumberInput(attrs={"min": "0", "inputmode": "numeric"}),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "starts_on",
            "ends_on",
            "villages",
            "division",
            "budget",
            "participants",
            "modes",
            "outcome",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
        }
        error_messages = {
            "title": {"required": _("กรอกชื่อโครงการ")},
            "starts_on": {
                "required": _("กรอกวันเริ่มโครงการ"),
                "invalid": _("วันที่ไม่ถูกต้อง"),
            },
            "ends_on": {
                "required": _("กรอกวันสิ้นสุดโครงการ (วันเดียวให้ใส่วันเดียวกับวันเริ่ม)"),
                "invalid": _("วันที่ไม่ถูกต้อง"),
            },
            "division": {"invalid_choice": _("เลือกได้เฉพาะสำนัก/กองของหน่วยงาน")},
        }
        help_texts = {
            "outcome": _("เช่น ผลที่ได้ ข้อเสนอของประชาชน และสิ่งที่หน่วยงานนำไปปรับปรุง"),
            "is_published": _("แสดงโครงการ ภาพกิจกรรม และผลความพึงพอใจบนหน้าเว็บสาธารณะ"),
        }

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.org = org
        self.fields["villages"].queryset = Village.objects.for_org(org)
        self.fields["villages"].label_from_instance = village_label
        self.fields["division"].queryset = Division.objects.for_org(org)
        self.fields["division"].empty_label = _("— ไม่ระบุ —")

    def read_only(self) -> None:
        for field in self.fields.values():
            field.disabled = True


class NewPhotoForm(forms.Form):
    image = forms.FileField(
        label=_("ภาพ"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("คำบรรยายภาพ"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("caption") and not data.get("image"):
            self.add_error("image", _("เลือกภาพของคำบรรยายนี้ด้วย"))
        return data


NewPhotoFormSet = forms.formset_factory(NewPhotoForm, extra=4, max_num=20, absolute_max=20)


class PhotoForm(forms.ModelForm):
    """One photo already stored: its caption, its place, or its removal."""

    order = forms.IntegerField(
        label=_("ลำดับ"),
        min_value=0,
        max_value=999,
        error_messages={
            "min_value": _("ลำดับต้องไม่ติดลบ"),
            "required": _("กรอกลำดับภาพ"),
            "invalid": _("ลำดับต้องเป็นตัวเลข"),
        },
        widget=forms.NumberInput(attrs={"min": "0", "inputmode": "numeric"}),
    )

    class Meta:
        model = ProjectPhoto
        fields = ["caption", "order"]


class BasePhotoFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Django accepts any row's id here; only this project's photos may be named.
        form.fields["id"].queryset = self.get_queryset()
        form.fields["id"].error_messages["invalid_choice"] = _("ไม่พบภาพนี้ในโครงการ")


PhotoFormSet = forms.modelformset_factory(
    ProjectPhoto,
    form=PhotoForm,
    formset=BasePhotoFormSet,
    extra=0,
    can_delete=True,
    edit_only=True,
    max_num=500,
)


def new_photos_from(formset) -> list[NewPhoto]:
    return [
        NewPhoto(upload=form.cleaned_data["image"], caption=form.cleaned_data.get("caption", ""))
        for form in formset.forms
        if form.cleaned_data.get("image")
    ]


def photo_edits_from(formset) -> tuple[list[PhotoChange], list[ProjectPhoto]]:
    """(changes, removals) of the stored photos, as the service takes them."""
    changes, removed = [], []
    for form in formset.initial_forms:
        photo = form.instance
        if photo.pk is None:
            continue
        if form.cleaned_data.get("DELETE"):
            removed.append(photo)
        elif form.has_changed():
            changes.append(
                PhotoChange(
                    photo=photo,
                    caption=form.cleaned_data.get("caption", ""),
                    order=form.cleaned_data["order"],
                )
            )
    return changes, removed


class VillageForm(forms.ModelForm):
    number = forms.IntegerField(
        label=_("หมู่ที่"),
        min_value=1,
        max_value=99,
        error_messages={
            "required": _("กรอกเลขหมู่ที่"),
            "invalid": _("หมู่ที่ต้องเป็นตัวเลข"),
            "min_value": _("หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 99"),
            "max_value": _("หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 99"),
        },
        widget=forms.NumberInput(attrs={"min": "1", "max": "99", "inputmode": "numeric"}),
    )

    class Meta:
        model = Village
        fields = ["number", "name"]
        error_messages = {"name": {"required": _("กรอกชื่อหมู่บ้าน เช่น บ้านสามโคก")}}
        widgets = {"name": forms.TextInput(attrs={"placeholder": _("เช่น บ้านสามโคก")})}
        help_texts = {"name": ""}

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.org = org
