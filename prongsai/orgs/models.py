import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

# First path segments that belong to the instance itself, so no org may take them.
RESERVED_SLUGS = frozenset(
    {"admin", "api", "accounts", "i18n", "static", "media", "healthz", "robots.txt"}
)


def validate_org_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(_("ชื่อย่อ “%(slug)s” สงวนไว้สำหรับระบบ"), params={"slug": value})


_DOMAIN = re.compile(r"(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def validate_domain(value: str) -> None:
    if not _DOMAIN.fullmatch(value):
        raise ValidationError(
            _("ชื่อโดเมนต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์เล็ก ตัวเลข จุด และขีด เช่น www.prtong.go.th")
        )


def validate_fiscal_year(value: int) -> None:
    # Fiscal years are Buddhist-era years; a CE year here is a typing slip.
    if not 2500 <= value <= 2700:
        raise ValidationError(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๖"))


class Organization(models.Model):
    class Kind(models.TextChoices):
        SAO = "sao", _("องค์การบริหารส่วนตำบล")
        TAMBON_MUNICIPALITY = "tambon", _("เทศบาลตำบล")
        TOWN_MUNICIPALITY = "mueang", _("เทศบาลเมือง")
        CITY_MUNICIPALITY = "nakhon", _("เทศบาลนคร")
        PAO = "pao", _("องค์การบริหารส่วนจังหวัด")

    slug = models.SlugField(
        _("ชื่อย่อในที่อยู่เว็บ"), max_length=50, unique=True, validators=[validate_org_slug]
    )
    name_th = models.CharField(_("ชื่อภาษาไทย"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=100, help_text=_("เช่น อบต.ปราสาททอง"))
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    province = models.CharField(_("จังหวัด"), max_length=100)
    address = models.TextField(_("ที่อยู่"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    website = models.URLField(_("เว็บไซต์"), blank=True)
    # Serves the org's pages at the root of its own host name besides `/<slug>/`;
    # the host must also be in ALLOWED_HOSTS and point to this instance.
    domain = models.CharField(
        _("ชื่อโดเมนของหน่วยงาน"),
        max_length=253,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_domain],
        help_text=_("เช่น www.prtong.go.th (ไม่ต้องใส่ https://) เว้นว่างถ้าไม่ใช้"),
    )
    logo = models.ImageField(_("ตราสัญลักษณ์"), upload_to="orgs/logos/", blank=True)
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["province", "name_th"]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")

    def __str__(self) -> str:
        return self.name_th

    def clean(self) -> None:
        # Host names are case-insensitive; stored lower-case so that lookups are exact.
        self.domain = (self.domain or "").strip().lower().rstrip(".") or None


class OrgOwnedQuerySet(models.QuerySet):
    def for_org(self, org: Organization) -> "OrgOwnedQuerySet":
        return self.filter(org=org)


class OrgOwned(models.Model):
    """Base of every model that belongs to one org; query it with `for_org`."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, verbose_name=_("หน่วยงาน"))

    objects = OrgOwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class ItasLink(OrgOwned):
    """The org's questionnaire links on the NACC's ITAS system for one fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ"), validators=[validate_fiscal_year]
    )
    eit_url = models.URLField(_("ลิงก์แบบวัด EIT"), blank=True)
    iit_url = models.URLField(_("ลิงก์แบบวัด IIT"), blank=True)
    # While today is inside this period, the public pages invite stakeholders to answer.
    opens_on = models.DateField(_("เปิดให้ตอบตั้งแต่"), null=True, blank=True)
    closes_on = models.DateField(_("ถึงวันที่"), null=True, blank=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["org", "fiscal_year"], name="itaslink_one_per_year")
        ]
        verbose_name = _("ลิงก์ ITAS")
        verbose_name_plural = _("ลิงก์ ITAS")

    def __str__(self) -> str:
        return f"{self.org.short_name} {self.fiscal_year}"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("วันปิดต้องไม่ก่อนวันเปิด")})

    def is_open_on(self, day) -> bool:
        """True while stakeholders are invited: the period holds `day` and a link exists."""
        if not (self.eit_url or self.iit_url) or self.opens_on is None:
            return False
        return self.opens_on <= day and (self.closes_on is None or day <= self.closes_on)


class Division(OrgOwned):
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=200)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint("org", Lower("name"), name="division_unique_name_per_org")
        ]
        verbose_name = _("สำนัก/กอง")
        verbose_name_plural = _("สำนัก/กอง")

    def __str__(self) -> str:
        return self.name


