"""The ITA as data: each fiscal year's framework, an org's scores, and its plan of measures."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import Division, OrgOwned, Position, validate_fiscal_year
from prongsai.thai.calendar import fiscal_year_range

TOOL_CODES = ("IIT", "EIT", "OIT")


def validate_levels(value) -> None:
    """A year's levels, best first: [{"label": "ผ่านดีเยี่ยม", "min": 95, "each_tool_min": 85}]."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("เกณฑ์ระดับผลการประเมินต้องเป็นรายการอย่างน้อยหนึ่งระดับ"))
    previous = None
    for level in value:
        if not isinstance(level, dict) or not level.get("label"):
            raise ValidationError(_("ทุกระดับต้องมี label"))
        minimum = level.get("min")
        if not isinstance(minimum, int | float) or not 0 <= minimum <= 100:
            raise ValidationError(_("คะแนนขั้นต่ำของระดับต้องอยู่ระหว่าง 0 ถึง 100"))
        if previous is not None and minimum > previous:
            raise ValidationError(_("เรียงระดับจากคะแนนสูงไปต่ำ"))
        previous = minimum


class FrameworkYear(models.Model):
    """The assessment of one fiscal year: its tools, indicators, OIT items and levels."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ"), unique=True, validators=[validate_fiscal_year]
    )
    target = models.DecimalField(_("คะแนนเป้าหมาย"), max_digits=5, decimal_places=2, default=85)
    levels = models.JSONField(
        _("เกณฑ์ระดับผลการประเมิน"),
        validators=[validate_levels],
        help_text=_("จากสูงไปต่ำ เช่น AA 95, A 85 … หรือ ผ่านดีเยี่ยม / ผ่านดี / ผ่าน"),
    )
    source = models.CharField(_("ที่มา"), max_length=300, blank=True)

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("กรอบการประเมิน ITA")
        verbose_name_plural = _("กรอบการประเมิน ITA")

    def __str__(self) -> str:
        return f"ITA {self.fiscal_year}"

    def level_for(self, total, tool_scores: dict[str, float]) -> str:
        """The level a total score reaches, given each tool's score where a level asks for it."""
        for level in self.levels:
            each = level.get("each_tool_min")
            if total >= level["min"] and (
                each is None or all(score >= each for score in tool_scores.values())
            ):
                return level["label"]
        return ""


class Tool(models.Model):
    year = models.ForeignKey(FrameworkYear, on_delete=models.CASCADE, related_name="tools")
    code = models.CharField(_("รหัส"), max_length=3, choices=[(c, c) for c in TOOL_CODES])
    name = models.CharField(_("ชื่อเครื่องมือ"), max_length=200)
    weight = models.DecimalField(_("น้ำหนัก (ร้อยละ)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["year", "code"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="tool_once_per_year")]
        verbose_name = _("เครื่องมือการประเมิน")
        verbose_name_plural = _("เครื่องมือการประเมิน")

    def __str__(self) -> str:
        return f"{self.code} {self.year.fiscal_year}"


class Indicator(models.Model):
    year = models.ForeignKey(FrameworkYear, on_delete=models.CASCADE, related_name="indicators")
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("ตัวชี้วัดที่"))
    name = models.CharField(_("ชื่อตัวชี้วัด"), max_length=300)
    # Measures a unit may take when this indicator scores under the target.
    suggested_measures = models.JSONField(_("มาตรการที่แนะนำ"), default=list, blank=True)

    class Meta:
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="indicator_once_per_year")
        ]
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class OitItem(models.Model):
    """One item of the year's OIT list (O1…On): what the org must publish."""

    year = models.ForeignKey(FrameworkYear, on_delete=models.CASCADE, related_name="oit_items")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="oit_items"
    )
    code = models.CharField(_("รหัสข้อ"), max_length=5, help_text=_("เช่น O42"))
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.CharField(_("ชื่อข้อ"), max_length=300)
    # Which of Prongsai's own pages proves this item, e.g. "measures_plan", "complaint_stats".
    evidence = models.CharField(_("หลักฐานที่ระบบสร้างให้"), max_length=40, blank=True)

    class Meta:
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="oit_item_once_per_year")
        ]
        verbose_name = _("ข้อการประเมิน OIT")
        verbose_name_plural = _("ข้อการประเมิน OIT")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Assessment(OrgOwned):
    """An org's ITA result of one fiscal year, as the NACC published it."""

    year = models.ForeignKey(FrameworkYear, on_delete=models.PROTECT, related_name="assessments")
    total = models.DecimalField(
        _("คะแนนรวม"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year__fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="assessment_once_per_year")
        ]
        verbose_name = _("ผลการประเมิน ITA")
        verbose_name_plural = _("ผลการประเมิน ITA")

    def __str__(self) -> str:
        return f"{self.org.short_name} ITA {self.year.fiscal_year}"


class IndicatorScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT)
    score = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["indicator__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="score_once_per_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="score_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.score}"


class Plan(OrgOwned):
    """The org's measures for one fiscal year: the O42 plan, and with results the O43 report."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ"), validators=[validate_fiscal_year]
    )
    intro = models.TextField(_("บทนำของรายงาน"), blank=True)
    o42_published = models.BooleanField(_("เผยแพร่แผน (O42)"), default=False)
    o43_published = models.BooleanField(_("เผยแพร่ผลการดำเนินการ (O43)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["org", "fiscal_year"], name="plan_once_per_year")
        ]
        verbose_name = _("แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
        verbose_name_plural = _("แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส")

    def __str__(self) -> str:
        return f"{self.org.short_name} {self.fiscal_year}"


class Measure(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.TextField(_("มาตรการ/แนวทาง"))
    tools = models.JSONField(_("เครื่องมือ"), default=list, blank=True, help_text="IIT, EIT, OIT")
    indicators = models.ManyToManyField(Indicator, blank=True, verbose_name=_("ตัวชี้วัด"))

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="measure_number_once")
        ]
        verbose_name = _("มาตรการ")
        verbose_name_plural = _("มาตรการ")

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:60]}"

    def clean(self) -> None:
        if not isinstance(self.tools, list) or set(self.tools) - set(TOOL_CODES):
            raise ValidationError({"tools": _("เครื่องมือต้องเป็น IIT, EIT หรือ OIT")})


class Step(models.Model):
    """One method of a measure: who does it, when, what came of it, and what to do better."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("ยังไม่เริ่ม")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        DONE = "done", _("ดำเนินการแล้ว")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    method = models.TextField(_("วิธีการดำเนินการ"))
    divisions = models.ManyToManyField(Division, blank=True, verbose_name=_("สำนัก/กองที่รับผิดชอบ"))
    positions = models.ManyToManyField(Position, blank=True, verbose_name=_("ตำแหน่งที่รับผิดชอบ"))
    # As printed; when blank, the divisions and positions above are printed.
    responsible = models.TextField(_("ผู้รับผิดชอบ (ข้อความในรายงาน)"), blank=True)
    start_month = models.DateField(_("เริ่มเดือน"), null=True, blank=True, help_text=_("วันแรกของเดือน"))
    end_month = models.DateField(_("ถึงเดือน"), null=True, blank=True, help_text=_("วันแรกของเดือน"))
    # As printed ("ม.ค.-มิ.ย.๒๕๖๖"); when blank, written from the months above.
    period_label = models.CharField(_("ระยะเวลา (ข้อความในรายงาน)"), max_length=100, blank=True)
    result = models.TextField(
        _("ผลการดำเนินการ"), blank=True, help_text=_("ใส่ตัวเลขจากระบบได้ด้วยปุ่ม “แทรกตัวเลข”")
    )
    suggestion = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["measure", "order", "pk"]
        verbose_name = _("วิธีการดำเนินการ")
        verbose_name_plural = _("วิธีการดำเนินการ")

    def __str__(self) -> str:
        return self.method[:60]

    def clean(self) -> None:
        if bool(self.start_month) != bool(self.end_month):
            raise ValidationError({"end_month": _("ระบุทั้งเดือนเริ่มและเดือนสิ้นสุด หรือเว้นทั้งสอง")})
        if self.start_month and self.end_month:
            if self.end_month < self.start_month:
                raise ValidationError({"end_month": _("เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่ม")})
            first, last = fiscal_year_range(self.measure.plan.fiscal_year)
            if not (first <= self.start_month and self.end_month <= last):
                raise ValidationError({"start_month": _("ระยะเวลาต้องอยู่ในปีงบประมาณของแผน")})


def evidence_path(instance: "Evidence", filename: str) -> str:
    step = instance.step
    return f"orgs/{step.measure.plan.org_id}/plans/{step.measure.plan_id}/{filename}"


class Evidence(models.Model):
    """A file or a link that shows a step was carried out."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("ชื่อหลักฐาน"), max_length=300)
    file = models.FileField(_("ไฟล์"), upload_to=evidence_path, max_length=300, blank=True)
    url = models.URLField(_("ลิงก์"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.file and not self.url:
            raise ValidationError(_("แนบไฟล์หรือใส่ลิงก์อย่างน้อยหนึ่งอย่าง"))
