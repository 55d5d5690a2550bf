from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservices.models import Service
from prongsai.orgs.models import Division, OrgOwned, Village
from prongsai.thai.calendar import fiscal_year

# The five points of every Likert question, from least to most satisfied.
LIKERT_LABELS = (
    (1, _("น้อยที่สุด")),
    (2, _("น้อย")),
    (3, _("ปานกลาง")),
    (4, _("มาก")),
    (5, _("มากที่สุด")),
)
LIKERT_MAX = 5
# A respondent whose mean score reaches this counts as satisfied ("at 4–5").
SATISFIED_FROM = 4


class Project(OrgOwned):
    """A participation project: citizens took part in planning, budgeting or monitoring it."""

    class Mode(models.TextChoices):
        PLANNING = "planning", _("ร่วมวางแผน")
        BUDGETING = "budgeting", _("ร่วมจัดทำงบประมาณ")
        IMPLEMENTING = "implementing", _("ร่วมดำเนินการ")
        MONITORING = "monitoring", _("ร่วมติดตามตรวจสอบ")
        EVALUATING = "evaluating", _("ร่วมประเมินผล")

    title = models.CharField(_("ชื่อโครงการ"), max_length=300)
    description = models.TextField(_("รายละเอียด"), blank=True)
    starts_on = models.DateField(_("วันเริ่ม"))
    ends_on = models.DateField(_("วันสิ้นสุด"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"), editable=False)
    villages = models.ManyToManyField(Village, blank=True, verbose_name=_("หมู่บ้าน"))
    division = models.ForeignKey(
        Division,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("ส่วนราชการที่รับผิดชอบ"),
    )
    budget = models.DecimalField(
        _("งบประมาณ (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    participants = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วม (คน)"), default=0)
    modes = models.JSONField(_("รูปแบบการมีส่วนร่วม"), default=list, blank=True)
    outcome = models.TextField(_("ผลการดำเนินการ"), blank=True)
    is_published = models.BooleanField(_("เผยแพร่ต่อสาธารณะ"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["org", "fiscal_year"])]
        verbose_name = _("โครงการมีส่วนร่วม")
        verbose_name_plural = _("โครงการมีส่วนร่วม")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("วันสิ้นสุดต้องไม่ก่อนวันเริ่ม")})
        unknown = set(self.modes or ()) - set(self.Mode.values)
        if unknown:
            raise ValidationError({"modes": _("รูปแบบการมีส่วนร่วมไม่ถูกต้อง")})

    def save(self, *args, **kwargs) -> None:
        self.fiscal_year = fiscal_year(self.starts_on)
        super().save(*args, **kwargs)

    def get_modes_display(self) -> list[str]:
        labels = dict(self.Mode.choices)
        return [labels[mode] for mode in self.modes if mode in labels]


def project_photo_path(instance: "ProjectPhoto", filename: str) -> str:
    return f"orgs/{instance.project.org_id}/projects/{instance.project_id}/{filename}"


