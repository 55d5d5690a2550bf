"""Forms of the staff's plan pages: plans, measures, steps, evidence and the figure picker."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai import thai
from prongsai.ita import figures
from prongsai.ita.models import TOOL_CODES, Measure, Plan, Step
from prongsai.ita.plans import STEP_FIELDS, plan_indicators
from prongsai.orgs.models import Division, Organization, Position

ACCEPTED_FILES = "application/pdf,image/jpeg,image/png,image/webp"
NOT_OURS = _("ตัวเลือกนี้ไม่มีในหน่วยงาน กรุณาเลือกใหม่")


class PlanCreateForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=_("ปีงบประมาณ (พ.ศ.)"),
        min_value=2500,
        max_value=2700,
        error_messages={
            "invalid": _("กรุณาพิมพ์ปี พ.ศ. เป็นตัวเลข เช่น 2566"),
            "min_value": _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2566"),
            "max_value": _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2566"),
            "required": _("กรุณาระบุปีงบประมาณ"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].initial = thai.fiscal_year(timezone.localdate())

    def clean_fiscal_year(self) -> int:
        return int(thai.to_arabic_digits(str(self.cleaned_data["fiscal_year"])))


class PlanIntroForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}


class PublishForm(forms.Form):
    o42 = forms.BooleanField(label=_("เผยแพร่แผน (O42) บนเว็บไซต์ของหน่วยงาน"), required=False)
    o43 = forms.BooleanField(
        label=_("เผยแพร่ผลการดำเนินการ (O43) บนเว็บไซต์ของหน่วยงาน"), required=False
    )


class MeasureForm(forms.ModelForm):
    tools = forms.MultipleChoiceField(
        label=_("เครื่องมือการประเมิน"),
        choices=[(code, code) for code in TOOL_CODES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("เครื่องมือต้องเป็น IIT, EIT หรือ OIT")},
    )

    class Meta:
        model = Measure
        fields = ["number", "title", "tools", "indicators"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "indicators": forms.CheckboxSelectMultiple,
        }
        help_texts = {"number": _("ลำดับของมาตรการในแผน ห้ามซ้ำกับมาตรการอื่น")}
        error_messages = {
            "indicators": {"invalid_choice": NOT_OURS, "invalid_pk_value": NOT_OURS},
            "number": {"invalid": _("ลำดับต้องเป็นตัวเลข"), "required": _("กรุณาระบุลำดับ")},
            "title": {"required": _("กรุณาพิมพ์ชื่อมาตรการ")},
        }

    def __init__(self, plan: Plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        indicators = self.fields["indicators"]
        indicators.queryset = plan_indicators(plan)
        indicators.label_from_instance = lambda i: f"{i.number}. {i.name} ({i.tool.code})"
        self.has_indicators = indicators.queryset.exists()
        if not self.has_indicators:
            indicators.help_text = _("ยังไม่มีกรอบการประเมินของปีงบประมาณนี้ จึงยังเลือกตัวชี้วัดไม่ได้")

    def validate_unique(self) -> None:
        # The service checks the number with a clearer message; skip the model's generic one.
        pass


def month_choices(plan: Plan) -> list[tuple[str, str]]:
    """The twelve months of the plan's fiscal year, October first."""
    first, _last = thai.fiscal_year_range(plan.fiscal_year)
    months = []
    year, month = first.year, first.month
    for _n in range(12):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [("", _("— ไม่ระบุ —"))] + [
        (m.isoformat(), f"{thai.MONTHS[m.month - 1]} {thai.be_year(m.year)}") for m in months
    ]


class MonthField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            coerce=date.fromisoformat,
            empty_value=None,
            required=False,
            error_messages={"invalid_choice": _("เลือกเดือนในปีงบประมาณของแผน")},
            **kwargs,
        )


