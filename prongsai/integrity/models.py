"""The staff side of integrity work (the IIT): what the org's own people use and record.

Budget questions are Cases (kind "budget", channel "staff") so that the inbox,
the statistics and the reports count them; everything else lives here.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Division, OrgOwned, validate_fiscal_year

User = settings.AUTH_USER_MODEL


class BudgetProposal(OrgOwned):
    """An item a staff member proposes for next year's budget of their division."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("เสนอแล้ว")
        ACCEPTED = "accepted", _("หัวหน้าส่วนราชการรวบรวมเข้าคำของบประมาณ")
        DECLINED = "declined", _("ไม่นำเข้าคำของบประมาณ")

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณที่เสนอ"), validators=[validate_fiscal_year]
    )
    division = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name=_("สำนัก/กอง"))
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ผู้เสนอ")
    )
    item = models.CharField(_("รายการ"), max_length=300)
    reason = models.TextField(_("เหตุผลความจำเป็น"))
    amount = models.DecimalField(_("ประมาณการ (บาท)"), max_digits=14, decimal_places=2)
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    head_note = models.TextField(_("ความเห็นหัวหน้าส่วนราชการ"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year", "division__order", "created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="proposal_amount_gte_0")
        ]
        verbose_name = _("ข้อเสนอตั้งงบประมาณ")
        verbose_name_plural = _("ข้อเสนอตั้งงบประมาณ")

    def __str__(self) -> str:
        return self.item


def circular_path(instance: "CircularFile", filename: str) -> str:
    return f"orgs/{instance.circular.org_id}/circulars/{instance.circular_id}/{filename}"


class Circular(OrgOwned):
    """A หนังสือเวียน to all staff or to some divisions, acknowledged by each reader."""

    number = models.CharField(_("เลขที่หนังสือ"), max_length=50, blank=True)
    title = models.CharField(_("เรื่อง"), max_length=300)
    text = models.TextField(_("ข้อความ"))
    divisions = models.ManyToManyField(
        Division,
        blank=True,
        verbose_name=_("ส่งถึงสำนัก/กอง"),
        help_text=_("ไม่เลือก = ส่งถึงบุคลากรทุกคน"),
    )
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), default=timezone.now)
    sent_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ผู้ส่ง")
    )

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("หนังสือเวียน")
        verbose_name_plural = _("หนังสือเวียน")

    def __str__(self) -> str:
        return self.title


class CircularFile(models.Model):
    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=circular_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.original_name


