import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PENDING = Q(sent_at__isnull=True, failed_at__isnull=True)


class MessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(PENDING)


class Message(models.Model):
    """A message owed to someone, written in the transaction of the change that owes it.

    `task` is the dotted path of the function that sends it, called as
    `task(message, *args)`; `uuid` names it to the platform (LINE's retry key).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.CharField(_("งานที่ส่ง"), max_length=200)
    args = models.JSONField(_("ข้อมูล"), default=list)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    # When the sweep may try it next: after a grace period, a retry delay or a
    # lease on an attempt in progress.
    due_at = models.DateTimeField(_("ส่งอีกครั้งเมื่อ"))
    attempts = models.PositiveSmallIntegerField(_("จำนวนครั้งที่ส่ง"), default=0)
    sent_at = models.DateTimeField(_("ส่งแล้วเมื่อ"), null=True, blank=True)
    failed_at = models.DateTimeField(_("เลิกส่งเมื่อ"), null=True, blank=True)
    last_error = models.TextField(_("ข้อผิดพลาดล่าสุด"), blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข้อความที่ต้องส่ง")
        verbose_name_plural = _("ข้อความที่ต้องส่ง")
        indexes = [models.Index(fields=["due_at"], condition=PENDING, name="outbox_pending_due")]

    def __str__(self) -> str:
        return f"{self.task.rsplit('.', 1)[-1]} {self.uuid}"