class ProjectPhoto(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("รูปภาพ"), upload_to=project_photo_path, max_length=300)
    caption = models.CharField(_("คำบรรยายภาพ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ภาพกิจกรรม")
        verbose_name_plural = _("ภาพกิจกรรม")

    def __str__(self) -> str:
        return self.caption or self.image.name


class Survey(OrgOwned):
    """A questionnaire of the org, answered without logging in.

    It may belong to a division, a service (its satisfaction survey, offered
    to reporters when their case is closed) or a participation project.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        OPEN = "open", _("เปิดรับคำตอบ")
        CLOSED = "closed", _("ปิดรับคำตอบ")

    class Formula(models.TextChoices):
        MEAN = "mean", _("คะแนนเฉลี่ย ÷ คะแนนเต็ม × ๑๐๐")
        TOP_TWO = "top2", _("ร้อยละของผู้ตอบที่พึงพอใจระดับมากถึงมากที่สุด (๔–๕)")

    title = models.CharField(_("ชื่อแบบสำรวจ"), max_length=300)
    intro = models.TextField(_("คำชี้แจง"), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=6, choices=Status.choices, default=Status.DRAFT
    )
    closes_at = models.DateTimeField(_("ปิดรับคำตอบเมื่อ"), null=True, blank=True)
    formula = models.CharField(
        _("วิธีคิดร้อยละความพึงพอใจ"), max_length=4, choices=Formula.choices, default=Formula.MEAN
    )
    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("สำนัก/กอง")
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("บริการ"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("โครงการมีส่วนร่วม"),
    )
    offer_on_close = models.BooleanField(
        _("เชิญผู้แจ้งประเมินเมื่อปิดเรื่อง"),
        default=False,
        help_text=_(
            "ผู้แจ้งเรื่องของบริการนี้ (หรือทุกเรื่อง ถ้าไม่ได้เลือกบริการ) ได้รับคำเชิญให้ประเมินความพึงพอใจเมื่อปิดเรื่อง"
        ),
    )
    allow_repeat = models.BooleanField(
        _("ตอบซ้ำจากเครื่องเดิมได้"),
        default=False,
        help_text=_("เช่น แบบสำรวจที่เจ้าหน้าที่ใช้เครื่องเดียวบันทึกคำตอบของผู้เข้าร่วมหลายคน"),
    )
    asks_contact = models.BooleanField(
        _("ขอข้อมูลติดต่อผู้ตอบ"),
        default=False,
        help_text=_("ผู้ตอบเห็นประกาศความเป็นส่วนตัวและให้ความยินยอมก่อน ไม่บังคับกรอก"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("แบบสำรวจ")
        verbose_name_plural = _("แบบสำรวจ")

    def __str__(self) -> str:
        return self.title

    def is_accepting(self, now=None) -> bool:
        if self.status != self.Status.OPEN:
            return False
        return self.closes_at is None or (now or timezone.now()) < self.closes_at

    def clean(self) -> None:
        for field in ("division", "service", "project"):
            related = getattr(self, field)
            if related is not None and related.org_id != self.org_id:
                raise ValidationError({field: _("ต้องเป็นของหน่วยงานเดียวกัน")})


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", _("ระดับความพึงพอใจ ๑–๕")
        SINGLE = "single", _("เลือกได้ข้อเดียว")
        MULTIPLE = "multiple", _("เลือกได้หลายข้อ")
        SHORT = "short", _("ข้อความสั้น")
        LONG = "long", _("ข้อความยาว")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    TEXT_KINDS = (Kind.SHORT, Kind.LONG)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    kind = models.CharField(_("ชนิดคำถาม"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("คำถาม"), max_length=500)
    help_text = models.CharField(_("คำอธิบาย"), max_length=500, blank=True)
    required = models.BooleanField(_("ต้องตอบ"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("คำถาม")
        verbose_name_plural = _("คำถาม")

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    label = models.CharField(_("ตัวเลือก"), max_length=300)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ตัวเลือก")
        verbose_name_plural = _("ตัวเลือก")

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One filled-in questionnaire. Nothing identifies the respondent unless they chose to."""

    # Indexed first in the constraint and index below, which serve lookups by survey.
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", db_index=False
    )
    submitted_at = models.DateTimeField(_("ตอบเมื่อ"), default=timezone.now)
    # The respondent's mean Likert score, kept so that results are one aggregate query.
    score = models.DecimalField(
        _("คะแนนเฉลี่ย"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    # The case whose closing this rates, for satisfaction after service.
    case = models.ForeignKey(
        "inbox.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    contact_name = models.CharField(_("ชื่อผู้ตอบ"), max_length=200, blank=True)
    contact_phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    contact_email = models.EmailField(_("อีเมล"), blank=True)
    consent_at = models.DateTimeField(_("ยินยอมเมื่อ"), null=True, blank=True)
    # From the form: a resubmitted form (double tap, retry) stores one response.
    token = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "token"], name="response_once_per_token"),
            models.UniqueConstraint(
                fields=["survey", "case"],
                condition=models.Q(case__isnull=False),
                name="response_once_per_case",
            ),
        ]
        indexes = [models.Index(fields=["survey", "submitted_at", "score"])]
        verbose_name = _("คำตอบแบบสำรวจ")
        verbose_name_plural = _("คำตอบแบบสำรวจ")

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One answer to one question; a multiple-choice question has one row per ticked choice."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # Indexed first in both indexes below, which serve lookups by question.
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["question", "score"]),
            models.Index(fields=["question", "choice"]),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.score or self.choice_id or self.text[:30]}"


class OpenCount(OrgOwned):
    """How often a public page or poster was opened on one day; counts, never visitors."""

    key = models.CharField(max_length=100)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "key", "day"], name="opencount_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.day}: {self.count}"
