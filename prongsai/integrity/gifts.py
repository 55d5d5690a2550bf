"""No Gift (OIT): the org's policy per fiscal year, staff declarations of gifts and their summary.

Services write (atomic, audit-logged); selectors read. `gift_summary` is the
data of the yearly No Gift report: counts and baht only, no names.
"""

import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from prongsai import thai
from prongsai.integrity.models import GiftDeclaration, GiftPolicy
from prongsai.orgs import audit
from prongsai.orgs.models import Membership, Organization
from prongsai.surveys.exports import looks_like_formula

Role = Membership.Role
# Who writes the policy.
POLICY_WRITERS = (Role.ADMIN,)
# Who sees every declaration and the summary; everyone else sees their own.
REGISTER_READERS = (Role.ADMIN, Role.EXECUTIVE)

ZERO = Decimal("0.00")
_FONT = "TH Sarabun New"


# Selectors


def policy_for(*, org: Organization, fiscal_year: int) -> GiftPolicy | None:
    return GiftPolicy.objects.for_org(org).filter(fiscal_year=fiscal_year).first()


def policies(*, org: Organization) -> QuerySet[GiftPolicy]:
    return GiftPolicy.objects.for_org(org).order_by("-fiscal_year")


def declarations(
    *, org: Organization, fiscal_year: int | None = None, declarant=None
) -> QuerySet[GiftDeclaration]:
    """Declarations of the org, of one fiscal year and one declarant when given, latest first."""
    rows = GiftDeclaration.objects.for_org(org).select_related("declarant")
    if fiscal_year is not None:
        start, end = thai.fiscal_year_range(fiscal_year)
        rows = rows.filter(received_on__gte=start, received_on__lte=end)
    if declarant is not None:
        rows = rows.filter(declarant=declarant)
    return rows.order_by("-received_on", "-declared_at")


def declaration_years(*, org: Organization, today: date | None = None) -> list[int]:
    """Fiscal years that have declarations, plus the current and last one, newest first."""
    current = thai.fiscal_year(today or timezone.localdate())
    # Last year too: its report is due after the year has ended.
    years = {current, current - 1}
    dates = GiftDeclaration.objects.for_org(org).dates("received_on", "month")
    years.update(thai.fiscal_year(day) for day in dates)
    return sorted(years, reverse=True)


