from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Messages owed to people (e-mail, LINE, Messenger), kept until they are sent."""

    name = "prongsai.outbox"
    verbose_name = _("ข้อความที่ต้องส่ง")
