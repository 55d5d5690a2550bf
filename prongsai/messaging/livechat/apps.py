from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivechatConfig(AppConfig):
    name = "prongsai.messaging.livechat"
    label = "livechat"
    verbose_name = _("แชทสด")
