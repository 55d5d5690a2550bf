from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.messaging.encryption import Encrypted
from prongsai.orgs.models import Organization, OrgOwned


class MessengerPage(models.Model):
    """The org's Facebook Page: the app secret signs webhooks, the token sends replies."""

    org = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="messenger_page"
    )
    page_id = models.CharField(_("Page ID"), max_length=50)
    verify_token = models.CharField(_("Verify token"), max_length=100)
    app_secret_encrypted = models.TextField(editable=False)
    app_secret = Encrypted("app_secret_encrypted")
    page_token_encrypted = models.TextField(editable=False)
    page_token = Encrypted("page_token_encrypted")
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)

    class Meta:
        verbose_name = _("เพจ Facebook")
        verbose_name_plural = _("เพจ Facebook")

    def __str__(self) -> str:
        return f"{self.org.short_name} {self.page_id}"


class MessengerMessage(OrgOwned):
    """Each message handled once (Facebook retries deliveries), and the case it went to."""

    mid = models.CharField(max_length=200)
    sender_id = models.CharField(max_length=64, db_index=True)
    case = models.ForeignKey("inbox.Case", on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "mid"], name="messenger_message_once_per_org")
        ]