def gift_summary(*, org: Organization, fiscal_year: int) -> dict:
    """The No Gift report's figures for one fiscal year, as plain data.

    Returns ``{"fiscal_year", "start", "end", "count", "total_value",
    "by_handling": [{"handling", "label", "count", "value"}, …] (every way of
    handling, in the model's order, zeros included),
    "by_month": [{"year", "month", "label", "count", "value"}, …] (the twelve
    months October to September)}``. Years are BE for `fiscal_year`, CE for
    `by_month[i]["year"]`; values are Decimal baht.
    """
    start, end = thai.fiscal_year_range(fiscal_year)
    rows = GiftDeclaration.objects.for_org(org).filter(received_on__gte=start, received_on__lte=end)
    totals = rows.aggregate(count=Count("id"), value=Sum("value"))
    per_handling = {
        row["handling"]: row
        for row in rows.order_by()
        .values("handling")
        .annotate(count=Count("id"), value=Sum("value"))
    }
    per_month = {
        (row["month"].year, row["month"].month): row
        for row in rows.order_by()
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(count=Count("id"), value=Sum("value"))
    }
    by_month = []
    year, month = start.year, start.month
    for _i in range(12):
        row = per_month.get((year, month), {})
        by_month.append(
            {
                "year": year,
                "month": month,
                "label": f"{thai.MONTHS[month - 1]} {thai.be_year(year)}",
                "count": row.get("count", 0),
                "value": row.get("value") or ZERO,
            }
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return {
        "fiscal_year": fiscal_year,
        "start": start,
        "end": end,
        "count": totals["count"],
        "total_value": totals["value"] or ZERO,
        "by_handling": [
            {
                "handling": value,
                "label": str(label),
                "count": per_handling.get(value, {}).get("count", 0),
                "value": per_handling.get(value, {}).get("value") or ZERO,
            }
            for value, label in GiftDeclaration.Handling.choices
        ],
        "by_month": by_month,
    }


# Services


@transaction.atomic
def save_policy(
    *,
    org: Organization,
    fiscal_year: int,
    text: str,
    announced_on: date,
    actor,
    request=None,
) -> GiftPolicy:
    """Write or rewrite the No Gift policy of a fiscal year; staff read it from `announced_on`."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("กรุณาพิมพ์ข้อความนโยบาย")})
    if announced_on is None:
        raise ValidationError({"announced_on": _("กรุณาระบุวันที่ประกาศ")})
    policy = GiftPolicy.objects.select_for_update().filter(org=org, fiscal_year=fiscal_year).first()
    created = policy is None
    if created:
        policy = GiftPolicy(org=org, fiscal_year=fiscal_year)
    policy.text = text
    policy.announced_on = announced_on
    policy.full_clean(validate_constraints=False)
    policy.save()
    audit.record(
        action="gift_policy_saved",
        request=request,
        actor=actor,
        org=org,
        target=policy,
        detail={"fiscal_year": fiscal_year, "created": created},
    )
    return policy


@transaction.atomic
def declare_gift(
    *,
    org: Organization,
    declarant,
    received_on: date,
    giver: str,
    description: str,
    value: Decimal,
    handling: str,
    occasion: str = "",
    today: date | None = None,
    request=None,
) -> GiftDeclaration:
    """A staff member declares a gift or benefit received, for the register."""
    today = today or timezone.localdate()
    if not Membership.objects.for_org(org).filter(user=declarant, is_active=True).exists():
        raise ValidationError(_("ผู้แจ้งต้องเป็นบุคลากรของหน่วยงาน"))
    errors = {}
    if received_on is None:
        errors["received_on"] = _("กรุณาระบุวันที่ได้รับ")
    elif received_on > today:
        errors["received_on"] = _("วันที่ได้รับต้องไม่เป็นวันในอนาคต")
    if value is None:
        errors["value"] = _("กรุณาระบุมูลค่าโดยประมาณ (ไม่ทราบให้ใส่ 0)")
    elif value < 0:
        errors["value"] = _("มูลค่าต้องไม่ติดลบ")
    if handling not in GiftDeclaration.Handling.values:
        errors["handling"] = _("กรุณาเลือกการดำเนินการกับสิ่งที่ได้รับ")
    if not (giver or "").strip():
        errors["giver"] = _("กรุณาระบุผู้ให้")
    if not (description or "").strip():
        errors["description"] = _("กรุณาระบุสิ่งที่ได้รับ")
    if errors:
        raise ValidationError(errors)
    gift = GiftDeclaration(
        org=org,
        declarant=declarant,
        received_on=received_on,
        giver=giver.strip(),
        description=description.strip(),
        value=value,
        occasion=(occasion or "").strip(),
        handling=handling,
    )
    gift.full_clean()
    gift.save()
    audit.record(
        action="gift_declared",
        request=request,
        actor=declarant,
        org=org,
        target=gift,
        detail={"received_on": received_on.isoformat(), "value": str(value)},
    )
    return gift


# The summary as a spreadsheet


def summary_workbook(*, org: Organization, summary: dict, rows) -> bytes:
    """The yearly summary (first sheet) and that year's register (second sheet) as XLSX.

    Texts typed by staff (giver, description, occasion) are kept as text, never formulas.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("สรุป"))
    bold = Font(name=_FONT, size=14, bold=True)
    plain = Font(name=_FONT, size=14)
    lines: list[tuple] = [
        (str(_("รายงานผลการดำเนินการตามนโยบายไม่รับของขวัญ (No Gift Policy)")),),
        (org.name_th,),
        (
            str(_("ปีงบประมาณ %(year)s (%(period)s)"))
            % {
                "year": summary["fiscal_year"],
                "period": thai.format_date_range(
                    summary["start"], summary["end"], thai_digits=False
                ),
            },
        ),
        (),
        (str(_("จำนวนการแจ้ง (ครั้ง)")), summary["count"]),
        (str(_("มูลค่ารวม (บาท)")), summary["total_value"]),
        (),
        (str(_("การดำเนินการ")), str(_("จำนวน (ครั้ง)")), str(_("มูลค่า (บาท)"))),
        *[(row["label"], row["count"], row["value"]) for row in summary["by_handling"]],
        (),
        (str(_("เดือน")), str(_("จำนวน (ครั้ง)")), str(_("มูลค่า (บาท)"))),
        *[(row["label"], row["count"], row["value"]) for row in summary["by_month"]],
    ]
    headers = {1, 8, 9 + len(summary["by_handling"]) + 1}
    for number, line in enumerate(lines, start=1):
        for column, value in enumerate(line, start=1):
            _put(sheet, number, column, value).font = bold if number in headers else plain
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 16

    register = workbook.create_sheet(str(_("ทะเบียน")))
    head = (
        _("วันที่ได้รับ"),
        _("ผู้แจ้ง"),
        _("ผู้ให้"),
        _("สิ่งที่ได้รับ"),
        _("โอกาส"),
        _("มูลค่า (บาท)"),
        _("การดำเนินการ"),
    )
    for column, value in enumerate(head, start=1):
        _put(register, 1, column, str(value)).font = bold
    for number, gift in enumerate(rows, start=2):
        line = (
            gift.received_on,
            gift.declarant.get_full_name() or gift.declarant.get_username(),
            gift.giver,
            gift.description,
            gift.occasion,
            gift.value,
            gift.get_handling_display(),
        )
        for column, value in enumerate(line, start=1):
            _put(register, number, column, value).font = plain
    for column, width in zip("ABCDEFG", (14, 24, 28, 36, 20, 14, 30), strict=True):
        register.column_dimensions[column].width = width
    register.freeze_panes = "A2"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _put(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Decimal):
        cell.value = float(value)
        cell.number_format = "#,##0.00"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
            if looks_like_formula(value):
                cell.quotePrefix = True
    return cell
