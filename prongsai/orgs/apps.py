from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    default = True
    name = "prongsai.orgs"
    verbose_name = _("หน่วยงานและผู้ใช้")

    def ready(self) -> None:
        from prongsai.orgs import signals  # noqa: F401  (connects the receivers)


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin, on the site that requires the staff sign-in."""

    default = False
    default_site = "prongsai.orgs.admin_site.AdminSite"
