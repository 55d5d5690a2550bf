from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.messaging.encryption import Encrypted
from prongsai.orgs.models import Organization, OrgOwned


class LineAccount(models.Model):
    """The org's LINE Official Account: what the webhook checks and the bot speaks with."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="line_account")
    basic_id = models.CharField(
        _("LINE ID ของบัญชี"), max_length=50, blank=True, help_text=_("เช่น @prtong")
    )
    channel_secret_encrypted = models.TextField(editable=False)
    channel_secret = Encrypted("channel_secret_encrypted")
    access_token_encrypted = models.TextField(editable=False)
    access_token = Encrypted("access_token_encrypted")
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("บัญชี LINE OA")
        verbose_name_plural = _("บัญชี LINE OA")

    def __str__(self) -> str:
        return f"{self.org.short_name} {self.basic_id}"


class LineUser(OrgOwned):
    """Someone who talks to the org's LINE account, and where their conversation stands."""

    line_user_id = models.CharField(max_length=64)
    step = models.CharField(max_length=20, default="idle")
    draft = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "line_user_id"], name="line_user_unique_per_org")
        ]

    def __str__(self) -> str:
        return self.line_user_id


class WebhookEvent(OrgOwned):
    """Each webhook event handled once: LINE redelivers with the same id."""

    webhook_event_id = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["org", "webhook_event_id"], name="line_event_once_per_org"
            )
        ]


class LineReport(models.Model):
    """A case filed through LINE, and whom to tell when it moves."""

    case = models.OneToOneField("inbox.Case", on_delete=models.CASCADE, related_name="line_report")
    line_user = models.ForeignKey(LineUser, on_delete=models.CASCADE, related_name="reports")

    def __str__(self) -> str:
        return f"{self.case} ← {self.line_user}"
