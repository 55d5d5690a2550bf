from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItaConfig(AppConfig):
    name = "prongsai.ita"
    verbose_name = _("ITA และมาตรการ")

    def ready(self) -> None:
        from prongsai.ita.reports import ReportKind, register
        from prongsai.ita.reports.measures import builder

        register(ReportKind("o42", _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส (O42)"), builder("o42")))
        register(ReportKind("o43", _("รายงานผลการดำเนินการตามมาตรการ (O43)"), builder("o43")))
