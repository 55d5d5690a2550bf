"""The staff inbox: one list for every channel, and the work on each case."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from prongsai.eservices import services as eservices
from prongsai.inbox import follow_through, selectors, services
from prongsai.inbox.forms import (
    AssignForm,
    BoardForm,
    CaseFilterForm,
    CloseForm,
    ForwardForm,
    MessageForm,
    StaffCaseForm,
    StatusForm,
    apply_errors,
)
from prongsai.inbox.models import Attachment, Case, CasePolicy
from prongsai.inbox.views.public import serve_attachment
from prongsai.orgs.permissions import staff_required

User = get_user_model()


def _filters(form: CaseFilterForm) -> selectors.CaseFilters:
    # Invalid values are dropped one by one, so a bad parameter never hides the list.
    data = {name: value for name, value in form.cleaned_data.items() if value}
    if division := data.pop("division", None):
        data["division"] = division.pk
    return selectors.CaseFilters(**data)


@staff_required(*selectors.INBOX_ROLES)
def case_list(request):
    form = CaseFilterForm(request.org, request.GET or None)
    form.is_valid()
    filters = _filters(form) if form.is_bound else selectors.CaseFilters(status="open")
    cases = selectors.filter_cases(org=request.org, filters=filters, user=request.user)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    visible = [
        case
        for case in page.object_list
        if selectors.can_see_confidential(membership=request.membership, case=case)
    ]
    services.record_list_view(cases=visible, request=request, via="list")
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_act": selectors.can_act(request.membership),
        "visible": {case.pk for case in visible},
    }
    return render(request, "inbox/staff/case_list.html", context)


@staff_required(*selectors.ACTING_ROLES)
def case_new(request):
    """Log a case that came by phone, in person or by letter."""
    form = StaffCaseForm(request.org, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.submit_case(
                org=request.org,
                channel=data["channel"],
                kind=data["kind"],
                service=data["service"],
                division=data["division"],
                subject=data["subject"],
                text=data["text"],
                received_at=data["received_at"],
                files=data["photos"],
                idempotency_key=data["idempotency_key"],
                actor=request.user,
                **form.location_data(),
                **form.contact_data(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("บันทึกเรื่องแล้ว รหัสติดตาม %(code)s") % {"code": case.tracking_code}
            )
            return redirect("org:case", request.org.slug, case.tracking_code)
    return render(request, "inbox/staff/case_new.html", {"form": form})


def _case_or_404(request, code: str) -> Case:
    case = selectors.get_case(org=request.org, code=code)
    if case is None:
        raise Http404(_("ไม่พบเรื่องที่มีรหัสนี้"))
    return case


@staff_required(*selectors.INBOX_ROLES)
def case_detail(request, code: str):
    case = _case_or_404(request, code)
    services.record_view(case=case, request=request)
    visible = selectors.can_see_confidential(membership=request.membership, case=case)
    can_act = visible and selectors.can_act(request.membership) and case.is_open
    members = User.objects.filter(
        pk__in=selectors.assignable_members(org=request.org).values("user_id")
    )
    context = {
        "case": case,
        "visible": visible,
        "can_act": can_act,
        "events": selectors.staff_events(case=case) if visible else [],
        "booking": getattr(case, "booking", None),
    }
    if visible and selectors.can_act(request.membership) and case.kind in CasePolicy.BOARD_KINDS:
        # Closed matters stay on the board with their proof, so this outlives closing.
        context["board_form"] = BoardForm(initial={"hidden": not case.board_hidden})
    if can_act:
        context |= {
            "assign_form": AssignForm(members, initial={"assignee": case.assignee_id}),
            "forward_form": ForwardForm(request.org, initial={"division": case.division_id}),
            "reply_form": MessageForm(prefix="reply"),
            "note_form": MessageForm(prefix="note"),
            "status_form": StatusForm(initial={"status": case.status}),
            # Its own ids: the status form beside it has a field of the same name.
            "close_form": CloseForm(
                physical=bool(case.service and case.service.is_physical), auto_id="close-%s"
            ),
        }
    return render(request, "inbox/staff/case_detail.html", context)


@require_POST
@staff_required(*selectors.ACTING_ROLES)
def case_action(request, code: str, action: str):
    """One action on a case from the detail page; errors come back as messages."""
    case = _case_or_404(request, code)
    if not selectors.can_see_confidential(membership=request.membership, case=case):
        raise PermissionDenied(_("เรื่องนี้เป็นความลับ เฉพาะผู้ได้รับมอบหมาย"))
    actor, org = request.user, request.org
    try:
        if action == "assign":
            members = User.objects.filter(
                pk__in=selectors.assignable_members(org=org).values("user_id")
            )
            form = _valid(AssignForm(members, request.POST))
            services.assign_case(
                case=case, assignee=form.cleaned_data["assignee"], actor=actor, request=request
            )
        elif action == "forward":
            form = _valid(ForwardForm(org, request.POST))
            services.forward_case(case=case, actor=actor, request=request, **form.cleaned_data)
        elif action in ("reply", "note"):
            form = _valid(MessageForm(request.POST, request.FILES, prefix=action))
            act = services.reply_publicly if action == "reply" else services.add_note
            act(case=case, actor=actor, request=request, **form.cleaned_data)
        elif action == "status":
            form = _valid(StatusForm(request.POST))
            services.change_status(case=case, actor=actor, request=request, **form.cleaned_data)
        elif action == "close":
            if getattr(case, "booking", None) and case.booking.status == "requested":
                raise ValidationError(_("เรื่องนี้เป็นการจอง: ใช้ปุ่มอนุมัติหรือไม่อนุมัติ"))
            form = _valid(CloseForm(request.POST, request.FILES))
            services.close_case(case=case, actor=actor, request=request, **form.cleaned_data)
        elif action == "board":
            form = _valid(BoardForm(request.POST))
            follow_through.set_board_hidden(
                case=case, hidden=form.cleaned_data["hidden"], actor=actor, request=request
            )
        elif action in ("approve", "refuse") and hasattr(case, "booking"):
            eservices.decide_booking(
                booking=case.booking,
                approve=action == "approve",
                reason=request.POST.get("reason", ""),
                actor=actor,
                request=request,
            )
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("บันทึกแล้ว"))
    return redirect("org:case", org.slug, case.tracking_code)


def _valid(form):
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    return form


@staff_required(*selectors.INBOX_ROLES)
def staff_attachment(request, code: str, pk: int):
    case = _case_or_404(request, code)
    if not selectors.can_see_confidential(membership=request.membership, case=case):
        raise PermissionDenied(_("เรื่องนี้เป็นความลับ เฉพาะผู้ได้รับมอบหมาย"))
    services.record_view(case=case, request=request)
    return serve_attachment(get_object_or_404(Attachment, pk=pk, case=case))
