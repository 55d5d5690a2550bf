"""The public board of matters, "me too", and the follow-through policy page for admins."""

import re
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai import ratelimits
from prongsai.inbox import board, follow_through, policy
from prongsai.inbox.forms import MultipleFileField, MultipleFileInput, apply_errors
from prongsai.inbox.models import Case, CasePolicy
from prongsai.inbox.views.public import serve_attachment
from prongsai.orgs.clients import client_address
from prongsai.orgs.models import Membership
from prongsai.orgs.permissions import staff_required

PER_PAGE = 20
VILLAGE_NUMBER = re.compile(r"[0-9]{1,2}")


class MeTooForm(forms.Form):
    text = forms.CharField(
        label=_("รายละเอียดเพิ่มเติม (ถ้ามี)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("ข้อความและภาพส่งถึงเจ้าหน้าที่เท่านั้น ไม่แสดงบนหน้านี้"),
    )
    photos = MultipleFileField(
        label=_("ภาพถ่าย (ถ้ามี ไม่เกิน 5 ภาพ)"),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )


def _days_field(name: str) -> forms.IntegerField:
    """A number of days with the model's own limits, so the browser knows them too."""
    field = CasePolicy._meta.get_field(name)
    limits = {type(validator): validator.limit_value for validator in field.validators}
    return forms.IntegerField(
        label=field.verbose_name,
        min_value=limits[MinValueValidator],
        max_value=limits[MaxValueValidator],
    )


class CasePolicyForm(forms.Form):
    confirm_days = _days_field("confirm_days")
    first_response_days = _days_field("first_response_days")
    executive_after_days = _days_field("executive_after_days")
    board_kinds = forms.MultipleChoiceField(
        label=CasePolicy._meta.get_field("board_kinds").verbose_name,
        choices=[(kind.value, kind.label) for kind in CasePolicy.BOARD_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "ไม่เลือกเลย = ไม่เปิดกระดาน เรื่องร้องเรียนการทุจริตและเรื่องของบุคลากรไม่แสดงต่อสาธารณะเสมอ"
        ),
        error_messages={"invalid_choice": _("เรื่องประเภทนี้แสดงต่อสาธารณะไม่ได้")},
    )


def _board_policy(org) -> CasePolicy:
    """The org's policy; an org that opened no kind of matter has no board at all."""
    case_policy = follow_through.policy_for(org)
    if not board.board_kinds(case_policy):
        raise Http404(_("หน่วยงานนี้ยังไม่เปิดกระดานเรื่องสาธารณะ"))
    return case_policy


def _filters(request, villages: dict[int, str], codes: set[str]) -> dict:
    """The board's filters from the query string; a value it does not know is ignored."""
    status = request.GET.get("status", "")
    village = request.GET.get("village", "")
    category = request.GET.get("category", "")
    return {
        "status": status if status in board.STATUS_FILTERS else board.ALL,
        "village": (
            int(village) if VILLAGE_NUMBER.fullmatch(village) and int(village) in villages else None
        ),
        "category": category if category in codes else "",
    }


def board_list(request):
    org = request.org
    case_policy = _board_policy(org)
    villages = board.village_names(org=org, policy=case_policy)
    categories = list(board.categories(org=org, policy=case_policy))
    filters = _filters(request, villages, {service.code for service in categories})
    cases = board.board_cases(org=org, policy=case_policy, **filters)
    page = Paginator(board.with_after_photos(cases), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for case in page.object_list:
        case.village_name = board.village_label(case.village_no, villages)
    # Villages of what the other filters chose, so each is a link to its own list.
    by_village = board.board_cases(org=org, policy=case_policy, **(filters | {"village": None}))
    context = {
        "page": page,
        "filters": filters,
        "query": _query(filters),
        "village_query": _query(filters | {"village": None}),
        "statuses": [
            (board.OPEN, _("กำลังดำเนินการ")),
            (board.RESOLVED, _("แก้ไขแล้ว")),
            (board.ALL, _("ทั้งหมด")),
        ],
        "villages": villages,
        "categories": categories,
        "summary": board.summary(org=org, policy=case_policy, shown=page.paginator.count),
        "plot": board.plot(page.object_list),
        "village_counts": board.counts_by_village(by_village, villages),
    }
    return render(request, "inbox/board/list.html", context)


def _query(filters: dict) -> str:
    """The filters as a query string for the pager's links."""
    return urlencode({name: value for name, value in filters.items() if value not in (None, "")})


def _case_or_404(request, pk: int) -> Case:
    case = board.board_case(org=request.org, pk=pk, policy=_board_policy(request.org))
    if case is None:
        raise Http404(_("ไม่พบเรื่องนี้บนกระดาน"))
    return case


def board_case(request, pk: int):
    case = _case_or_404(request, pk)
    return _case_page(request, case, MeTooForm() if case.is_open else None)


def _case_page(request, case: Case, form: MeTooForm | None, status: int = 200):
    photos = follow_through.proof_photos(case)
    context = {
        "case": case,
        "village": board.village_name(org=request.org, number=case.village_no),
        "days": board.days_taken(case),
        "steps": board.timeline(case),
        "before_photos": photos["before"],
        "after_photos": photos["after"],
        "form": form,
    }
    return render(request, "inbox/board/case.html", context, status=status)


@require_POST
def me_too(request, pk: int):
    case = _case_or_404(request, pk)
    if not case.is_open:
        messages.error(request, _("เรื่องนี้ปิดแล้ว รับการแจ้งเพิ่มไม่ได้"))
        return redirect("org:board_case", request.org.slug, case.pk)
    form = MeTooForm(request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, case, form, status=400)
    refusal = ratelimits.limit_form(request, form, "me_too")
    if refusal is not None:
        return ratelimits.refused(_case_page(request, case, form), refusal)
    who = follow_through.fingerprint(
        client_address(request) or "", request.META.get("HTTP_USER_AGENT", "")
    )
    try:
        counted = follow_through.me_too(
            case=case,
            fingerprint=who,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["photos"],
        )
    except ValidationError as error:
        apply_errors(form, error)
        return _case_page(request, case, form, status=400)
    if counted:
        messages.success(request, _("ขอบคุณ บันทึกแล้ว"))
    else:
        messages.info(request, _("ท่านแจ้งเรื่องนี้ไว้แล้ว"))
    return redirect("org:board_case", request.org.slug, case.pk)


def board_photo(request, pk: int, photo_pk: int):
    """A before or after photo of a fix; no other file of the matter is public here."""
    attachment = board.board_photo(case=_case_or_404(request, pk), pk=photo_pk)
    if attachment is None:
        raise Http404
    return serve_attachment(attachment)


@require_http_methods(["GET", "POST"])
@staff_required(Membership.Role.ADMIN)
def case_policy(request):
    org = request.org
    current = follow_through.policy_for(org)
    initial = {name: getattr(current, name) for name in policy.EDITABLE}
    form = CasePolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            policy.save_policy(org=org, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("บันทึกเกณฑ์การติดตามเรื่องแล้ว"))
            return redirect("org:case_policy", org.slug)
    return render(request, "inbox/board/policy.html", {"form": form})
