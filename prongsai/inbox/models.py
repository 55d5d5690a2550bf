from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.inbox import tracking
from prongsai.orgs.models import Division, OrgOwned, OrgOwnedQuerySet


class CaseQuerySet(OrgOwnedQuerySet):
    def with_code(self, text: str) -> "CaseQuerySet":
        """The case that a tracking code, as a person typed it, names."""
        code = tracking.normalize(text)
        if not tracking.is_well_formed(code):
            # Junk names no case, and PostgreSQL refuses a NUL in a query.
            return self.none()
        return self.filter(tracking_code=code)


class Case(OrgOwned):
    """One matter brought to the org, whatever channel it came by."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("คำร้องทั่วไป")
        COMPLAINT = "complaint", _("เรื่องร้องเรียน/ร้องทุกข์")
        CORRUPTION = "corruption", _("ร้องเรียนการทุจริตและประพฤติมิชอบ")
        ESERVICE = "eservice", _("คำขอรับบริการออนไลน์")
        QUESTION = "question", _("คำถาม")
        OPINION = "opinion", _("ความคิดเห็น/ข้อเสนอแนะ")
        # Staff asking about, commenting on or objecting to budget spending: never public.
        BUDGET = "budget", _("ข้อซักถาม/ทักท้วงการใช้จ่ายงบประมาณของบุคลากร")

    class Channel(models.TextChoices):
        # The codes are a public contract: API, statistics and URLs use them.
        WEB = "web", _("เว็บไซต์")
        ESERVICE = "eservice", _("E-Service")
        LINE = "line", _("LINE")
        LIVECHAT = "livechat", _("แชทสด (Live chat)")
        WEBBOARD = "webboard", _("เว็บบอร์ด")
        QA = "qa", _("กระดานถาม-ตอบ (Q&A)")
        FACEBOOK = "facebook", _("Facebook")
        PHONE = "phone", _("โทรศัพท์")
        WALKIN = "walkin", _("ติดต่อด้วยตนเอง")
        LETTER = "letter", _("หนังสือ/จดหมาย")
        STAFF = "staff", _("ช่องทางบุคลากร")

    class Status(models.TextChoices):
        RECEIVED = "received", _("รับเรื่องแล้ว")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        RESOLVED = "resolved", _("ดำเนินการแล้วเสร็จ")
        REJECTED = "rejected", _("ไม่รับพิจารณา")
        FORWARDED = "forwarded", _("ส่งต่อหน่วยงานอื่น")

    class Priority(models.IntegerChoices):
        LOW = 1, _("ต่ำ")
        NORMAL = 2, _("ปกติ")
        HIGH = 3, _("สูง")
        URGENT = 4, _("เร่งด่วน")

    class Escalation(models.IntegerChoices):
        NONE = 0, _("ยังไม่ยกระดับ")
        DIVISION_HEAD = 1, _("แจ้งหัวหน้าส่วนราชการแล้ว")
        EXECUTIVES = 2, _("แจ้งผู้บริหารแล้ว")

    OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)
    CLOSED_STATUSES = (Status.RESOLVED, Status.REJECTED, Status.FORWARDED)

    tracking_code = models.CharField(_("รหัสติดตาม"), max_length=12, unique=True)
    kind = models.CharField(_("ประเภท"), max_length=12, choices=Kind.choices)
    channel = models.CharField(_("ช่องทาง"), max_length=10, choices=Channel.choices)
    service = models.ForeignKey(
        "eservices.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("บริการ/หมวดเรื่อง"),
    )
    subject = models.CharField(_("เรื่อง"), max_length=200)
    text = models.TextField(_("รายละเอียด"), blank=True)
    form_data = models.JSONField(_("ข้อมูลในแบบฟอร์ม"), default=dict, blank=True)

    latitude = models.DecimalField(
        _("ละติจูด"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("ลองจิจูด"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("สถานที่"), max_length=300, blank=True)
    village_no = models.PositiveSmallIntegerField(_("หมู่ที่"), null=True, blank=True)

    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("สำนัก/กอง")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("ผู้รับผิดชอบ"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    priority = models.PositiveSmallIntegerField(
        _("ความเร่งด่วน"), choices=Priority.choices, default=Priority.NORMAL
    )
    received_at = models.DateTimeField(_("วันเวลาที่รับเรื่อง"), default=timezone.now)
    due_at = models.DateTimeField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    closed_at = models.DateTimeField(_("วันเวลาที่ปิดเรื่อง"), null=True, blank=True)
    resolution = models.TextField(_("ผลการดำเนินการ"), blank=True)
    # Follow-through: when staff first answered, what the reporter made of the
    # result, how many people share the problem and how far it was escalated.
    # Database defaults too, so bulk loaders that name no column still insert.
    first_response_at = models.DateTimeField(_("ตอบสนองครั้งแรกเมื่อ"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("ผู้แจ้งยืนยันผลเมื่อ"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(
        _("จำนวนครั้งที่เปิดเรื่องใหม่"), default=0, db_default=0
    )
    me_too_count = models.PositiveIntegerField(
        _("จำนวนผู้แจ้งว่าพบปัญหาเดียวกัน"), default=0, db_default=0
    )
    escalation = models.PositiveSmallIntegerField(
        _("การยกระดับ"), choices=Escalation.choices, default=0, db_default=0
    )
    escalated_at = models.DateTimeField(_("ยกระดับเมื่อ"), null=True, blank=True)
    board_hidden = models.BooleanField(
        _("ไม่แสดงบนกระดานเรื่องสาธารณะ"), default=False, db_default=False
    )

    # Personal data of the reporter: optional, shown to staff only (and for
    # corruption complaints only to the designated positions).
    reporter_name = models.CharField(_("ชื่อผู้แจ้ง"), max_length=200, blank=True)
    reporter_phone = models.CharField(_("โทรศัพท์ผู้แจ้ง"), max_length=30, blank=True)
    reporter_email = models.EmailField(_("อีเมลผู้แจ้ง"), blank=True)
    consent_at = models.DateTimeField(_("ยินยอมให้ใช้ข้อมูลส่วนบุคคลเมื่อ"), null=True, blank=True)

    # The form's one-time key: a second submission of the same form finds this case.
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["org", "received_at"]),
            models.Index(fields=["org", "status", "received_at"]),
            models.Index(fields=["org", "kind", "received_at"]),
            models.Index(fields=["org", "channel", "received_at"]),
            models.Index(fields=["org", "division", "received_at"]),
            models.Index(fields=["org", "assignee", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="case_idempotency_key_unique_per_org",
            )
        ]
        verbose_name = _("เรื่อง")
        verbose_name_plural = _("เรื่อง")

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_staff_only(self) -> bool:
        """A matter of the org's own staff: no public page shows it."""
        return self.kind == self.Kind.BUDGET

    @property
    def is_confidential(self) -> bool:
        return self.kind == self.Kind.CORRUPTION

    @property
    def form_answers(self) -> list[tuple[str, object]]:
        """The form's answers under the labels the citizen saw.

        Answers that came through Open311 sit under "attributes", next to the
        name of the client that sent them.
        """
        fields = self.service.form_fields if self.service else []
        labels = {field["name"]: field["label"] for field in fields}
        answers = dict(self.form_data.get("attributes", {}))
        answers |= {k: v for k, v in self.form_data.items() if k not in ("attributes", "source")}
        return [(labels.get(name, name), value) for name, value in answers.items()]

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < timezone.now()


