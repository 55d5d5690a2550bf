from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "prongsai.messaging.boards"
    label = "boards"
    verbose_name = _("เว็บบอร์ดและกระดานถาม-ตอบ")
