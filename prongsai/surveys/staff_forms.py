"""Forms of the staff's survey pages: settings, questions and the period of results."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai import thai
from prongsai.eservices.models import Service
from prongsai.orgs.models import Division, Organization
from prongsai.surveys import builder
from prongsai.surveys.models import Project, Question, Survey

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class SurveyForm(forms.ModelForm):
    """A survey's settings. The service's, division's and project's lists hold only the org's."""

    class Meta:
        model = Survey
        fields = list(builder.SURVEY_FIELDS)
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "formula": forms.RadioSelect,
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_LOCAL
            ),
        }
        help_texts = {
            "closes_at": _("เว้นว่างถ้าจะปิดรับคำตอบเอง"),
            "service": _("เลือกถ้าเป็นแบบประเมินความพึงพอใจต่อบริการนี้"),
            "project": _("เลือกถ้าเป็นแบบสำรวจของโครงการมีส่วนร่วมนี้"),
        }

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.org = org
        self.fields["division"].queryset = Division.objects.for_org(org)
        self.fields["service"].queryset = Service.objects.for_org(org)
        self.fields["project"].queryset = Project.objects.for_org(org)
        self.fields["closes_at"].input_formats = [DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d"]
        self.fields["closes_at"].error_messages["invalid"] = _("กรุณาระบุวันและเวลาปิดรับคำตอบให้ถูกต้อง")
        for name in ("division", "service", "project"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "รายการที่เลือกไม่มีในหน่วยงานนี้ กรุณาเลือกใหม่"
            )

    def survey_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in builder.SURVEY_FIELDS}


class QuestionForm(forms.Form):
    """One question; the choices of a choice question are typed one per line."""

    kind = forms.ChoiceField(label=_("ชนิดคำถาม"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("คำถาม"), max_length=500)
    help_text = forms.CharField(label=_("คำอธิบาย (ถ้ามี)"), max_length=500, required=False)
    required = forms.BooleanField(label=_("ต้องตอบ"), required=False, initial=True)
    choices = forms.CharField(
        label=_("ตัวเลือก (บรรทัดละหนึ่งตัวเลือก)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("ใช้กับคำถามแบบเลือกได้ข้อเดียวหรือหลายข้อ"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = _("ชนิดคำถามไม่ถูกต้อง")
        self.fields["text"].error_messages["required"] = _("กรุณาพิมพ์คำถาม")

    @classmethod
    def for_question(cls, question: Question, **kwargs) -> "QuestionForm":
        initial = {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "choices": "\n".join(choice.label for choice in question.choices.all()),
        }
        return cls(initial=initial, prefix=f"q{question.pk}", **kwargs)

    def clean(self):
        data = super().clean()
        labels = [line for line in (data.get("choices") or "").splitlines() if line.strip()]
        if data.get("kind") in Question.CHOICE_KINDS:
            try:
                labels = builder.clean_choice_labels(labels)
            except forms.ValidationError as error:
                self.add_error("choices", error.message_dict["choices"])
            else:
                if len(labels) < builder.MIN_CHOICES:
                    self.add_error(
                        "choices",
                        _("คำถามแบบเลือกตอบต้องมีตัวเลือกอย่างน้อย %(n)s ตัว") % {"n": builder.MIN_CHOICES},
                    )
        data["choice_list"] = labels
        return data

    def question_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            "required": data["required"],
            "choices": data["choice_list"],
        }


class PeriodForm(forms.Form):
    """The days whose responses count; either end may be left open."""

    start = forms.DateField(
        label=_("ตั้งแต่วันที่"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("ถึงวันที่"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].input_formats = ["%Y-%m-%d"]
            self.fields[name].error_messages["invalid"] = _("วันที่ไม่ถูกต้อง กรุณาเลือกวันที่จากปฏิทิน")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"))
        return data


def read_period(
    query, *, default: tuple[date | None, date | None] = (None, None)
) -> tuple[PeriodForm, date | None, date | None]:
    """The period asked for in the query string; unusable input falls back to the default.

    The form comes back bound, so the page shows what was wrong with it.
    """
    if not any(query.get(name) for name in ("start", "end")):
        form = PeriodForm(initial={"start": default[0], "end": default[1]})
        return form, default[0], default[1]
    form = PeriodForm(query)
    if not form.is_valid():
        return form, default[0], default[1]
    return form, form.cleaned_data["start"], form.cleaned_data["end"]


def fiscal_years(count: int = 4, today: date | None = None) -> list[tuple[int, date, date]]:
    """The current fiscal year and the ones before it, as (year BE, first day, last day)."""
    current = thai.fiscal_year(today or timezone.localdate())
    return [(year, *thai.fiscal_year_range(year)) for year in range(current, current - count, -1)]