class CaseEvent(models.Model):
    """One step of a case's timeline; public events are shown on the tracking page."""

    class Kind(models.TextChoices):
        CREATED = "created", _("รับเรื่อง")
        ASSIGNED = "assigned", _("มอบหมายผู้รับผิดชอบ")
        FORWARDED = "forwarded", _("ส่งต่อ")
        PUBLIC_REPLY = "public_reply", _("ตอบกลับผู้แจ้ง")
        NOTE = "note", _("บันทึกภายใน")
        STATUS_CHANGED = "status_changed", _("เปลี่ยนสถานะ")
        CLOSED = "closed", _("ปิดเรื่อง")
        REPORTER_UPDATE = "reporter_update", _("ผู้แจ้งส่งข้อมูลเพิ่ม")
        CONFIRMED = "confirmed", _("ผู้แจ้งยืนยันผลการแก้ไข")
        REOPENED = "reopened", _("ผู้แจ้งขอเปิดเรื่องใหม่")
        ME_TOO = "me_too", _("ประชาชนแจ้งว่าพบปัญหาเดียวกัน")
        ESCALATED = "escalated", _("ยกระดับเรื่องที่เกินกำหนด")

    # The (case, created_at) index serves every lookup by case; a second one would
    # only slow down the table that grows fastest.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", db_index=False)
    kind = models.CharField(_("ประเภท"), max_length=15, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    text = models.TextField(_("ข้อความ"), blank=True)
    is_public = models.BooleanField(_("แสดงต่อผู้แจ้ง"), default=False)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("เวลา"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"])]
        verbose_name = _("ความเคลื่อนไหวของเรื่อง")
        verbose_name_plural = _("ความเคลื่อนไหวของเรื่อง")

    def __str__(self) -> str:
        return f"{self.case.tracking_code} {self.get_kind_display()}"

    @property
    def to_status_label(self) -> str:
        return Case.Status(self.to_status).label if self.to_status else ""


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: the original name is kept in the row, never in the path.
    return f"cases/{instance.case.org_id}/{instance.case_id}/{instance.stored_name}"


class Attachment(models.Model):
    """A photo or PDF of a case, checked and cleaned before it is stored."""

    class Role(models.TextChoices):
        # Proof of a fix: photos of the place before and after the work.
        NONE = "", _("ไฟล์แนบ")
        BEFORE = "before", _("ภาพก่อนแก้ไข")
        AFTER = "after", _("ภาพหลังแก้ไข")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        CaseEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    stored_name = models.CharField(max_length=100)
    original_name = models.CharField(_("ชื่อไฟล์"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("ขนาด (ไบต์)"))
    is_public = models.BooleanField(_("แสดงต่อผู้แจ้ง"), default=False)
    role = models.CharField(
        _("ใช้เป็น"), max_length=6, choices=Role.choices, blank=True, default="", db_default=""
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ไฟล์แนบ")
        verbose_name_plural = _("ไฟล์แนบ")

    def __str__(self) -> str:
        return self.original_name


class CasePolicy(models.Model):
    """An org's promises on follow-through: how long the reporter may judge a fix,
    how soon staff first answer, when executives hear of a late matter, and which
    kinds of matter the public board shows. An org without a row has the defaults."""

    # Kinds that may ever be public: never corruption complaints or staff matters.
    BOARD_KINDS = (Case.Kind.COMPLAINT, Case.Kind.REQUEST, Case.Kind.OPINION, Case.Kind.QUESTION)

    org = models.OneToOneField(
        "orgs.Organization", on_delete=models.CASCADE, related_name="case_policy"
    )
    confirm_days = models.PositiveSmallIntegerField(
        _("ผู้แจ้งยืนยันหรือขอเปิดเรื่องใหม่ได้ภายใน (วัน)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    first_response_days = models.PositiveSmallIntegerField(
        _("ตอบสนองผู้แจ้งครั้งแรกภายใน (วัน)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    executive_after_days = models.PositiveSmallIntegerField(
        _("แจ้งผู้บริหารเมื่อเกินกำหนดเกิน (วัน)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    board_kinds = models.JSONField(
        _("ประเภทเรื่องที่แสดงบนกระดานเรื่องสาธารณะ"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("เกณฑ์การติดตามเรื่อง")
        verbose_name_plural = _("เกณฑ์การติดตามเรื่อง")

    def __str__(self) -> str:
        return str(self.org)

    def clean(self) -> None:
        if not set(self.board_kinds) <= set(self.BOARD_KINDS):
            raise ValidationError({"board_kinds": _("เรื่องประเภทนี้แสดงต่อสาธารณะไม่ได้")})


class MeToo(models.Model):
    """Someone else who has the same problem as a public matter; one per person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="me_toos")
    # A keyed hash of who pressed the button: tells people apart, names no one.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "fingerprint"], name="me_too_once_per_person")
        ]
        verbose_name = _("ผู้พบปัญหาเดียวกัน")
        verbose_name_plural = _("ผู้พบปัญหาเดียวกัน")

    def __str__(self) -> str:
        return f"{self.case.tracking_code} +1"
