from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """The `backup` and `restore` commands; no models."""

    name = "prongsai.backups"
    verbose_name = _("สำรองข้อมูล")
