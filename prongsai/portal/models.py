"""The public site of an org: its settings, news and pages, and its OIT evidence."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Organization, OrgOwned, validate_fiscal_year


class Site(models.Model):
    """What the org's home page says about it beyond the Organization record."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="site")
    intro = models.TextField(
        _("ข้อความแนะนำหน่วยงาน"), blank=True, help_text=_("แสดงใต้ชื่อหน่วยงานในหน้าแรก")
    )
    office_hours = models.CharField(
        _("เวลาทำการ"), max_length=200, blank=True, help_text=_("เช่น จันทร์–ศุกร์ 08.30–16.30 น.")
    )
    facebook_url = models.URLField(_("เพจ Facebook"), blank=True)
    youtube_url = models.URLField(_("ช่อง YouTube"), blank=True)
    line_oa_url = models.URLField(
        _("ลิงก์เพิ่มเพื่อน LINE Official Account"),
        blank=True,
        help_text=_("ใช้เมื่อยังไม่ได้เชื่อม LINE OA กับระบบ เช่น https://line.me/R/ti/p/@prasatthong"),
    )
    privacy_contact = models.TextField(
        _("ผู้ประสานงานด้านข้อมูลส่วนบุคคล"),
        blank=True,
        help_text=_("ชื่อ ตำแหน่ง และช่องทางติดต่อ ที่ประกาศไว้ในนโยบายคุ้มครองข้อมูลส่วนบุคคล"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ข้อมูลเว็บไซต์")
        verbose_name_plural = _("ข้อมูลเว็บไซต์")

    def __str__(self) -> str:
        return str(self.org)


def news_image_path(instance: "NewsItem", filename: str) -> str:
    # Random names: the address of a picture must not tell how many there are.
    return f"portal/{instance.org_id}/news/{secrets.token_hex(8)}{filename[filename.rfind('.') :]}"


class NewsItem(OrgOwned):
    class Kind(models.TextChoices):
        NEWS = "news", _("ข่าวประชาสัมพันธ์")
        ANNOUNCEMENT = "announcement", _("ประกาศ")
        ACTIVITY = "activity", _("ข่าวกิจกรรม")

    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("หัวข้อ"), max_length=200)
    summary = models.CharField(
        _("สรุปย่อ"),
        max_length=300,
        blank=True,
        help_text=_("แสดงในรายการข่าวและเมื่อแชร์ไปยัง Facebook หรือ LINE"),
    )
    body = models.TextField(_("เนื้อหา"), blank=True)  # sanitised HTML, see portal.richtext
    image = models.ImageField(_("ภาพประกอบ"), upload_to=news_image_path, blank=True)
    image_alt = models.CharField(_("คำอธิบายภาพ"), max_length=200, blank=True)
    # None: a draft. In the future: shown from then on.
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["org", "-published_at"], name="news_org_published")]
        verbose_name = _("ข่าว")
        verbose_name_plural = _("ข่าว")

    def __str__(self) -> str:
        return self.title

    @property
    def published_on(self):
        """The local day of publication: what a reader is shown (the hour is noise)."""
        return timezone.localdate(self.published_at) if self.published_at else None

    def is_public(self, now=None) -> bool:
        return self.published_at is not None and self.published_at <= (now or timezone.now())


class Page(OrgOwned):
    """A page of the org's site (ประวัติ, โครงสร้าง, อำนาจหน้าที่ …) at `/<org>/pages/<slug>/`."""

    slug = models.SlugField(
        _("ชื่อในที่อยู่เว็บ"), max_length=60, help_text=_("ภาษาอังกฤษ เช่น structure, authority")
    )
    title = models.CharField(_("ชื่อหน้า"), max_length=200)
    body = models.TextField(_("เนื้อหา"), blank=True)  # sanitised HTML, see portal.richtext
    is_published = models.BooleanField(_("เผยแพร่"), default=False)
    in_menu = models.BooleanField(_("แสดงในเมนูเกี่ยวกับหน่วยงาน"), default=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "title"]
        constraints = [models.UniqueConstraint(fields=["org", "slug"], name="page_slug_per_org")]
        verbose_name = _("หน้าเว็บ")
        verbose_name_plural = _("หน้าเว็บ")

    def __str__(self) -> str:
        return self.title


def evidence_file_path(instance: "OitEvidence", filename: str) -> str:
    suffix = filename[filename.rfind(".") :] if "." in filename else ""
    return f"portal/{instance.org_id}/oit/{instance.fiscal_year}/{secrets.token_hex(8)}{suffix}"


class OitEvidence(OrgOwned):
    """Evidence of an OIT item that Prongsai does not generate: a file, a link or a page."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ"), validators=[validate_fiscal_year]
    )
    # The item's code within that year's framework (O1…On); kept as text so that
    # reloading a framework never takes the org's evidence with it.
    item_code = models.CharField(_("ข้อ"), max_length=5)
    title = models.CharField(_("ชื่อหลักฐาน"), max_length=300)
    file = models.FileField(_("ไฟล์"), upload_to=evidence_file_path, blank=True)
    url = models.URLField(_("ลิงก์"), max_length=500, blank=True)
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("หน้าเว็บของหน่วยงาน"),
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fiscal_year", "item_code", "order", "pk"]
        indexes = [models.Index(fields=["org", "fiscal_year"], name="oit_evidence_org_year")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (~models.Q(file="") & models.Q(url="") & models.Q(page__isnull=True))
                    | (models.Q(file="") & ~models.Q(url="") & models.Q(page__isnull=True))
                    | (models.Q(file="") & models.Q(url="") & models.Q(page__isnull=False))
                ),
                name="oit_evidence_one_source",
            )
        ]
        verbose_name = _("หลักฐาน OIT")
        verbose_name_plural = _("หลักฐาน OIT")

    def __str__(self) -> str:
        return f"{self.item_code} {self.title}"

    def clean(self) -> None:
        sources = [bool(self.file), bool(self.url), self.page_id is not None]
        if sum(sources) != 1:
            raise ValidationError(_("หลักฐานหนึ่งรายการต้องเป็นไฟล์ ลิงก์ หรือหน้าเว็บ อย่างใดอย่างหนึ่ง"))
        if self.page_id is not None and self.page.org_id != self.org_id:
            raise ValidationError({"page": _("หน้าเว็บนี้ไม่ได้อยู่ในหน่วยงานเดียวกัน")})
