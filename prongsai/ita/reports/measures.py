"""The O42 and O43 reports as report kinds: a plan in, a file of the asked format out."""

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from prongsai.ita.models import Plan
from prongsai.ita.reports.data import get_plan, report_data
from prongsai.ita.reports.registry import Output, ReportError
from prongsai.orgs.models import Organization

FORMATS = ("pdf", "docx", "html")


def render(plan: Plan, kind: str, fmt: str, *, thai_digits: bool = True) -> Output:
    """The report `kind` ("o42" or "o43") of `plan` as a `fmt` file."""
    data = report_data(plan, kind, thai_digits=thai_digits)
    return render_data(data, fmt)


def render_data(data: dict[str, Any], fmt: str) -> Output:
    if fmt == "pdf":
        from prongsai.ita.reports import pdf

        content = pdf.render(data)
    elif fmt == "docx":
        from prongsai.ita.reports import docx

        content = docx.render(data)
    elif fmt == "html":
        from prongsai.ita.reports import html

        content = html.render_document(data).encode()
    else:
        raise ReportError(_("ไม่รู้จักรูปแบบไฟล์ “%(fmt)s”") % {"fmt": fmt})
    return Output(content=content, format=fmt, filename=f"{data['filename']}.{fmt}")


def _plan(org: Organization, year: int) -> Plan:
    plan = get_plan(org=org, fiscal_year=year)
    if plan is None:
        raise ReportError(
            _("%(org)s ยังไม่มีแผนมาตรการของปีงบประมาณ %(year)s")
            % {"org": org.short_name, "year": year}
        )
    return plan


def builder(kind: str) -> Callable[..., Output]:
    """The registry's builder of the O42 (plan) or the O43 (results) report."""

    def build(
        org: Organization,
        year: int,
        fmt: str,
        *,
        thai_digits: bool = True,
        options: Mapping[str, Any] | None = None,
    ) -> Output:
        return render(_plan(org, year), kind, fmt, thai_digits=thai_digits)

    return build