class StepForm(forms.ModelForm):
    start_month = MonthField(label=_("เริ่มเดือน"))
    end_month = MonthField(label=_("ถึงเดือน"))

    class Meta:
        model = Step
        fields = [
            "method",
            "divisions",
            "positions",
            "responsible",
            "start_month",
            "end_month",
            "period_label",
            "result",
            "suggestion",
            "status",
        ]
        widgets = {
            "method": forms.Textarea(attrs={"rows": 3}),
            "divisions": forms.CheckboxSelectMultiple,
            "positions": forms.CheckboxSelectMultiple,
            "responsible": forms.Textarea(attrs={"rows": 2}),
            "result": forms.Textarea(attrs={"rows": 6, "data-figure-target": ""}),
            "suggestion": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "method": _("หลายย่อหน้าได้ ขึ้นบรรทัดใหม่เพื่อแยกย่อหน้า"),
            "responsible": _("เว้นว่างไว้ รายงานจะพิมพ์ชื่อสำนัก/กองและตำแหน่งที่เลือกไว้ด้านบน"),
            "period_label": _("เว้นว่างไว้ รายงานจะเขียนจากเดือนที่เลือก เช่น “ม.ค.-มิ.ย. ๖๖”"),
            "result": _(
                "ใส่ตัวเลขจากระบบด้วยเครื่องมือ “แทรกตัวเลขจากระบบ” ตัวเลขจะคำนวณใหม่ทุกครั้งที่เปิดรายงาน"
            ),
        }
        error_messages = {
            "divisions": {"invalid_choice": NOT_OURS, "invalid_pk_value": NOT_OURS},
            "positions": {"invalid_choice": NOT_OURS, "invalid_pk_value": NOT_OURS},
            "method": {"required": _("กรุณาพิมพ์วิธีการดำเนินการ")},
        }

    def __init__(self, org: Organization, measure: Measure, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's checks read the plan's fiscal year through the measure.
        self.instance.measure = measure
        plan = measure.plan
        self.fields["divisions"].queryset = Division.objects.for_org(org)
        self.fields["positions"].queryset = Position.objects.for_org(org).select_related("division")
        months = month_choices(plan)
        self.fields["start_month"].choices = months
        self.fields["end_month"].choices = months
        for name in ("start_month", "end_month"):
            value = getattr(self.instance, name)
            if value and not self.is_bound:
                self.initial[name] = value.isoformat()

    def step_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in STEP_FIELDS}


class EvidenceForm(forms.Form):
    title = forms.CharField(
        label=_("ชื่อหลักฐาน"),
        max_length=300,
        error_messages={"required": _("กรุณาตั้งชื่อหลักฐาน")},
    )
    file = forms.FileField(
        label=_("ไฟล์ (PDF หรือรูปภาพ)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    url = forms.URLField(
        label=_("หรือลิงก์"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("ลิงก์ไม่ถูกต้อง ต้องขึ้นต้นด้วย https://")},
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("แนบไฟล์หรือใส่ลิงก์อย่างน้อยหนึ่งอย่าง"))
        return data


# The figure picker ------------------------------------------------------------------------------

FIGURE_PREFIX = "fig"


class FigureParamsForm(forms.Form):
    """The parameters of one figure, as a form: choices of the org, dates, or short text.

    Field names carry a prefix so that, inside the step's form, they never
    mix with the step's own fields.
    """

    def __init__(self, figure: figures.Figure, org: Organization, *args, **kwargs):
        kwargs.setdefault("prefix", FIGURE_PREFIX)
        super().__init__(*args, **kwargs)
        self.figure = figure
        for param in figure.params:
            required = {"required": _("กรุณาระบุ%(label)s") % {"label": param.label}}
            if param.kind == "choice":
                options = list(param.choices(org)) if param.choices else []
                blank = _("— เลือก —") if param.required else _("ทั้งหมด (ไม่จำกัด)")
                field = forms.ChoiceField(
                    choices=[("", blank)] + [(str(v), str(label)) for v, label in options],
                    error_messages={
                        **required,
                        "invalid_choice": _("ตัวเลือกของ%(label)s ไม่มีในหน่วยงาน")
                        % {"label": param.label},
                    },
                )
            elif param.kind == "date":
                field = forms.DateField(
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                    input_formats=["%Y-%m-%d"],
                    error_messages={
                        **required,
                        "invalid": _("%(label)s ไม่ใช่วันที่ที่ถูกต้อง") % {"label": param.label},
                    },
                )
            else:
                field = forms.RegexField(
                    regex=r"^[^\s{}]+$",
                    max_length=100,
                    error_messages={
                        **required,
                        "invalid": _("%(label)s ต้องไม่มีช่องว่างหรือวงเล็บปีกกา") % {"label": param.label},
                    },
                )
            field.label = param.label
            # The step's form around the picker must still submit with the picker half filled.
            field.required = False
            field.param_required = param.required
            self.fields[param.name] = field

    def clean(self):
        data = super().clean()
        for param in self.figure.params:
            if param.required and not data.get(param.name) and param.name not in self.errors:
                self.add_error(param.name, _("กรุณาระบุ%(label)s") % {"label": param.label})
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม"))
        return data

    def params(self) -> dict[str, str]:
        """The parameters in the placeholder's order and spelling: dates as YYYY-MM-DD."""
        values = {}
        for param in self.figure.params:
            value = self.cleaned_data.get(param.name)
            if value:
                values[param.name] = value.isoformat() if isinstance(value, date) else str(value)
        return values
