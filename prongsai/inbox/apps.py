from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "prongsai.inbox"
    verbose_name = _("กล่องเรื่อง")

    def ready(self) -> None:
        from prongsai.inbox.figures import FIGURES
        from prongsai.ita.figures import register

        for figure in FIGURES:
            register(figure)