class Village(OrgOwned):
    """A หมู่บ้าน of the org's area: หมู่ที่ `number` บ้าน `name`."""

    number = models.PositiveSmallIntegerField(_("หมู่ที่"))
    name = models.CharField(_("ชื่อหมู่บ้าน"), max_length=100, help_text=_("เช่น บ้านสามโคก"))

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["org", "number"], name="village_one_per_number")
        ]
        verbose_name = _("หมู่บ้าน")
        verbose_name_plural = _("หมู่บ้าน")

    def __str__(self) -> str:
        return f"ม.{self.number} {self.name}"


class Position(OrgOwned):
    name = models.CharField(_("ชื่อตำแหน่ง"), max_length=200)
    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("สังกัด")
    )
    is_executive = models.BooleanField(_("เป็นผู้บริหาร"), default=False)
    heads_division = models.BooleanField(
        _("เป็นหัวหน้าส่วนราชการ"),
        default=False,
        help_text=_("ได้รับแจ้งเรื่องที่เกินกำหนดของสำนัก/กองที่สังกัด และสรุปประจำวัน"),
    )
    handles_corruption = models.BooleanField(
        _("รับเรื่องร้องเรียนการทุจริต"),
        default=False,
        help_text=_("ผู้ดำรงตำแหน่งนี้เห็นรายละเอียดและตัวตนผู้ร้องเรียนการทุจริต"),
    )

    class Meta:
        ordering = ["-is_executive", "division__order", "name"]
        constraints = [
            models.UniqueConstraint("org", Lower("name"), name="position_unique_name_per_org")
        ]
        verbose_name = _("ตำแหน่ง")
        verbose_name_plural = _("ตำแหน่ง")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.division_id and self.division.org_id != self.org_id:
            raise ValidationError({"division": _("สำนัก/กองนี้ไม่ได้อยู่ในหน่วยงานเดียวกัน")})


class Membership(OrgOwned):
    """A user's place in an org: the role decides what they may do there."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("ผู้ดูแลระบบของหน่วยงาน")
        OFFICER = "officer", _("เจ้าหน้าที่ผู้รับผิดชอบ")
        EXECUTIVE = "executive", _("ผู้บริหาร")
        STAFF = "staff", _("บุคลากร")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("ผู้ใช้"),
    )
    role = models.CharField(_("บทบาท"), max_length=10, choices=Role.choices)
    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("สังกัด")
    )
    position = models.ForeignKey(
        Position, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("ตำแหน่ง")
    )
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["org", "user"], name="membership_one_per_org")
        ]
        verbose_name = _("สมาชิก")
        verbose_name_plural = _("สมาชิก")

    def __str__(self) -> str:
        return f"{self.user} @ {self.org.short_name} ({self.get_role_display()})"

    def clean(self) -> None:
        for field in ("division", "position"):
            related = getattr(self, field)
            if related is not None and related.org_id != self.org_id:
                raise ValidationError({field: _("ต้องเป็นของหน่วยงานเดียวกัน")})


class AuditEvent(models.Model):
    """Who did what to which object, when and from where. Rows are never changed."""

    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("หน่วยงาน")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้กระทำ"),
    )
    # Kept as text too, so the trail still names people whose account is gone.
    actor_name = models.CharField(_("ชื่อผู้กระทำ"), max_length=150, blank=True)
    action = models.CharField(_("การกระทำ"), max_length=50, db_index=True)
    target_type = models.CharField(_("ชนิดของสิ่งที่ถูกกระทำ"), max_length=100, blank=True)
    target_id = models.CharField(_("รหัสของสิ่งที่ถูกกระทำ"), max_length=64, blank=True)
    target_repr = models.CharField(_("สิ่งที่ถูกกระทำ"), max_length=200, blank=True)
    detail = models.JSONField(_("รายละเอียด"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("ที่อยู่ IP"), null=True, blank=True)
    user_agent = models.CharField(_("โปรแกรมที่ใช้"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("เวลา"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["org", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]
        verbose_name = _("บันทึกการใช้งาน")
        verbose_name_plural = _("บันทึกการใช้งาน")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)


class ApiToken(models.Model):
    """A personal key to the JSON API, sent as `Authorization: Bearer <token>`.

    Only the SHA-256 digest is stored: a leaked database gives no working token.
    The prefix is kept in clear so that its owner can tell their tokens apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("ผู้ใช้"),
    )
    label = models.CharField(_("ชื่อโทเค็น"), max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("ขึ้นต้นด้วย"), max_length=16, editable=False)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("ใช้ล่าสุด"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("โทเค็น API")
        verbose_name_plural = _("โทเค็น API")

    def __str__(self) -> str:
        return f"{self.prefix}… {self.label}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
