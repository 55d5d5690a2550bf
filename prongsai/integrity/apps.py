from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "prongsai.integrity"
    verbose_name = _("งานบุคลากรด้านคุณธรรม (IIT)")
