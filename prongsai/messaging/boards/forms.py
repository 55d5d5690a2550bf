import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Service
from prongsai.inbox.forms import ContactFields
from prongsai.inbox.models import Case
from prongsai.messaging.boards import antispam
from prongsai.messaging.boards.models import AbuseReport, BoardSettings
from prongsai.orgs.models import Organization

TITLE_MAX = 200  # the subject of a Case
TEXT_MAX = 5000
NAME_MAX = 80

# Characters that take no room on screen: text made only of these is empty.
_INVISIBLE = re.compile(r"[\s\u00ad\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]+")


def text_field(
    label, *, max_length: int, required_message=None, textarea: bool = False, **kwargs
) -> forms.CharField:
    """A text field whose messages are Thai and which refuses text that shows nothing."""
    required = required_message is not None

    def visible(value: str) -> None:
        if not _INVISIBLE.sub("", value):
            raise ValidationError(required_message)

    widget = forms.Textarea(attrs={"rows": 5, "dir": "auto"}) if textarea else None
    if widget is None:
        widget = forms.TextInput(attrs={"dir": "auto"})
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        validators=[visible] if required else [],
        error_messages={
            "required": required_message,
            "max_length": _(
                "ยาวเกินกำหนด: ไม่เกิน %(limit_value)d ตัวอักษร (ตอนนี้ %(show_value)d ตัวอักษร)"
            ),
        },
        **kwargs,
    )


def display_name_field() -> forms.CharField:
    return text_field(
        _("ชื่อที่แสดง (ไม่บังคับ ใช้นามแฝงได้)"),
        max_length=NAME_MAX,
        help_text=_("ชื่อนี้แสดงต่อสาธารณะ ถ้าเว้นว่างจะแสดงว่า “ผู้ไม่ประสงค์ออกนาม”"),
    )


