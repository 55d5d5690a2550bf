"""Forms with which an org's admins keep their service catalog, without writing JSON."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import FIELD_TYPES, Resource, Service
from prongsai.orgs.models import Division, Organization

FIELD_TYPE_LABELS = {
    "text": _("ข้อความสั้น"),
    "textarea": _("ข้อความยาว"),
    "number": _("ตัวเลข"),
    "date": _("วันที่"),
    "choice": _("ตัวเลือก"),
    "file": _("ไฟล์แนบ"),
    "location": _("ตำแหน่ง/ที่อยู่"),
}


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "name",
            "code",
            "kind",
            "description",
            "division",
            "time_limit_days",
            "is_physical",
            "resource",
            "manual_documents",
            "manual_fee",
            "order",
            "is_active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "manual_documents": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"code": _("ภาษาอังกฤษตัวเล็ก ตัวเลข และขีด ใช้ในที่อยู่เว็บและ Open311")}

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.org = org
        self.instance.org = org
        self.fields["division"].queryset = Division.objects.for_org(org)
        self.fields["resource"].queryset = Resource.objects.for_org(org)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        taken = Service.objects.for_org(self.org).filter(code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("รหัสบริการนี้มีอยู่แล้ว"))
        return code


class FieldForm(forms.Form):
    """One question of a service's form."""

    label = forms.CharField(label=_("คำถาม"), max_length=200)
    type = forms.ChoiceField(
        label=_("ชนิด"), choices=[(t, FIELD_TYPE_LABELS[t]) for t in FIELD_TYPES]
    )
    required = forms.BooleanField(label=_("ต้องตอบ"), required=False)
    choices = forms.CharField(
        label=_("ตัวเลือก (บรรทัดละหนึ่งตัวเลือก)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    name = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("type") == "choice" and not self.choice_list():
            self.add_error("choices", _("ช่องแบบตัวเลือกต้องมีตัวเลือกอย่างน้อยหนึ่งตัว"))
        return data

    def choice_list(self) -> list[str]:
        text = self.cleaned_data.get("choices") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class StepForm(forms.Form):
    """One step of the citizen manual."""

    step = forms.CharField(label=_("ขั้นตอน"), max_length=300)
    time = forms.CharField(label=_("ระยะเวลา"), max_length=50, required=False)


FieldFormSet = forms.formset_factory(FieldForm, extra=2, can_delete=True)
StepFormSet = forms.formset_factory(StepForm, extra=2, can_delete=True)


def field_initial(service: Service) -> list[dict]:
    return [
        {**field, "choices": "\n".join(field.get("choices", []))} for field in service.form_fields
    ]


def fields_from(formset) -> list[dict]:
    """The formset as the catalog stores it; a new question gets a name from its position.

    Existing questions keep their names, so answers already given stay under them.
    """
    kept = [form for form in formset.forms if form.has_changed() or form.cleaned_data.get("name")]
    fields, used = [], {form.cleaned_data["name"] for form in kept if form.cleaned_data.get("name")}
    for form in formset.forms:
        if not form.has_changed() or form.cleaned_data.get("DELETE"):
            continue
        data = form.cleaned_data
        name = data["name"] or _free_name(data["label"], used, len(fields) + 1)
        used.add(name)
        field = {"name": name, "label": data["label"], "type": data["type"]}
        field["required"] = data["required"]
        if data["type"] == "choice":
            field["choices"] = form.choice_list()
        fields.append(field)
    return fields


def _free_name(label: str, used: set[str], position: int) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or f"q{position}"
    name, n = base, 2
    while name in used:
        name, n = f"{base}_{n}", n + 1
    return name


def steps_from(formset) -> list[dict]:
    return [
        {"step": form.cleaned_data["step"], "time": form.cleaned_data["time"]}
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE")
    ]


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["name", "kind", "description", "division", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.org = org
        self.fields["division"].queryset = Division.objects.for_org(org)
