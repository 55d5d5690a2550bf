"""Forms of e-services, built from each service's field definitions."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Service
from prongsai.inbox.forms import ContactFields, LocationFields, MultipleFileField


class ServiceRequestForm(ContactFields, LocationFields):
    """Contact data is required here: the org must reach the person to serve them."""

    def __init__(self, service: Service, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        for name in ("reporter_name", "reporter_phone", "consent"):
            self.fields[name].required = True
        self.fields["consent"].error_messages["required"] = _(
            "กรุณายินยอมให้ใช้ข้อมูลติดต่อ เพื่อให้เจ้าหน้าที่ติดต่อกลับได้"
        )
        wants_location = any(spec.get("type") == "location" for spec in service.form_fields)
        if not wants_location:
            for name in ("village_no", "address", "latitude", "longitude"):
                del self.fields[name]
        for spec in service.form_fields:
            if spec.get("type") == "location":
                self.fields["address"].required = bool(spec.get("required"))
                self.fields["address"].label = spec["label"]
            else:
                self.fields[f"f_{spec['name']}"] = _build_field(spec)
        if service.resource is not None:
            self.fields["start_date"] = forms.DateField(
                label=_("ใช้ตั้งแต่วันที่"), widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields["end_date"] = forms.DateField(
                label=_("ถึงวันที่"), widget=forms.DateInput(attrs={"type": "date"})
            )
        self.order_fields(
            [f"f_{spec['name']}" for spec in service.form_fields]
            + ["start_date", "end_date", "village_no", "address"]
        )

    def clean_start_date(self) -> date:
        start = self.cleaned_data["start_date"]
        if start < timezone.localdate():
            raise forms.ValidationError(_("วันที่เริ่มต้องไม่ใช่วันที่ผ่านมาแล้ว"))
        return start

    def answers(self) -> dict:
        """The service's own fields, as JSON-safe values keyed by their names."""
        answers = {}
        for spec in self.service.form_fields:
            if spec.get("type") in ("location", "file"):
                continue
            value = self.cleaned_data.get(f"f_{spec['name']}")
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            answers[spec["name"]] = value
        return answers

    def uploads(self) -> list:
        return [
            upload
            for spec in self.service.form_fields
            if spec.get("type") == "file"
            for upload in self.cleaned_data.get(f"f_{spec['name']}", [])
        ]


def _build_field(spec: dict) -> forms.Field:
    common = {"label": spec["label"], "required": bool(spec.get("required"))}
    match spec.get("type", "text"):
        case "textarea":
            return forms.CharField(
                max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        case "number":
            return forms.DecimalField(
                max_digits=12,
                decimal_places=2,
                min_value=0,
                widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
                **common,
            )
        case "date":
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        case "choice":
            choices = [(c, c) for c in spec["choices"]]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        case "file":
            return MultipleFileField(label=spec["label"], required=bool(spec.get("required")))
        case _:
            return forms.CharField(max_length=500, **common)
