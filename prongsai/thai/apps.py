from django.apps import AppConfig


class ThaiConfig(AppConfig):
    """Pure Thai helpers; an app only so that templates can load `thaidates`."""

    name = "prongsai.thai"
    verbose_name = "Thai conventions"
