from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LineConfig(AppConfig):
    name = "prongsai.messaging.line"
    label = "line"
    verbose_name = _("LINE Official Account")

    def ready(self) -> None:
        from prongsai.inbox.notifications import register_channel_notifier
        from prongsai.messaging.line.services import notify_line_user

        register_channel_notifier(notify_line_user)
