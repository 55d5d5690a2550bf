"""The webboard (topics and replies) and the Q&A board (questions, each one a Case)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import OrgOwned


class Visibility(models.TextChoices):
    """Where a post stands in moderation; only published posts are public."""

    PENDING = "pending", _("รอตรวจสอบ")
    PUBLISHED = "published", _("เผยแพร่แล้ว")
    HIDDEN = "hidden", _("ซ่อนแล้ว")


class BoardSettings(OrgOwned):
    """How an org moderates its webboard and Q&A board."""

    class Moderation(models.TextChoices):
        PRE = "pre", _("ตรวจก่อนเผยแพร่ (ข้อความรอเจ้าหน้าที่อนุมัติ)")
        POST = "post", _("เผยแพร่ทันที (เจ้าหน้าที่ซ่อนภายหลังได้)")

    moderation = models.CharField(
        _("การตรวจสอบข้อความ"), max_length=4, choices=Moderation.choices, default=Moderation.PRE
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org"], name="boardsettings_one_per_org")]
        verbose_name = _("การตั้งค่าเว็บบอร์ด")
        verbose_name_plural = _("การตั้งค่าเว็บบอร์ด")

    def __str__(self) -> str:
        return f"{self.org.short_name}: {self.get_moderation_display()}"


class Moderated(OrgOwned):
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Visibility.choices, default=Visibility.PENDING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ตรวจสอบ"),
    )
    moderated_at = models.DateTimeField(_("ตรวจสอบเมื่อ"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Visibility.PUBLISHED


class Topic(Moderated):
    """A citizen's topic on the webboard; staff may take it in as a Case."""

    title = models.CharField(_("หัวข้อ"), max_length=200)
    text = models.TextField(_("ข้อความ"))
    author_name = models.CharField(_("ชื่อที่แสดง"), max_length=80, blank=True)
    case = models.OneToOneField(
        "inbox.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_topic",
        verbose_name=_("เรื่องในกล่องเรื่อง"),
    )
    created_at = models.DateTimeField(_("ตั้งกระทู้เมื่อ"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("ความเคลื่อนไหวล่าสุด"), default=timezone.now)
    # The form's one-time key: a form sent twice makes one topic.
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [models.Index(fields=["org", "status", "last_activity_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="topic_idempotency_key_unique_per_org",
            )
        ]
        verbose_name = _("กระทู้")
        verbose_name_plural = _("กระทู้")

    def __str__(self) -> str:
        return self.title


class Reply(Moderated):
    """A citizen's reply, or an official one by staff (shown with a badge)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(_("ข้อความ"))
    author_name = models.CharField(_("ชื่อที่แสดง"), max_length=80, blank=True)
    is_official = models.BooleanField(_("เจ้าหน้าที่ตอบ"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("เจ้าหน้าที่ผู้ตอบ"),
    )
    # The same answer posted as a public reply on the topic's case.
    case_event = models.ForeignKey(
        "inbox.CaseEvent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("เวลา"), default=timezone.now)
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["topic", "status", "created_at"]),
            models.Index(fields=["org", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="reply_idempotency_key_unique_per_org",
            )
        ]
        verbose_name = _("ความเห็นตอบกระทู้")
        verbose_name_plural = _("ความเห็นตอบกระทู้")

    def __str__(self) -> str:
        return f"{self.topic.title}: {self.text[:60]}"


class Question(Moderated):
    """A question on the Q&A board. The question is its Case (channel "qa").

    Title and text live on the case; the answers are the case's public replies.
    The asker's name and e-mail are on the case and never shown here: only
    `display_name`, which they chose to show.
    """

    case = models.OneToOneField(
        "inbox.Case", on_delete=models.CASCADE, related_name="qa_question", verbose_name=_("เรื่อง")
    )
    display_name = models.CharField(_("ชื่อที่แสดง"), max_length=80, blank=True)
    is_faq = models.BooleanField(_("แสดงในคำถามที่พบบ่อย (FAQ)"), default=False)
    faq_group = models.CharField(_("หมวดคำถามที่พบบ่อย"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("ถามเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["org", "status", "created_at"]),
            models.Index(fields=["org", "is_faq"]),
        ]
        verbose_name = _("คำถาม")
        verbose_name_plural = _("คำถาม")

    def __str__(self) -> str:
        return self.case.subject


class AbuseReport(OrgOwned):
    """A citizen's report that a post breaks the rules; moderators see them."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("สแปม/โฆษณา")
        RUDE = "rude", _("คำหยาบ/ดูหมิ่น/สร้างความเกลียดชัง")
        PERSONAL = "personal", _("เปิดเผยข้อมูลส่วนบุคคลของผู้อื่น")
        FALSE = "false", _("ข้อมูลเท็จ/บิดเบือน")
        OTHER = "other", _("อื่น ๆ")

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(_("เหตุผล"), max_length=10, choices=Reason.choices)
    detail = models.CharField(_("รายละเอียดเพิ่มเติม"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("รายงานเมื่อ"), default=timezone.now)
    resolved_at = models.DateTimeField(_("จัดการแล้วเมื่อ"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(topic__isnull=False, reply__isnull=True, question__isnull=True)
                    | models.Q(topic__isnull=True, reply__isnull=False, question__isnull=True)
                    | models.Q(topic__isnull=True, reply__isnull=True, question__isnull=False)
                ),
                name="abusereport_exactly_one_target",
            )
        ]
        indexes = [models.Index(fields=["org", "resolved_at"])]
        verbose_name = _("รายงานเนื้อหาไม่เหมาะสม")
        verbose_name_plural = _("รายงานเนื้อหาไม่เหมาะสม")

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.target}"

    @property
    def target(self) -> Topic | Reply | Question:
        return self.topic or self.reply or self.question
