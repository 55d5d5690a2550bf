"""Staff forms that add evidence to an OIT item: a link, a file, or one of the org's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Organization
from prongsai.portal.documents import ACCEPTED_FILES
from prongsai.portal.models import Page

_TITLE_REQUIRED = _("กรุณาตั้งชื่อหลักฐาน เช่น ชื่อเอกสารหรือชื่อหน้า")


def _title(required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=_("ชื่อหลักฐาน"),
        max_length=300,
        required=required,
        help_text=help_text,
        error_messages={
            "required": _TITLE_REQUIRED,
            "max_length": _("ชื่อหลักฐานยาวได้ไม่เกิน 300 ตัวอักษร"),
        },
    )


class LinkEvidenceForm(forms.Form):
    kind = "link"
    title = _title()
    url = forms.URLField(
        label=_("ลิงก์"),
        max_length=500,
        assume_scheme="https",
        help_text=_("ที่อยู่เว็บเต็ม เช่น https://www.example.go.th/plan.pdf"),
        error_messages={
            "required": _("กรุณาใส่ลิงก์"),
            "invalid": _("ลิงก์ไม่ถูกต้อง ต้องขึ้นต้นด้วย https:// หรือ http://"),
            "max_length": _("ลิงก์ยาวได้ไม่เกิน 500 ตัวอักษร"),
        },
    )


class FileEvidenceForm(forms.Form):
    kind = "file"
    title = _title()
    file = forms.FileField(
        label=_("ไฟล์"),
        help_text=_("PDF รูปภาพ (JPEG, PNG, WebP) เอกสาร Word (.docx) หรือ Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
        error_messages={
            "required": _("กรุณาเลือกไฟล์"),
            "empty": _("ไฟล์ที่เลือกว่างเปล่า"),
        },
    )


class PageEvidenceForm(forms.Form):
    kind = "page"
    page = forms.ModelChoiceField(
        label=_("หน้าเว็บของหน่วยงาน"),
        queryset=Page.objects.none(),
        empty_label=_("— เลือกหน้า —"),
        error_messages={
            "required": _("กรุณาเลือกหน้าเว็บ"),
            "invalid_choice": _("เลือกได้เฉพาะหน้าเว็บของหน่วยงาน"),
        },
    )
    title = _title(required=False, help_text=_("เว้นว่างได้ ระบบจะใช้ชื่อหน้า"))

    def __init__(self, org: Organization, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = Page.objects.for_org(org).order_by("order", "title")


FORMS = {form.kind: form for form in (LinkEvidenceForm, FileEvidenceForm, PageEvidenceForm)}


def evidence_forms(org: Organization, data=None, files=None, kind: str = "") -> dict:
    """The three forms of the item page, the one of `kind` bound to the submitted data."""
    made = {}
    for name, form_class in FORMS.items():
        args = (org,) if form_class is PageEvidenceForm else ()
        bound = (data, files) if name == kind else ()
        made[name] = form_class(*args, *bound, prefix=name)
    return made
