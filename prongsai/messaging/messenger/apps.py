from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessengerConfig(AppConfig):
    name = "prongsai.messaging.messenger"
    label = "messenger"
    verbose_name = _("Facebook Messenger")

    def ready(self) -> None:
        from prongsai.inbox.notifications import register_channel_notifier
        from prongsai.messaging.messenger.services import notify_sender

        register_channel_notifier(notify_sender)