class BotChecks(forms.Form):
    """The honeypot and the signed time the form was shown.

    Neither is a form field: the honeypot is read by the view, which drops a
    bot's post without a word, and the time is checked here.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A fresh stamp on every rendering, including a form shown again with errors.
        self.started_token = antispam.issue_started()

    @property
    def is_bot(self) -> bool:
        return self.is_bound and antispam.is_honeypot_filled(self.data)

    def clean(self):
        cleaned = super().clean()
        if self._errors:
            # Nothing is saved anyway; the form comes back with a new stamp.
            return cleaned
        timing = antispam.check_started(self.data.get(antispam.STARTED_FIELD))
        if timing == antispam.FormTiming.TOO_FAST:
            raise ValidationError(_("ส่งเร็วเกินไป กรุณาตรวจข้อความอีกครั้งแล้วกดส่ง"))
        if timing == antispam.FormTiming.INVALID:
            raise ValidationError(_("แบบฟอร์มนี้หมดอายุหรือไม่สมบูรณ์ กรุณากดส่งอีกครั้ง"))
        return cleaned


class OnceKey(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idempotency_key"].initial = uuid.uuid4().hex


class TopicForm(BotChecks, OnceKey):
    title = text_field(_("หัวข้อ"), max_length=TITLE_MAX, required_message=_("กรุณาระบุหัวข้อ"))
    text = text_field(
        _("ข้อความ"),
        max_length=TEXT_MAX,
        required_message=_("กรุณาพิมพ์ข้อความ"),
        textarea=True,
    )
    author_name = display_name_field()

    field_order = ["title", "text", "author_name", "idempotency_key"]


class ReplyForm(BotChecks, OnceKey):
    text = text_field(
        _("ความเห็น"),
        max_length=TEXT_MAX,
        required_message=_("กรุณาพิมพ์ข้อความ"),
        textarea=True,
    )
    author_name = display_name_field()


class QuestionForm(BotChecks, ContactFields):
    """A question: public title, text and display name; private name and e-mail."""

    subject = text_field(
        _("คำถาม (หัวข้อ)"), max_length=TITLE_MAX, required_message=_("กรุณาพิมพ์คำถาม")
    )
    text = text_field(
        _("รายละเอียด"),
        max_length=TEXT_MAX,
        required_message=_("กรุณาเล่ารายละเอียดของคำถาม"),
        textarea=True,
    )
    display_name = display_name_field()
    reporter_phone = None  # the answer comes by e-mail and on the board

    field_order = [
        "subject",
        "text",
        "display_name",
        "reporter_name",
        "reporter_email",
        "consent",
        "idempotency_key",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter_name"].label = _("ชื่อ-นามสกุล (ไม่แสดงต่อสาธารณะ)")
        self.fields["reporter_email"].label = _("อีเมลสำหรับรับคำตอบ (ไม่แสดงต่อสาธารณะ)")
        self.fields["reporter_email"].help_text = _("ถ้าให้ไว้ จะได้รับคำตอบทางอีเมลด้วย")
        self.fields["reporter_name"].widget.attrs["dir"] = "auto"

    def clean(self):
        cleaned = super().clean()
        has_contact = cleaned.get("reporter_name") or cleaned.get("reporter_email")
        if has_contact and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _("กรุณายินยอมให้ใช้ข้อมูลติดต่อเพื่อแจ้งคำตอบ หรือเว้นชื่อและอีเมลไว้"),
            )
        return cleaned

    def contact_data(self) -> dict:
        return {
            "reporter_name": self.cleaned_data["reporter_name"],
            "reporter_email": self.cleaned_data["reporter_email"],
            "consent": self.cleaned_data["consent"],
        }


class ReportForm(BotChecks):
    reason = forms.ChoiceField(
        label=_("เหตุผลที่แจ้ง"),
        choices=AbuseReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกเหตุผล")},
    )
    detail = text_field(_("รายละเอียดเพิ่มเติม (ไม่บังคับ)"), max_length=500, textarea=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["detail"].widget.attrs["rows"] = 3


# Staff ----------------------------------------------------------------------------


class OfficialReplyForm(forms.Form):
    text = text_field(
        _("คำตอบของเจ้าหน้าที่"),
        max_length=TEXT_MAX,
        required_message=_("กรุณาพิมพ์คำตอบ"),
        textarea=True,
    )
    to_case = forms.BooleanField(
        label=_("ส่งเป็นคำตอบในเรื่องที่รับไว้ด้วย (แจ้งผู้แจ้งทางอีเมลถ้ามี)"),
        required=False,
        initial=True,
    )


class TopicToCaseForm(forms.Form):
    KINDS = [Case.Kind.COMPLAINT, Case.Kind.QUESTION]

    kind = forms.ChoiceField(
        label=_("รับเป็น"), choices=[(k.value, k.label) for k in KINDS], initial=Case.Kind.COMPLAINT
    )
    service = forms.ModelChoiceField(
        label=_("หมวดเรื่องร้องเรียน (ไม่บังคับ)"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("— ไม่ระบุ —"),
    )

    def __init__(self, org: Organization, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.for_org(org).filter(
            is_active=True, kind=Service.Kind.COMPLAINT
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("service") and cleaned.get("kind") != Case.Kind.COMPLAINT:
            self.add_error("service", _("เลือกหมวดเรื่องได้เฉพาะเมื่อรับเป็นเรื่องร้องเรียน"))
        return cleaned


class AnswerForm(forms.Form):
    text = text_field(
        _("คำตอบ (แสดงใต้คำถามและส่งอีเมลถึงผู้ถามถ้ามี)"),
        max_length=TEXT_MAX,
        required_message=_("กรุณาพิมพ์คำตอบ"),
        textarea=True,
    )
    close = forms.BooleanField(label=_("ปิดเรื่องว่าตอบแล้ว"), required=False, initial=True)


class FaqForm(forms.Form):
    is_faq = forms.BooleanField(label=_("แสดงในคำถามที่พบบ่อย (FAQ)"), required=False)
    faq_group = text_field(_("หมวด (เช่น ภาษี, ขยะ, สวัสดิการ)"), max_length=100)


class SettingsForm(forms.Form):
    moderation = forms.ChoiceField(
        label=_("การตรวจสอบข้อความบนเว็บบอร์ดและกระดานถาม-ตอบ"),
        choices=BoardSettings.Moderation.choices,
        widget=forms.RadioSelect,
    )
