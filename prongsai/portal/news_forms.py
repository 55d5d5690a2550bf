"""Forms of the staff pages that write news and pages; the services check everything again."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from prongsai.portal.models import NewsItem, Page
from prongsai.portal.news import SLUG_RULE, SLUG_RULE_TEXT

IMAGE_TYPES = "image/jpeg,image/png,image/webp"


class NewsForm(forms.ModelForm):
    # The picture is not a model field here: the service checks, resizes and names it.
    image = forms.FileField(
        label=_("ภาพประกอบ"),
        required=False,
        widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}),
    )
    remove_image = forms.BooleanField(label=_("ลบภาพประกอบเดิม"), required=False)

    class Meta:
        model = NewsItem
        fields = ["kind", "title", "summary", "body", "image_alt"]
        widgets = {"body": forms.HiddenInput, "summary": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "title": {
                "required": _("กรอกหัวข้อข่าว"),
                "max_length": _("หัวข้อยาวได้ไม่เกิน %(limit_value)d ตัวอักษร"),
            },
            "summary": {"max_length": _("สรุปย่อยาวได้ไม่เกิน %(limit_value)d ตัวอักษร")},
            "image_alt": {"max_length": _("คำอธิบายภาพยาวได้ไม่เกิน %(limit_value)d ตัวอักษร")},
            "kind": {"invalid_choice": _("เลือกประเภทจากรายการ")},
        }
        help_texts = {
            "image_alt": _("จำเป็นเมื่อมีภาพ: บอกสิ่งที่อยู่ในภาพสำหรับผู้ที่มองไม่เห็นภาพ"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].help_text = _(
            "JPEG, PNG หรือ WebP ไม่เกิน %(mb)s MB ระบบย่อภาพและลบข้อมูลตำแหน่ง (EXIF) ให้เอง"
        ) % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}
        if not self.instance.image:
            del self.fields["remove_image"]

    def clean(self):
        data = super().clean()
        keeps = data.get("image") or (self.instance.image and not data.get("remove_image"))
        if keeps and not data.get("image_alt", "").strip():
            self.add_error("image_alt", _("กรอกคำอธิบายภาพ เพราะข่าวนี้มีภาพประกอบ"))
        return data


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label=_("เผยแพร่เมื่อ"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("เว้นว่างเพื่อเผยแพร่ทันที ใส่วันเวลาข้างหน้าเพื่อตั้งเวลาเผยแพร่"),
        error_messages={"invalid": _("วันเวลาไม่ถูกต้อง")},
    )


class PageForm(forms.ModelForm):
    slug = forms.CharField(
        label=_("ชื่อในที่อยู่เว็บ"),
        max_length=60,
        help_text=SLUG_RULE_TEXT,
        error_messages={
            "required": _("กรอกชื่อในที่อยู่เว็บ"),
            "max_length": _("ชื่อในที่อยู่เว็บยาวได้ไม่เกิน %(limit_value)d ตัวอักษร"),
        },
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    order = forms.IntegerField(
        label=_("ลำดับในเมนู"),
        min_value=0,
        max_value=999,
        initial=0,
        error_messages={
            "required": _("กรอกลำดับ (ตัวเลข 0 ขึ้นไป)"),
            "invalid": _("ลำดับต้องเป็นตัวเลข"),
            "min_value": _("ลำดับต้องไม่ติดลบ"),
            "max_value": _("ลำดับต้องไม่เกิน 999"),
        },
        widget=forms.NumberInput(attrs={"min": "0", "inputmode": "numeric"}),
        help_text=_("หน้าที่เลขน้อยอยู่ก่อน"),
    )

    class Meta:
        model = Page
        fields = ["title", "slug", "body", "is_published", "in_menu", "order"]
        widgets = {"body": forms.HiddenInput}
        error_messages = {
            "title": {
                "required": _("กรอกชื่อหน้า"),
                "max_length": _("ชื่อหน้ายาวได้ไม่เกิน %(limit_value)d ตัวอักษร"),
            },
        }
        help_texts = {"is_published": _("ประชาชนเปิดอ่านหน้านี้ได้")}

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if not SLUG_RULE.match(slug):
            raise forms.ValidationError(_("ชื่อในที่อยู่เว็บไม่ถูกต้อง: %(rule)s") % {"rule": SLUG_RULE_TEXT})
        return slug
