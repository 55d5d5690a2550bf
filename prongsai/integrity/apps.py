from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "prongsai.integrity"
    verbose_name = _("งานบุคลากรด้านคุณธรรม (IIT)")

    def ready(self) -> None:
        from prongsai.integrity import figures, quarterly
        from prongsai.ita.figures import register

        for figure in figures.FIGURES:
            register(figure)
        quarterly.register_kind()
