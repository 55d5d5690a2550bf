from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LineConfig(AppConfig):
    name = "prongsai.messaging.line"
    label = "line"
    verbose_name = _("LINE Official Account")
