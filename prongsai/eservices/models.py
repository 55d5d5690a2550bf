from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Division, OrgOwned

# Types of the fields a service's form can ask for; the form is built from this data.
FIELD_TYPES = ("text", "textarea", "number", "date", "choice", "file", "location")


def validate_form_fields(value) -> None:
    """A service's form fields: a list of {name, label, type, required, choices}."""
    if not isinstance(value, list):
        raise ValidationError(_("รายการช่องกรอกต้องเป็นลิสต์"))
    names = set()
    for field in value:
        if not isinstance(field, dict) or not field.get("name") or not field.get("label"):
            raise ValidationError(_("ช่องกรอกทุกช่องต้องมี name และ label"))
        if field.get("type", "text") not in FIELD_TYPES:
            raise ValidationError(
                _("ชนิดช่องกรอก “%(type)s” ไม่รองรับ"), params={"type": field.get("type")}
            )
        if field.get("type") == "choice" and not field.get("choices"):
            raise ValidationError(_("ช่องแบบตัวเลือกต้องมี choices"))
        if field["name"] in names:
            raise ValidationError(_("ชื่อช่องกรอกซ้ำ: %(name)s"), params={"name": field["name"]})
        names.add(field["name"])


class Resource(OrgOwned):
    """Something citizens can book: a vehicle, a venue, a piece of equipment."""

    class Kind(models.TextChoices):
        VEHICLE = "vehicle", _("ยานพาหนะ")
        VENUE = "venue", _("สถานที่")
        EQUIPMENT = "equipment", _("วัสดุครุภัณฑ์")

    name = models.CharField(_("ชื่อ"), max_length=200)
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("รายละเอียด"), blank=True)
    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("สังกัด")
    )
    is_active = models.BooleanField(_("เปิดให้จอง"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("ทรัพย์สินที่จองได้")
        verbose_name_plural = _("ทรัพย์สินที่จองได้")

    def __str__(self) -> str:
        return self.name


class Service(OrgOwned):
    """One entry of the org's catalog: an e-service, or a category of complaint.

    Every case that comes through a form names its service, which decides the
    kind of case, the division it goes to and its time limit. The same catalog
    is published as Open311 services.
    """

    class Kind(models.TextChoices):
        # The subset of the case kinds that a catalog entry can file.
        REQUEST = "request", _("คำร้องทั่วไป")
        COMPLAINT = "complaint", _("เรื่องร้องเรียน/ร้องทุกข์")
        CORRUPTION = "corruption", _("ร้องเรียนการทุจริตและประพฤติมิชอบ")
        ESERVICE = "eservice", _("บริการออนไลน์ (E-Service)")

    code = models.SlugField(_("รหัสบริการ"), max_length=50)
    name = models.CharField(_("ชื่อบริการ"), max_length=200)
    kind = models.CharField(_("ประเภทเรื่อง"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    division = models.ForeignKey(
        Division,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("ส่วนราชการที่รับผิดชอบ"),
    )
    time_limit_days = models.PositiveSmallIntegerField(_("ระยะเวลาดำเนินการ (วัน)"), default=15)
    is_physical = models.BooleanField(
        _("เป็นปัญหาทางกายภาพ"),
        default=False,
        help_text=_("เช่น ถนน ไฟฟ้า น้ำประปา ขยะ: ขอตำแหน่งและภาพถ่าย"),
    )
    form_fields = models.JSONField(
        _("ช่องกรอกของแบบฟอร์ม"), default=list, blank=True, validators=[validate_form_fields]
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("ทรัพย์สินที่จอง"),
        help_text=_("บริการจองใช้ เช่น ขอใช้รถ: แบบฟอร์มจะถามช่วงวันที่ต้องการ"),
    )
    # The citizen manual (คู่มือสำหรับประชาชน).
    manual_steps = models.JSONField(
        _("ขั้นตอนการให้บริการ"),
        default=list,
        blank=True,
        help_text=_('ลิสต์ของ {"step": "...", "time": "..."}'),
    )
    manual_documents = models.TextField(_("เอกสารที่ต้องใช้"), blank=True)
    manual_fee = models.CharField(_("ค่าธรรมเนียม"), max_length=200, blank=True)
    is_active = models.BooleanField(_("เปิดให้บริการ"), default=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["org", "code"], name="service_code_unique_per_org")
        ]
        verbose_name = _("บริการ")
        verbose_name_plural = _("บริการ")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        for field in ("division", "resource"):
            related = getattr(self, field)
            if related is not None and related.org_id != self.org_id:
                raise ValidationError({field: _("ต้องเป็นของหน่วยงานเดียวกัน")})


class Booking(OrgOwned):
    """A request to use a resource over a range of days; it is also a case."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("รออนุมัติ")
        APPROVED = "approved", _("อนุมัติ")
        REFUSED = "refused", _("ไม่อนุมัติ")
        CANCELLED = "cancelled", _("ยกเลิก")

    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, verbose_name=_("ทรัพย์สิน"))
    case = models.OneToOneField(
        "inbox.Case", on_delete=models.CASCADE, related_name="booking", verbose_name=_("เรื่อง")
    )
    start_date = models.DateField(_("วันที่เริ่ม"))
    end_date = models.DateField(_("วันที่สิ้นสุด"))
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )

    class Meta:
        ordering = ["start_date"]
        indexes = [models.Index(fields=["resource", "status", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="booking_ends_after_it_starts",
            )
        ]
        verbose_name = _("การจอง")
        verbose_name_plural = _("การจอง")

    def __str__(self) -> str:
        return f"{self.resource} {self.start_date}–{self.end_date}"


class Open311Key(OrgOwned):
    """A key with which one Open311 client files requests for the org.

    Only the SHA-256 digest is stored: a leaked database gives no working key.
    The prefix lets staff tell their keys apart without seeing them.
    """

    name = models.CharField(_("ชื่อผู้ใช้คีย์"), max_length=200, help_text=_("เช่น ชื่อแอปหรือหน่วยงานที่ได้รับคีย์"))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("ขึ้นต้นด้วย"), max_length=8, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ออกคีย์"),
    )
    created_at = models.DateTimeField(_("ออกคีย์เมื่อ"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("คีย์ Open311")
        verbose_name_plural = _("คีย์ Open311")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
