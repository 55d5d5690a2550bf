"""The staff pages of government property loans and of No Gift.

Any staff member borrows, declares gifts and reads the policy; admins and
officers keep the register and decide on loans; admins write the policy;
admins and executives read the whole gift register and its summary.
Views parse, check rights and call `property` and `gifts`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from prongsai import thai
from prongsai.inbox.forms import apply_errors
from prongsai.integrity import gifts
from prongsai.integrity import property as loans
from prongsai.integrity.models import Loan, PropertyItem
from prongsai.integrity.property_forms import (
    GiftDeclarationForm,
    GiftPolicyForm,
    LoanRequestForm,
    PropertyItemForm,
    ReturnForm,
)
from prongsai.orgs import audit
from prongsai.orgs.permissions import staff_required
from prongsai.orgs.tenancy import get_for_org

LOAN_FILTERS = ("requested", "approved", "overdue", "returned", "rejected")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _role_in(request, roles) -> bool:
    return request.membership.role in roles


def _loan_rows(loans_, today, *, highlight: bool) -> list[dict]:
    rows = []
    for loan in loans_:
        overdue = loan.is_overdue(today)
        rows.append(
            {
                "loan": loan,
                "overdue": overdue,
                "days_overdue": (today - loan.due_on).days if overdue else 0,
                "highlight": overdue and highlight,
                "period": loans.loan_period(loan),
                "returned_note": _returned_note(loan),
            }
        )
    return rows


def _returned_note(loan: Loan) -> str:
    if loan.returned_on is None:
        return ""
    days = (loan.returned_on - loan.due_on).days
    if days < 0:
        return _("คืนก่อนกำหนด %(days)s วัน") % {"days": -days}
    if days > 0:
        return _("คืนช้ากว่ากำหนด %(days)s วัน") % {"days": days}
    return _("คืนตรงกำหนด")


# Property register


@staff_required()
def property_items(request):
    can_manage = _role_in(request, loans.PROPERTY_MANAGERS)
    items = PropertyItem.objects.for_org(request.org)
    if not can_manage:
        items = items.filter(is_lendable=True)
    today = timezone.localdate()
    # Who has each item now (an approved loan that has started and is not returned).
    holders = {
        loan.item_id: loan
        for loan in Loan.objects.for_org(request.org)
        .filter(status=Loan.Status.APPROVED, starts_on__lte=today)
        .select_related("borrower")
        .order_by("starts_on")
    }
    rows = [
        {
            "item": item,
            "holder": holders.get(item.pk),
            "overdue": _holder_overdue(holders, item, today),
        }
        for item in items
    ]
    context = {"rows": rows, "can_manage": can_manage}
    return render(request, "integrity/property/items.html", context)


def _holder_overdue(holders, item, today) -> bool:
    loan = holders.get(item.pk)
    return loan is not None and loan.is_overdue(today)


@staff_required()
def property_item(request, pk: int):
    item = get_for_org(PropertyItem.objects.all(), request.org, pk=pk)
    today = timezone.localdate()
    history = item.loans.select_related("borrower", "decided_by").order_by(
        "-starts_on", "-created_at"
    )
    context = {
        "item": item,
        "rows": _loan_rows(history, today, highlight=_role_in(request, loans.OVERDUE_WATCHERS)),
        "can_manage": _role_in(request, loans.PROPERTY_MANAGERS),
    }
    return render(request, "integrity/property/item.html", context)


@staff_required(*loans.PROPERTY_MANAGERS)
def property_item_edit(request, pk: int | None = None):
    item = get_for_org(PropertyItem.objects.all(), request.org, pk=pk) if pk else PropertyItem()
    form = PropertyItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = loans.save_item(
                org=request.org, item=form.save(commit=False), actor=request.user, request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึก “%(name)s” ในทะเบียนแล้ว") % {"name": item.name})
            return redirect("org:property_item", request.org.slug, item.pk)
    return render(request, "integrity/property/item_form.html", {"form": form, "item": item})


@staff_required(*loans.PROPERTY_MANAGERS)
@require_POST
def property_item_lendable(request, pk: int):
    item = get_for_org(PropertyItem.objects.all(), request.org, pk=pk)
    lendable = request.POST.get("lendable") == "1"
    loans.set_item_lendable(
        org=request.org, item=item, lendable=lendable, actor=request.user, request=request
    )
    if lendable:
        messages.success(request, _("เปิดให้ยืม “%(name)s” อีกครั้งแล้ว") % {"name": item.name})
    else:
        messages.success(
            request,
            _("งดให้ยืม “%(name)s” แล้ว ประวัติการยืมยังเก็บไว้ตามเดิม") % {"name": item.name},
        )
    return redirect("org:property_item", request.org.slug, item.pk)


# Loans


@staff_required()
def loan_list(request):
    today = timezone.localdate()
    status = request.GET.get("status", "")
    rows = loans.org_loans(org=request.org)
    if status == "overdue":
        rows = loans.overdue_loans(org=request.org, today=today)
    elif status in LOAN_FILTERS:
        rows = rows.filter(status=status)
    else:
        status = ""
    watcher = _role_in(request, loans.OVERDUE_WATCHERS)
    context = {
        "rows": _loan_rows(rows, today, highlight=watcher),
        "status": status,
        "filters": [
            ("requested", _("รออนุมัติ")),
            ("approved", _("อนุมัติแล้ว/ยังไม่คืน")),
            ("overdue", _("เกินกำหนดคืน")),
            ("returned", _("คืนแล้ว")),
            ("rejected", _("ไม่อนุมัติ")),
        ],
        "overdue_count": loans.overdue_loans(org=request.org, today=today).count(),
        "watcher": watcher,
        "can_manage": _role_in(request, loans.PROPERTY_MANAGERS),
    }
    return render(request, "integrity/property/loans.html", context)


@staff_required()
def my_loans(request):
    today = timezone.localdate()
    rows = _loan_rows(loans.loans_of(org=request.org, borrower=request.user), today, highlight=True)
    context = {"rows": rows, "overdue_count": sum(1 for row in rows if row["overdue"])}
    return render(request, "integrity/property/my_loans.html", context)


@staff_required()
def loan_new(request):
    initial = {}
    if (item_pk := request.GET.get("item", "")).isascii() and item_pk.isdigit():
        initial["item"] = int(item_pk)
    form = LoanRequestForm(request.org, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            loan = loans.request_loan(
                org=request.org,
                borrower=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("ส่งคำขอยืม “%(item)s” ช่วง %(period)s แล้ว รอผู้รับผิดชอบอนุมัติ")
                % {"item": loan.item.name, "period": loans.loan_period(loan)},
            )
            return redirect("org:my_loans", request.org.slug)
    return render(request, "integrity/property/loan_form.html", {"form": form})


def _loan(request, pk: int) -> Loan:
    return get_for_org(
        Loan.objects.select_related("item", "borrower", "decided_by"), request.org, pk=pk
    )


def _loan_page(request, loan: Loan, *, return_form=None, status=200):
    today = timezone.localdate()
    can_manage = _role_in(request, loans.PROPERTY_MANAGERS)
    context = {
        "loan": loan,
        "row": _loan_rows([loan], today, highlight=True)[0],
        "can_manage": can_manage,
        "return_form": return_form or (ReturnForm() if can_manage else None),
    }
    return render(request, "integrity/property/loan.html", context, status=status)


@staff_required()
def loan_detail(request, pk: int):
    return _loan_page(request, _loan(request, pk))


@staff_required(*loans.PROPERTY_MANAGERS)
@require_POST
def loan_decide(request, pk: int):
    loan = _loan(request, pk)
    decision = request.POST.get("decision", "")
    if decision not in ("approve", "reject"):
        messages.error(request, _("ไม่รู้จักคำสั่งที่ส่งมา กรุณาลองใหม่"))
        return redirect("org:loan", request.org.slug, loan.pk)
    try:
        loans.decide_loan(
            org=request.org,
            loan=loan,
            approve=decision == "approve",
            actor=request.user,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decision == "approve":
            messages.success(request, _("อนุมัติการยืมแล้ว"))
        else:
            messages.success(request, _("ไม่อนุมัติการยืมแล้ว"))
    return redirect("org:loan", request.org.slug, loan.pk)


@staff_required(*loans.PROPERTY_MANAGERS)
@require_POST
def loan_return(request, pk: int):
    loan = _loan(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            loans.return_loan(
                org=request.org,
                loan=loan,
                returned_on=form.cleaned_data["returned_on"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกการคืนแล้ว · %(note)s") % {"note": _returned_note(loan)})
            return redirect("org:loan", request.org.slug, loan.pk)
    messages.error(request, _("ยังไม่ได้บันทึกการคืน กรุณาแก้ไขตามที่แจ้งไว้"))
    return _loan_page(request, loan, return_form=form, status=400)


# No Gift


def _year(request) -> int:
    value = request.GET.get("year", "")
    if value.isascii() and value.isdigit() and 2500 <= int(value) <= 2700:
        return int(value)
    return thai.fiscal_year(timezone.localdate())


def _year_links(request, url_name: str, years: list[int], current: int) -> list[dict]:
    path = reverse(url_name, args=[request.org.slug])
    return [
        {"year": year, "url": f"{path}?year={year}", "current": year == current} for year in years
    ]


@staff_required()
def gift_register(request):
    year = _year(request)
    sees_all = _role_in(request, gifts.REGISTER_READERS)
    rows = gifts.declarations(
        org=request.org,
        fiscal_year=year,
        declarant=None if sees_all else request.user,
    )
    years = gifts.declaration_years(org=request.org)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    context = {
        "rows": rows,
        "year": year,
        "years": _year_links(request, "org:gift_register", years, year),
        "sees_all": sees_all,
        "total": sum((row.value for row in rows), gifts.ZERO),
    }
    return render(request, "integrity/gifts/register.html", context)


@staff_required()
def gift_declare(request):
    form = GiftDeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gift = gifts.declare_gift(
                org=request.org, declarant=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกการแจ้งรับ “%(what)s” แล้ว") % {"what": gift.description})
            year = thai.fiscal_year(gift.received_on)
            return redirect(reverse("org:gift_register", args=[request.org.slug]) + f"?year={year}")
    policy = gifts.policy_for(org=request.org, fiscal_year=thai.fiscal_year(timezone.localdate()))
    return render(request, "integrity/gifts/declare.html", {"form": form, "policy": policy})


@staff_required()
def gift_policy(request):
    year = _year(request)
    today = timezone.localdate()
    can_write = _role_in(request, gifts.POLICY_WRITERS)
    policy = gifts.policy_for(org=request.org, fiscal_year=year)
    # Staff read a policy from the day it is announced; its writers see it before.
    if policy is not None and policy.announced_on > today and not can_write:
        policy = None
    others = gifts.policies(org=request.org)
    if not can_write:
        others = others.filter(announced_on__lte=today)
    context = {
        "policy": policy,
        "year": year,
        "today": today,
        "years": [
            {
                "year": other.fiscal_year,
                "url": reverse("org:gift_policy", args=[request.org.slug])
                + f"?year={other.fiscal_year}",
                "current": other.fiscal_year == year,
            }
            for other in others
        ],
        "can_write": can_write,
    }
    return render(request, "integrity/gifts/policy.html", context)


@staff_required(*gifts.POLICY_WRITERS)
def gift_policy_edit(request):
    year = _year(request)
    policy = gifts.policy_for(org=request.org, fiscal_year=year)
    initial = None if policy else {"fiscal_year": year, "announced_on": timezone.localdate()}
    form = GiftPolicyForm(request.POST or None, policy=policy, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = gifts.save_policy(
                org=request.org, actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("บันทึกนโยบายไม่รับของขวัญ ปีงบประมาณ %(year)s แล้ว") % {"year": saved.fiscal_year},
            )
            return redirect(
                reverse("org:gift_policy", args=[request.org.slug]) + f"?year={saved.fiscal_year}"
            )
    return render(
        request, "integrity/gifts/policy_form.html", {"form": form, "policy": policy, "year": year}
    )


def _summary_context(request, url_name: str) -> dict:
    year = _year(request)
    years = gifts.declaration_years(org=request.org)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    return {
        "summary": gifts.gift_summary(org=request.org, fiscal_year=year),
        "year": year,
        "years": _year_links(request, url_name, years, year),
        "period": thai.format_date_range(*thai.fiscal_year_range(year), thai_digits=False),
    }


@staff_required(*gifts.REGISTER_READERS)
def gift_summary(request):
    context = _summary_context(request, "org:gift_summary")
    return render(request, "integrity/gifts/summary.html", context)


@staff_required(*gifts.REGISTER_READERS)
def gift_summary_print(request):
    context = _summary_context(request, "org:gift_summary_print")
    return render(request, "integrity/gifts/summary_print.html", context)


@staff_required(*gifts.REGISTER_READERS)
def gift_summary_xlsx(request, year: int):
    if not 2500 <= year <= 2700:
        raise Http404(_("ไม่มีปีงบประมาณนี้"))
    summary = gifts.gift_summary(org=request.org, fiscal_year=year)
    rows = gifts.declarations(org=request.org, fiscal_year=year).order_by("received_on", "pk")
    data = gifts.summary_workbook(org=request.org, summary=summary, rows=rows)
    audit.record(
        action="gift_summary_exported",
        request=request,
        detail={"fiscal_year": year, "rows": summary["count"]},
    )
    response = HttpResponse(data, content_type=XLSX_TYPE)
    filename = f"{request.org.slug}-no-gift-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
