from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "prongsai.portal"
    verbose_name = _("เว็บไซต์ของหน่วยงาน")

    def ready(self) -> None:
        from prongsai.portal import signals  # noqa: F401  (connects the receivers)