class Acknowledgement(models.Model):
    """A staff member has read a circular."""

    circular = models.ForeignKey(
        Circular, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("รับทราบเมื่อ"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circular", "user"], name="acknowledged_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.circular}"


class Meeting(OrgOwned):
    """A staff meeting, e.g. the monthly ประชุมพนักงาน on the 7th."""

    title = models.CharField(_("ชื่อการประชุม"), max_length=300)
    held_on = models.DateField(_("วันที่ประชุม"))
    place = models.CharField(_("สถานที่"), max_length=200, blank=True)
    agenda = models.TextField(_("ระเบียบวาระ"), blank=True)
    minutes = models.TextField(_("รายงานการประชุม"), blank=True)
    attendees = models.ManyToManyField(
        User, blank=True, related_name="+", verbose_name=_("ผู้เข้าประชุม")
    )
    circulars = models.ManyToManyField(
        Circular, blank=True, related_name="meetings", verbose_name=_("หนังสือเวียนที่แจ้งในที่ประชุม")
    )

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("การประชุมบุคลากร")
        verbose_name_plural = _("การประชุมบุคลากร")

    def __str__(self) -> str:
        return self.title


class Training(OrgOwned):
    class Topic(models.TextChoices):
        ETHICS = "ethics", _("คุณธรรมจริยธรรม")
        ANTI_CORRUPTION = "anti_corruption", _("การป้องกันการทุจริตและประพฤติมิชอบ")
        CONFLICT_OF_INTEREST = "conflict", _("ผลประโยชน์ทับซ้อน")
        NO_GIFT = "no_gift", _("การไม่รับของขวัญ (No Gift)")
        SERVICE = "service", _("การให้บริการประชาชน")
        OTHER = "other", _("อื่น ๆ")

    title = models.CharField(_("ชื่อการอบรม"), max_length=300)
    starts_on = models.DateField(_("วันเริ่ม"))
    ends_on = models.DateField(_("วันสิ้นสุด"))
    topics = models.JSONField(_("หัวข้อ"), default=list, blank=True)
    organiser = models.CharField(_("ผู้จัด"), max_length=200, blank=True)
    hours = models.DecimalField(_("จำนวนชั่วโมง"), max_digits=5, decimal_places=1, default=0)
    description = models.TextField(_("รายละเอียด"), blank=True)
    attendees = models.ManyToManyField(
        User, blank=True, related_name="+", verbose_name=_("ผู้เข้าอบรม")
    )
    survey = models.ForeignKey(
        "surveys.Survey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("แบบประเมินการอบรม"),
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("การฝึกอบรม")
        verbose_name_plural = _("การฝึกอบรม")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม")})
        if set(self.topics or ()) - set(self.Topic.values):
            raise ValidationError({"topics": _("หัวข้อการอบรมไม่ถูกต้อง")})


class PropertyItem(OrgOwned):
    """Government property staff may borrow (ครุภัณฑ์ที่ให้ยืม)."""

    code = models.CharField(_("เลขครุภัณฑ์"), max_length=60, blank=True)
    name = models.CharField(_("ชื่อ"), max_length=200)
    description = models.TextField(_("รายละเอียด"), blank=True)
    is_lendable = models.BooleanField(_("ให้ยืมได้"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ทรัพย์สินของทางราชการ")
        verbose_name_plural = _("ทรัพย์สินของทางราชการ")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class Loan(OrgOwned):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("ขอยืม")
        APPROVED = "approved", _("อนุมัติ")
        REJECTED = "rejected", _("ไม่อนุมัติ")
        RETURNED = "returned", _("คืนแล้ว")

    # Loans that hold the item for their days; a rejected or returned one does not.
    HOLDING = (Status.REQUESTED, Status.APPROVED)

    item = models.ForeignKey(PropertyItem, on_delete=models.PROTECT, related_name="loans")
    borrower = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("ผู้ยืม")
    )
    purpose = models.CharField(_("เพื่อใช้ในราชการเรื่อง"), max_length=300)
    starts_on = models.DateField(_("วันที่ยืม"))
    due_on = models.DateField(_("กำหนดคืน"))
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    returned_on = models.DateField(_("วันที่คืน"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("การยืมทรัพย์สิน")
        verbose_name_plural = _("การยืมทรัพย์สิน")

    def __str__(self) -> str:
        return f"{self.item} · {self.borrower}"

    def is_overdue(self, today=None) -> bool:
        return self.status == self.Status.APPROVED and self.due_on < (today or timezone.localdate())


class GiftPolicy(OrgOwned):
    """The org's No Gift policy (นโยบายไม่รับของขวัญ), one text per fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ"), validators=[validate_fiscal_year]
    )
    text = models.TextField(_("ข้อความนโยบาย"))
    announced_on = models.DateField(_("ประกาศเมื่อ"))

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["org", "fiscal_year"], name="gift_policy_once_per_year")
        ]
        verbose_name = _("นโยบายไม่รับของขวัญ")
        verbose_name_plural = _("นโยบายไม่รับของขวัญ")

    def __str__(self) -> str:
        return f"No Gift {self.fiscal_year}"


class GiftDeclaration(OrgOwned):
    """A gift or benefit a staff member received, declared for the register."""

    class Handling(models.TextChoices):
        RETURNED = "returned", _("ส่งคืนผู้ให้")
        HANDED_OVER = "handed_over", _("ส่งมอบให้หน่วยงาน")
        KEPT = "kept", _("เก็บไว้ได้ตามระเบียบ (ไม่เกิน 3,000 บาท)")

    declarant = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("ผู้แจ้ง")
    )
    received_on = models.DateField(_("วันที่ได้รับ"))
    giver = models.CharField(_("ผู้ให้"), max_length=200)
    description = models.CharField(_("สิ่งที่ได้รับ"), max_length=300)
    value = models.DecimalField(_("มูลค่าโดยประมาณ (บาท)"), max_digits=12, decimal_places=2)
    occasion = models.CharField(_("โอกาส"), max_length=200, blank=True)
    handling = models.CharField(_("การดำเนินการ"), max_length=12, choices=Handling.choices)
    declared_at = models.DateTimeField(_("แจ้งเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["-received_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="gift_value_gte_0")
        ]
        verbose_name = _("การแจ้งรับของขวัญ")
        verbose_name_plural = _("ทะเบียนการรับของขวัญ")

    def __str__(self) -> str:
        return self.description


class KmArticle(OrgOwned):
    """Knowledge a division shares with the org's staff (KM): procedures, how the budget works."""

    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("สำนัก/กอง")
    )
    title = models.CharField(_("เรื่อง"), max_length=300)
    body = models.TextField(_("เนื้อหา"))
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("บทความการจัดการความรู้ (KM)")
        verbose_name_plural = _("บทความการจัดการความรู้ (KM)")

    def __str__(self) -> str:
        return self.title


def quarterly_path(instance: "QuarterlyReport", filename: str) -> str:
    return f"orgs/{instance.org_id}/quarterly/{filename}"


class QuarterlyReport(OrgOwned):
    """The executive report of one fiscal quarter, as generated, kept for the record."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ"), validators=[validate_fiscal_year]
    )
    quarter = models.PositiveSmallIntegerField(_("ไตรมาส"))
    pdf = models.FileField(upload_to=quarterly_path, max_length=300)
    generated_at = models.DateTimeField(_("จัดทำเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["-fiscal_year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "fiscal_year", "quarter"], name="quarterly_report_once"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarter_1_to_4"
            ),
        ]
        verbose_name = _("รายงานผู้บริหารรายไตรมาส")
        verbose_name_plural = _("รายงานผู้บริหารรายไตรมาส")

    def __str__(self) -> str:
        return f"{self.org.short_name} {self.fiscal_year} Q{self.quarter}"
