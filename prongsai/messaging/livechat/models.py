from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.orgs.models import OrgOwned


class Chat(OrgOwned):
    """A conversation of one visitor with the org's staff; it is also a Case.

    The visitor holds a random token in their session; only its SHA-256 digest
    is stored, so the table alone lets no one read a visitor's chat.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("รอเจ้าหน้าที่")
        ACTIVE = "active", _("กำลังสนทนา")
        CLOSED = "closed", _("จบการสนทนา")

    case = models.OneToOneField(
        "inbox.Case", on_delete=models.CASCADE, related_name="chat", verbose_name=_("เรื่อง")
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    visitor_name = models.CharField(_("ชื่อผู้ติดต่อ"), max_length=100, blank=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("เจ้าหน้าที่"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    # Who spoke last: a chat whose visitor spoke last is waiting for an answer.
    last_sender = models.CharField(max_length=10, blank=True, editable=False)
    started_out_of_hours = models.BooleanField(_("เริ่มนอกเวลาทำการ"), default=False)
    started_at = models.DateTimeField(_("เริ่มเมื่อ"), default=timezone.now)
    last_message_at = models.DateTimeField(_("ข้อความล่าสุดเมื่อ"), default=timezone.now)
    closed_at = models.DateTimeField(_("จบเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        indexes = [models.Index(fields=["org", "status", "last_message_at"])]
        verbose_name = _("แชทสด")
        verbose_name_plural = _("แชทสด")

    def __str__(self) -> str:
        return f"{self.visitor_name or _('ผู้ติดต่อ')} ({self.get_status_display()})"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def awaits_reply(self) -> bool:
        return not self.is_closed and self.last_sender == ChatMessage.Sender.VISITOR


class ChatMessage(models.Model):
    """One message of a chat, stored exactly as written and always shown escaped."""

    class Sender(models.TextChoices):
        VISITOR = "visitor", _("ผู้ติดต่อ")
        AGENT = "agent", _("เจ้าหน้าที่")
        SYSTEM = "system", _("ระบบ")

    class Event(models.TextChoices):
        # What a system message announces; both sides' pages react to it.
        NONE = "", _("ข้อความ")
        TAKEN = "taken", _("เจ้าหน้าที่รับแชท")
        COMPLAINT = "complaint", _("บันทึกเป็นเรื่องร้องเรียน")
        CLOSED = "closed", _("จบการสนทนา")

    chat = models.ForeignKey(Chat, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(_("ผู้ส่ง"), max_length=10, choices=Sender.choices)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("เจ้าหน้าที่"),
    )
    event = models.CharField(max_length=10, choices=Event.choices, blank=True, default="")
    text = models.TextField(_("ข้อความ"))
    created_at = models.DateTimeField(_("เวลา"), default=timezone.now)

    class Meta:
        ordering = ["id"]
        # Every poll reads "messages of this chat after id N": one range on this index.
        indexes = [models.Index(fields=["chat", "id"])]
        verbose_name = _("ข้อความแชท")
        verbose_name_plural = _("ข้อความแชท")

    def __str__(self) -> str:
        return f"{self.get_sender_display()}: {self.text[:50]}"


class OfficeHours(OrgOwned):
    """When staff answer the chat on one weekday.

    An org that has saved no hours at all works Monday to Friday, 08:30–16:30
    (Asia/Bangkok); once saved, every weekday has its row, open or not.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("วันจันทร์")
        TUESDAY = 1, _("วันอังคาร")
        WEDNESDAY = 2, _("วันพุธ")
        THURSDAY = 3, _("วันพฤหัสบดี")
        FRIDAY = 4, _("วันศุกร์")
        SATURDAY = 5, _("วันเสาร์")
        SUNDAY = 6, _("วันอาทิตย์")

    weekday = models.PositiveSmallIntegerField(_("วัน"), choices=Weekday.choices)
    is_open = models.BooleanField(_("เปิดทำการ"), default=True)
    opens = models.TimeField(_("เวลาเปิด"), default=time(8, 30))
    closes = models.TimeField(_("เวลาปิด"), default=time(16, 30))

    class Meta:
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["org", "weekday"], name="officehours_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(is_open=False) | models.Q(closes__gt=models.F("opens")),
                name="officehours_closes_after_opening",
            ),
        ]
        verbose_name = _("เวลาทำการของแชทสด")
        verbose_name_plural = _("เวลาทำการของแชทสด")

    def __str__(self) -> str:
        if not self.is_open:
            return f"{self.get_weekday_display()} {_('ปิด')}"
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.is_open and self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("เวลาปิดต้องหลังเวลาเปิด")})
