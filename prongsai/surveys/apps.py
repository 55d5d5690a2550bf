from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "prongsai.surveys"
    verbose_name = _("แบบสำรวจและการมีส่วนร่วม")

    def ready(self) -> None:
        from prongsai.ita.figures import register
        from prongsai.surveys.figures import FIGURES

        for figure in FIGURES:
            register(figure)
