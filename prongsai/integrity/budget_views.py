"""The staff's budget pages: questions about spending, and proposals for next year's budget.

Every active member of the org reaches them; answering and consolidating need
their roles. Views parse, check rights and call `budget`.
"""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai import thai
from prongsai.inbox.forms import apply_errors
from prongsai.integrity import budget
from prongsai.integrity.budget_forms import (
    AnswerForm,
    BudgetQuestionForm,
    DecisionForm,
    ProposalForm,
)
from prongsai.integrity.models import BudgetProposal
from prongsai.orgs.permissions import staff_required

STATUS_FILTERS = {"": _("ทั้งหมด"), "open": _("รอคำตอบ/ยังไม่ปิด"), "closed": _("ปิดแล้ว")}


# Budget questions ---------------------------------------------------------------------


@staff_required()
def question_list(request):
    org, membership = request.org, request.membership
    status = request.GET.get("status", "")
    if status not in STATUS_FILTERS:
        status = ""
    questions = budget.budget_questions(org=org, status=status)
    page = Paginator(questions, 30).get_page(request.GET.get("page"))
    flags = budget.sees_overdue(membership)
    context = {
        "page": page,
        "rows": [_question_row(case) for case in page.object_list],
        "status": status,
        "statuses": STATUS_FILTERS,
        "flags_overdue": flags,
        "overdue_count": budget.overdue_questions(org=org).count() if flags else 0,
        "time_limit": budget.time_limit_days(),
    }
    return render(request, "integrity/budget/question_list.html", context)


def _question_row(case) -> dict:
    # Days only: an anonymous question keeps no time of day, and the list shows them alike.
    return {
        "case": case,
        "received_on": timezone.localtime(case.received_at).date(),
        "due_on": timezone.localtime(case.due_at).date() if case.due_at else None,
        "intent": budget.intent_of(case),
        "item": budget.item_of(case),
        "author": budget.author_name(case),
    }


@staff_required()
@require_http_methods(["GET", "POST"])
def question_new(request):
    form = BudgetQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = budget.ask_budget_question(
                org=request.org,
                author=request.user,
                intent=data["intent"],
                item=data["item"],
                text=data["text"],
                anonymous=data["anonymous"],
                idempotency_key=data["idempotency_key"] or None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if data["anonymous"]:
                messages.success(request, _("ส่งแล้วโดยไม่ระบุชื่อ คำตอบจะแสดงในหน้านี้ให้บุคลากรทุกคนเห็น"))
            else:
                messages.success(request, _("ส่งแล้ว คำตอบจะแสดงในหน้านี้ให้บุคลากรทุกคนเห็น"))
            return redirect("org:budget_question", request.org.slug, case.tracking_code)
    context = {"form": form, "time_limit": budget.time_limit_days()}
    return render(request, "integrity/budget/question_new.html", context)


@staff_required()
@require_http_methods(["GET", "POST"])
def question_detail(request, code: str):
    org, membership = request.org, request.membership
    case = budget.get_budget_question(org=org, code=code)
    if case is None:
        raise Http404(_("ไม่พบคำถามนี้"))
    if case.tracking_code != code:
        return redirect("org:budget_question", org.slug, case.tracking_code)
    can_answer = budget.can_answer(membership)
    form = None
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied(_("เฉพาะผู้บริหารและเจ้าหน้าที่ผู้รับผิดชอบเท่านั้นที่ตอบคำถามได้"))
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                budget.answer_budget_question(
                    case=case, actor=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("บันทึกคำตอบแล้ว"))
                return redirect("org:budget_question", org.slug, case.tracking_code)
    if can_answer and case.is_open and form is None:
        form = AnswerForm()
    context = {
        **_question_row(case),
        "answers": budget.answers(case=case),
        "form": form if case.is_open else None,
        "can_answer": can_answer,
        "time_limit": budget.time_limit_days(),
    }
    return render(request, "integrity/budget/question_detail.html", context)


# Budget proposals ---------------------------------------------------------------------


def _year(request) -> tuple[int, str]:
    """The fiscal year asked for (Thai or Arabic digits), or next year with a notice."""
    default = budget.next_fiscal_year()
    raw = request.GET.get("year", "").strip()
    if not raw:
        return default, ""
    value = thai.to_arabic_digits(raw)
    if value.isascii() and value.isdigit() and 2500 <= int(value) <= 2700:
        return int(value), ""
    notice = _("ปีงบประมาณ “%(asked)s” ไม่ถูกต้อง ต้องเป็นปี พ.ศ. เช่น %(year)s จึงแสดงปี %(year)s แทน") % {
        "asked": raw[:10],
        "year": default,
    }
    return default, notice


@staff_required()
def proposal_list(request):
    org, membership = request.org, request.membership
    year, notice = _year(request)
    proposals = list(budget.visible_proposals(org=org, fiscal_year=year, membership=membership))
    sees_all = membership.role in budget.PROPOSAL_READERS
    totals = budget.proposal_totals(
        org=org, fiscal_year=year, proposals=None if sees_all else proposals
    )
    by_division = {total.division.pk: total for total in totals.divisions}
    groups = [
        {
            "total": by_division[division_pk],
            "rows": [
                {
                    "proposal": proposal,
                    "form": DecisionForm(
                        prefix=f"p{proposal.pk}",
                        initial={
                            "decision": {"accepted": "accept", "declined": "decline"}.get(
                                proposal.status
                            ),
                            "note": proposal.head_note,
                        },
                    )
                    if budget.can_consolidate(membership, proposal.division)
                    else None,
                }
                for proposal in rows
            ],
        }
        for division_pk, rows in groupby(proposals, key=lambda p: p.division_id)
    ]
    years = sorted({*budget.proposal_years(), year, *_years_with_proposals(org)}, reverse=True)
    context = {
        "year": year,
        "years": years,
        "notice": notice,
        "groups": groups,
        "totals": totals,
        "sees_all": sees_all,
    }
    return render(request, "integrity/budget/proposal_list.html", context)


def _years_with_proposals(org) -> list[int]:
    return list(
        BudgetProposal.objects.for_org(org).values_list("fiscal_year", flat=True).distinct()
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def proposal_new(request):
    org, membership = request.org, request.membership
    form = ProposalForm(org, membership, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = budget.propose(org=org, author=request.user, request=request, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("เสนอรายการ “%(item)s” แล้ว") % {"item": proposal.item})
            return redirect(f"{_proposals_url(org)}?year={proposal.fiscal_year}#p{proposal.pk}")
    return render(request, "integrity/budget/proposal_new.html", {"form": form})


def _proposals_url(org) -> str:
    return reverse("org:budget_proposals", args=[org.slug])


@require_POST
@staff_required()
def proposal_decide(request, pk: int):
    org = request.org
    proposal = budget.get_proposal(org=org, pk=pk)
    if proposal is None:
        raise Http404(_("ไม่พบข้อเสนอนี้ในหน่วยงาน"))
    if not budget.can_consolidate(request.membership, proposal.division):
        raise PermissionDenied(_("เฉพาะหัวหน้าส่วนราชการของสำนัก/กองนี้หรือผู้ดูแลระบบเท่านั้น"))
    form = DecisionForm(request.POST, prefix=f"p{proposal.pk}")
    if form.is_valid():
        try:
            budget.decide_proposal(
                proposal=proposal,
                actor=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("บันทึกผลการพิจารณา “%(item)s” แล้ว") % {"item": proposal.item})
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(f"{_proposals_url(org)}?year={proposal.fiscal_year}#p{proposal.pk}")
