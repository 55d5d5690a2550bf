from datetime import time

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from prongsai.inbox.models import Case
from prongsai.messaging.livechat.models import OfficeHours


class TextField(forms.CharField):
    """Text kept exactly as typed; the services check it and answer in Thai."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        # The services refuse a NUL character with a Thai message of their own.
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


def _message_widget(**attrs) -> forms.Textarea:
    return forms.Textarea(
        attrs={"rows": 2, "dir": "auto", "autocomplete": "off", "enterkeyhint": "send", **attrs}
    )


class StartForm(forms.Form):
    visitor_name = TextField(
        label=_("ชื่อของท่าน (ไม่บังคับ)"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    text = TextField(label=_("ข้อความถึงเจ้าหน้าที่"), widget=_message_widget(rows=3))


class MessageForm(forms.Form):
    text = TextField(label=_("พิมพ์ข้อความ"), widget=_message_widget())

    def __init__(self, *args, autofocus: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if autofocus:
            # Right after sending, the next message is typed in the same box.
            self.fields["text"].widget.attrs["autofocus"] = True


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("ผลการปิดเรื่อง"),
        choices=[
            (Case.Status.RESOLVED.value, _("ตอบคำถามแล้ว")),
            (Case.Status.REJECTED.value, _("ไม่รับพิจารณา (เช่น ข้อความก่อกวน)")),
        ],
    )
    resolution = forms.CharField(
        label=_("สรุปคำตอบ (แสดงในหน้าติดตามเรื่อง)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ComplaintForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("หมวดเรื่องร้องเรียน"),
        queryset=None,
        empty_label=_("— เลือกหมวด —"),
        error_messages={
            "required": _("กรุณาเลือกหมวดเรื่องร้องเรียน"),
            "invalid_choice": _("ไม่พบหมวดเรื่องร้องเรียนนี้ในหน่วยงาน"),
        },
    )

    def __init__(self, services, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class OfficeHoursForm(forms.Form):
    """The week on one form: for each day, open or not and from when to when."""

    def __init__(self, hours, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = []
        for day in hours:
            prefix = f"day{day.weekday}"
            label = OfficeHours.Weekday(day.weekday).label
            self.fields[f"{prefix}_open"] = forms.BooleanField(
                label=label, required=False, initial=day.is_open
            )
            for name, text, value in (
                ("opens", _("เปิด"), day.opens),
                ("closes", _("ปิด"), day.closes),
            ):
                self.fields[f"{prefix}_{name}"] = forms.TimeField(
                    label=f"{label} {text}",
                    required=False,
                    initial=value,
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    error_messages={"invalid": _("เวลาไม่ถูกต้อง")},
                )
            self.days.append(
                (self[f"{prefix}_open"], self[f"{prefix}_opens"], self[f"{prefix}_closes"])
            )

    def clean(self):
        data = super().clean()
        for weekday in range(7):
            prefix = f"day{weekday}"
            if data.get(f"{prefix}_open") and not (
                data.get(f"{prefix}_opens") and data.get(f"{prefix}_closes")
            ):
                self.add_error(f"{prefix}_opens", _("วันที่เปิดทำการต้องมีเวลาเปิดและเวลาปิด"))
        return data

    def week(self) -> dict[int, tuple[time, time] | None]:
        data = self.cleaned_data
        return {
            weekday: (data[f"day{weekday}_opens"], data[f"day{weekday}_closes"])
            if data.get(f"day{weekday}_open")
            else None
            for weekday in range(7)
        }
