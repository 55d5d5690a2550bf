"""Forms of the ITA assessment pages: scores per indicator, and a CSV of them."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.ita.assessments import MAX_CSV_BYTES, parse_score
from prongsai.ita.models import FrameworkYear


class ScoreField(forms.Field):
    """A score 0–100 with two decimals; Thai digits are accepted as typed."""

    widget = forms.TextInput(
        attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6, "maxlength": 12}
    )

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> Decimal | None:
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return parse_score(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class ScoresForm(forms.Form):
    """One field per indicator of the year (`i1`…`i10`), and the total."""

    def __init__(self, year: FrameworkYear, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(year.indicators.select_related("tool"))
        for indicator in self.indicators:
            self.fields[f"i{indicator.number}"] = ScoreField(
                label=_("ตัวชี้วัดที่ %(number)s %(name)s")
                % {"number": indicator.number, "name": indicator.name}
            )
        self.fields["total"] = ScoreField(
            label=_("คะแนนรวม"),
            help_text=_("เว้นว่างไว้ ระบบจะคำนวณจากคะแนนตัวชี้วัดและน้ำหนักของแต่ละเครื่องมือ"),
        )

    def rows(self):
        """(indicator, bound field) pairs, for a table."""
        return [(i, self[f"i{i.number}"]) for i in self.indicators]

    def scores(self) -> dict[int, Decimal | None]:
        return {i.number: self.cleaned_data[f"i{i.number}"] for i in self.indicators}


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์ CSV"),
        required=False,
        help_text=_(
            "บรรทัดละหนึ่งตัวชี้วัด: เลขตัวชี้วัด,คะแนน เช่น 1,92.50 "
            "(มีหัวตารางหรือไม่ก็ได้ ใช้เลขไทยได้ แถว “คะแนนรวม,…” เป็นคะแนนรวม)"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )
    text = forms.CharField(
        label=_("หรือวางข้อความ CSV"),
        required=False,
        max_length=MAX_CSV_BYTES,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("ไฟล์ใหญ่เกินไป (ไม่เกิน 100 KB)"))
        if not upload and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("เลือกไฟล์ CSV หรือวางข้อความ CSV"))
        return data

    def content(self) -> bytes | str:
        upload = self.cleaned_data.get("file")
        return upload.read() if upload else self.cleaned_data["text"]
